package io.github.spatialvlm4j.datagen.source.images;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.source.FileNames;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import io.github.spatialvlm4j.geometry.io.ImageTooLargeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Frames from a folder of plain photos: every {@code *.jpg}, {@code *.jpeg} and {@code *.png}
 * directly in the folder (extension case ignored), sorted by file name; the frame id is the name
 * without its extension. Frames carry only the image: depth, intrinsics, masks and captions come
 * from the perception models. EXIF metadata (orientation, focal length) is not read: images are
 * used as stored, and intrinsics come from the depth model or the default field of view. Decoding
 * is strict (a truncated photo fails to load, naming the file) and bounded in pixels. The folder is
 * listed once, when the source is opened; images are decoded lazily. Thread-safe.
 */
public final class ImageFolderSource implements FrameSource {
    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png");

    private final Path dir;
    private final List<String> ids;
    private final Map<String, Path> files;
    private final long maxPixels;
    private final List<String> warnings;

    private ImageFolderSource(Path dir, Map<String, Path> files, long maxPixels, List<String> warnings) {
        this.dir = dir;
        this.files = files;
        this.ids = List.copyOf(files.keySet());
        this.maxPixels = maxPixels;
        this.warnings = List.copyOf(warnings);
    }

    /** As {@link #open(Path, long)} without a pixel limit. */
    public static ImageFolderSource open(Path dir) throws IOException {
        return open(dir, ColorImages.UNLIMITED);
    }

    /**
     * Opens {@code dir} (by its canonical path) and lists its images. Other files are counted and named
     * in {@link #warnings()}; files whose name starts with a dot and sub-folders are ignored.
     *
     * @param maxPixels the most pixels a photo may have, &gt;= 1; a larger one fails to load, naming the
     *     file, before it is decoded
     * @throws IOException when the folder is missing or holds no image, or two images share an id
     *     ({@code a.jpg}, {@code a.png})
     */
    public static ImageFolderSource open(Path dir, long maxPixels) throws IOException {
        ImageTooLargeException.requireLimit(maxPixels);
        if (!Files.isDirectory(dir)) {
            throw new IOException("Image input folder not found: " + dir);
        }
        dir = dir.toRealPath();
        Map<String, Path> images = new TreeMap<>();
        List<String> others = new ArrayList<>();
        try (Stream<Path> listing = Files.list(dir)) {
            for (Iterator<Path> it = listing.iterator(); it.hasNext();) {
                Path f = it.next();
                String name = f.getFileName().toString();
                if (name.startsWith(".") || Files.isDirectory(f)) {
                    continue;
                }
                String lower = name.toLowerCase(Locale.ROOT);
                String ext = EXTENSIONS.stream().filter(x -> lower.endsWith(x) && lower.length() > x.length())
                        .findFirst().orElse(null);
                if (ext == null) {
                    others.add(name);
                    continue;
                }
                String id = name.substring(0, name.length() - ext.length());
                Path previous = images.put(id, f);
                if (previous != null) {
                    throw new IOException("Image " + id + " exists twice: " + previous + " and " + f);
                }
            }
        }
        if (images.isEmpty()) {
            throw new IOException("No images in " + dir + ": expected .jpg, .jpeg or .png files"
                    + (others.isEmpty() ? " (the folder is empty)" : " (found " + FileNames.firstFew(others) + ")"));
        }
        List<String> warnings = others.isEmpty() ? List.of()
                : List.of(FileNames.count(others.size()) + " in " + dir + (others.size() == 1
                        ? " is no image and is not read: " : " are no images and are not read: ")
                        + FileNames.firstFew(others));
        return new ImageFolderSource(dir, images, maxPixels, warnings);
    }

    @Override
    public int size() {
        return ids.size();
    }

    /** The frame ids, sorted. */
    public List<String> ids() {
        return ids;
    }

    @Override
    public Optional<String> idOf(int index) {
        return index >= 0 && index < ids.size() ? Optional.of(ids.get(index)) : Optional.empty();
    }

    @Override
    public List<Path> inputFiles(int index) {
        return List.of(files.get(ids.get(checkIndex(index))));
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    private int checkIndex(int index) {
        return FrameSource.checkIndex(index, ids.size());
    }

    @Override
    public Frame load(int index) throws IOException {
        String id = ids.get(checkIndex(index));
        ColorImages.Decoded photo = ColorImages.readDecoded(files.get(id), maxPixels);
        return new Frame(id, photo.image(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                Optional.empty()).withImagePng(photo.png());
    }

    @Override
    public String describe() {
        return "images: " + ids.size() + " photos in " + dir;
    }
}
