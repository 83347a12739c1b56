package io.github.spatialvlm4j.datagen.sink;

import io.github.spatialvlm4j.datagen.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * An image of a {@link FrameRecord}, encoded as PNG: its bytes in memory, or a file already written to
 * the output directory ({@link ShardedOutput#writeImages}), whose bytes are read back only when a format
 * embeds them (Parquet's {@code image.bytes}). So a runner that holds shards of records waiting to be
 * committed holds no image bytes: at 1280x720 they are about 3.3 MB a frame (the image and its marked
 * copy), 210 MB a shard of 64.
 *
 * <p>Identity: {@code equals} is {@code Object}'s, as for the byte array it replaces in a record.
 * Thread-safe (immutable but for the SHA-256, computed at most once per thread that asks).
 */
public final class EncodedPng {

    private final byte[] bytes;
    private final Path file;
    private final long size;
    private volatile String sha256;

    private EncodedPng(byte[] bytes, Path file, long size, String sha256) {
        this.bytes = bytes;
        this.file = file;
        this.size = size;
        this.sha256 = sha256;
    }

    /** The image held in memory; shares {@code png}: do not modify it afterwards. */
    public static EncodedPng of(byte[] png) {
        Objects.requireNonNull(png, "png");
        return new EncodedPng(png, null, png.length, null);
    }

    /**
     * An image already written to {@code file}.
     *
     * @param file where it is, absolute or relative to the working directory
     * @param size its length, bytes
     * @param sha256 its SHA-256, lowercase hex
     */
    static EncodedPng written(Path file, long size, String sha256) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0) {
            throw new IllegalArgumentException("Invalid image size: " + size + " bytes (must be >= 0)");
        }
        return new EncodedPng(null, file, size, sha256);
    }

    /**
     * The PNG bytes: the array itself when in memory (shared: do not modify), else read from the file.
     *
     * @throws UncheckedIOException if the file cannot be read, naming it
     * @throws IllegalStateException if the file no longer has the size it was written with
     */
    public byte[] bytes() {
        if (bytes != null) {
            return bytes;
        }
        byte[] read;
        try {
            read = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the image " + file + " back: " + e.getMessage(), e);
        }
        if (read.length != size) {
            throw new IllegalStateException("Image " + file + " is " + read.length + " bytes, written with " + size
                    + ": it was changed during the run");
        }
        return read;
    }

    /** The length of the PNG, bytes. */
    public long size() {
        return size;
    }

    /** The SHA-256 of the PNG, lowercase hex (computed once for an image in memory). */
    public String sha256() {
        String s = sha256;
        if (s == null) {
            s = Sha256.hex(bytes);
            sha256 = s;
        }
        return s;
    }

    /** The file the image was written to, or empty while it is held in memory. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    @Override
    public String toString() {
        return file == null ? "PNG in memory (" + size + " bytes)" : "PNG " + file + " (" + size + " bytes)";
    }
}
