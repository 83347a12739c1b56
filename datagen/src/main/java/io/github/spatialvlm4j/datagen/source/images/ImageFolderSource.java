package io.github.spatialvlm4j.datagen.source.images;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * used as stored, and intrinsics come from the depth model or the default field of view. The
 * folder is listed once, when the source is opened; images are decoded lazily. Thread-safe.
 */
public final class ImageFolderSource implements FrameSource {
    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png");

    private final Path dir;
    private final List<String> ids;
    private final Map<String, Path> files;

    private ImageFolderSource(Path dir, Map<String, Path> files) {
        this.dir = dir;
        this.files = files;
        this.ids = List.copyOf(files.keySet());
    }

    /**
     * Opens {@code dir} and lists its images.
     *
     * @throws IOException when the folder is missing, or two images share an id ({@code a.jpg}, {@code a.png})
     */
    public static ImageFolderSource open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("Image input folder not found: " + dir);
        }
        Map<String, Path> images = new TreeMap<>();
        try (Stream<Path> listing = Files.list(dir)) {
            for (Iterator<Path> it = listing.iterator(); it.hasNext();) {
                Path f = it.next();
                String name = f.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                for (String ext : EXTENSIONS) {
                    if (lower.endsWith(ext) && lower.length() > ext.length() && Files.isRegularFile(f)) {
                        String id = name.substring(0, name.length() - ext.length());
                        Path previous = images.put(id, f);
                        if (previous != null) {
                            throw new IOException("Image " + id + " exists twice: " + previous + " and " + f);
                        }
                    }
                }
            }
        }
        return new ImageFolderSource(dir, images);
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
    public Frame load(int index) throws IOException {
        if (index < 0 || index >= ids.size()) {
            throw new IndexOutOfBoundsException("Frame index " + index + " outside [0, " + ids.size() + ")");
        }
        String id = ids.get(index);
        ColorImages.Decoded photo = ColorImages.readDecoded(files.get(id));
        return new Frame(id, photo.image(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                Optional.empty()).withImagePng(photo.png());
    }

    @Override
    public String describe() {
        return "images: " + ids.size() + " photos in " + dir;
    }
}
