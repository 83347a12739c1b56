package io.github.spatialvlm4j.geometry.search;

import java.util.Arrays;

/**
 * A growable list of {@code int}s without boxing, used as the reusable output of neighbour
 * queries: pass the same instance to many queries to avoid allocating per query. Not thread-safe.
 */
public final class IntList {
    private int[] data;
    private int size;

    /** An empty list. */
    public IntList() {
        this(16);
    }

    /** An empty list with room for {@code capacity} elements before it grows. */
    public IntList(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("Invalid capacity: " + capacity + " (must be >= 0)");
        }
        data = new int[capacity];
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    /** Whether the list has no elements. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Element {@code i}, in {@code [0, size())}. */
    public int get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("Index " + i + " outside [0, " + size + ")");
        }
        return data[i];
    }

    /** Appends {@code value}; amortised O(1). */
    public void add(int value) {
        if (size == data.length) {
            data = Arrays.copyOf(data, Math.max(16, 2 * data.length));
        }
        data[size++] = value;
    }

    /** Removes every element (keeps the capacity). */
    public void clear() {
        size = 0;
    }

    /** Sorts the elements in ascending order. O(size log size). */
    public void sort() {
        Arrays.sort(data, 0, size);
    }

    /** A copy of the elements. */
    public int[] toArray() {
        return Arrays.copyOf(data, size);
    }

    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
