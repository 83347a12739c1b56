package io.github.spatialvlm4j.datagen.source.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderSourceTest {

    @TempDir
    Path dir;

    private static RgbImage random(SplittableRandom rnd, int w, int h) {
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = rnd.nextInt(1 << 24);
        }
        return new RgbImage(w, h, px);
    }

    @Test
    void listsPhotosSortedAndLoadsOnlyTheImage() throws IOException {
        SplittableRandom rnd = new SplittableRandom(3);
        RgbImage b = random(rnd, 5, 4);
        RgbImage a = random(rnd, 3, 2);
        ColorImages.writePng(b, dir.resolve("b.PNG"));
        ColorImages.writePng(a, dir.resolve("a.png"));
        Files.write(dir.resolve("c.jpg"), ColorImages.encodePng(a)); // decoded by content, not by name
        Files.writeString(dir.resolve("notes.txt"), "x");
        Files.createDirectories(dir.resolve("sub.png"));
        ImageFolderSource s = ImageFolderSource.open(dir);
        assertEquals(List.of("a", "b", "c"), s.ids());
        assertEquals(3, s.size());
        Frame f = s.load(1);
        assertEquals("b", f.id());
        assertArrayEquals(b.rgb(), f.image().rgb());
        assertTrue(f.depth().isEmpty() && f.intrinsics().isEmpty() && f.labels().isEmpty() && f.captions().isEmpty()
                && f.groundMask().isEmpty() && f.groundTruth().isEmpty());
        assertTrue(s.describe().contains("3 photos"), s.describe());
        assertThrows(IndexOutOfBoundsException.class, () -> s.load(3));
    }

    @Test
    void badFoldersAndFilesAreNamed() throws IOException {
        IOException missing = assertThrows(IOException.class, () -> ImageFolderSource.open(dir.resolve("nope")));
        assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
        ColorImages.writePng(random(new SplittableRandom(1), 2, 2), dir.resolve("x.png"));
        Files.write(dir.resolve("x.jpeg"), new byte[] {1, 2, 3});
        IOException twice = assertThrows(IOException.class, () -> ImageFolderSource.open(dir));
        assertTrue(twice.getMessage().contains("x.png") && twice.getMessage().contains("x.jpeg"), twice.getMessage());
        Files.delete(dir.resolve("x.png"));
        ImageFolderSource s = ImageFolderSource.open(dir);
        IOException corrupt = assertThrows(IOException.class, () -> s.load(0));
        assertTrue(corrupt.getMessage().contains("x.jpeg"), corrupt.getMessage());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        IOException none = assertThrows(IOException.class, () -> ImageFolderSource.open(empty));
        assertTrue(none.getMessage().contains("No images in " + empty.toRealPath()), none.getMessage());
        Files.writeString(empty.resolve("notes.txt"), "not a photo");
        none = assertThrows(IOException.class, () -> ImageFolderSource.open(empty));
        assertTrue(none.getMessage().contains("found notes.txt"), none.getMessage());
    }
}
