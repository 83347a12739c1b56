package io.github.spatialvlm4j.datagen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.spatialvlm4j.geometry.ShapeMismatchException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {

    @TempDir
    Path tmp;

    private static final int SERIES_RGB = 0x4678BE;

    @Test
    void risingSeriesIsDrawnLowLeftToHighRight() throws IOException {
        Path f = tmp.resolve("plot.png");
        LinePlot.write(f, "reward", "step", "reward", new double[] {0, 1, 2, 3}, new double[] {-2, -1.5, -1, -0.2}, "%.1f");
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(660, img.getWidth());
        // The first point (minimum) sits at the bottom-left corner of the plot, the last (maximum) at the top-right.
        assertEquals(SERIES_RGB, img.getRGB(70, 370) & 0xFFFFFF);
        assertEquals(SERIES_RGB, img.getRGB(630, 50) & 0xFFFFFF);
        assertFalse(Files.list(tmp).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }

    @Test
    void onePointAndBadInputs() throws IOException {
        LinePlot.write(tmp.resolve("one.png"), "t", "x", "y", new double[] {1}, new double[] {1}, "%.1f");
        assertEquals(SERIES_RGB, ImageIO.read(tmp.resolve("one.png").toFile()).getRGB(350, 210) & 0xFFFFFF);
        assertThrows(ShapeMismatchException.class,
                () -> LinePlot.write(tmp.resolve("a.png"), "t", "x", "y", new double[] {1, 2}, new double[] {1}, "%f"));
        assertThrows(IllegalArgumentException.class,
                () -> LinePlot.write(tmp.resolve("b.png"), "t", "x", "y", new double[0], new double[0], "%f"));
        assertThrows(IllegalArgumentException.class,
                () -> LinePlot.write(tmp.resolve("c.png"), "t", "x", "y", new double[] {Double.NaN}, new double[] {1}, "%f"));
    }
}
