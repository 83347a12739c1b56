package io.github.spatialvlm4j.datagen.source.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import io.github.spatialvlm4j.geometry.io.ImageTooLargeException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
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
        assertEquals(List.of("1 file in " + dir.toRealPath() + " is no image and is not read: notes.txt"),
                s.warnings(), "sub-folders are not named");
        assertEquals(List.of(dir.toRealPath().resolve("b.PNG")), s.inputFiles(1));
        assertEquals(Optional.of("c"), s.idOf(2));
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

    @Test
    void aTruncatedPhotoOrOneOverThePixelLimitFailsToLoadNamingIt() throws IOException {
        RgbImage image = random(new SplittableRandom(5), 40, 30);
        BufferedImage b = new BufferedImage(40, 30,
                BufferedImage.TYPE_INT_RGB);
        b.setRGB(0, 0, 40, 30, image.rgb(), 0, 40);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(b, "jpeg", jpeg));
        byte[] bytes = jpeg.toByteArray();
        Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(bytes, bytes.length * 2 / 3));
        Files.write(dir.resolve("whole.jpg"), bytes);
        ImageFolderSource s = ImageFolderSource.open(dir, 1200);
        IOException cut = assertThrows(IOException.class, () -> s.load(0));
        assertTrue(cut.getMessage().contains(dir.toRealPath().resolve("cut.jpg") + ": truncated or corrupt"),
                cut.getMessage());
        assertEquals(40, s.load(1).image().width());
        assertThrows(ImageTooLargeException.class,
                () -> ImageFolderSource.open(dir, 1199).load(1));
    }
}
