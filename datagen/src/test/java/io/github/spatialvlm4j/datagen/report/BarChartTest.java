package io.github.spatialvlm4j.datagen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the PNG back and looks at the pixels where bars and the reference line must (not) be. */
class BarChartTest {
    private static final int BAR = 0x4678BE; // Color(70, 120, 190)
    private static final int BASE_Y = 50 + 360; // top margin + plot height
    private static final int PLOT = 360;

    @TempDir
    Path tmp;

    /** Centre column of bar {@code i}. */
    private static int barX(int i) {
        return 60 + 6 + i * 30 + 11;
    }

    private static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xFFFFFF;
    }

    private static boolean reddish(int rgb) {
        int r = rgb >> 16 & 0xFF;
        int g = rgb >> 8 & 0xFF;
        int b = rgb & 0xFF;
        return r > 150 && g < 130 && b < 130;
    }

    private static boolean anyReddish(BufferedImage img, int y0, int y1) {
        for (int y = y0; y <= y1; y++) {
            for (int x = 60; x < img.getWidth() - 20; x++) {
                if (reddish(rgb(img, x, y))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void barsHaveTheirHeightsAndTheReferenceLineIsDrawn() throws IOException {
        Path file = tmp.resolve("sub/chart.png");
        BarChart.write(file, "test", List.of("full", "half", "none"), new double[] {100, 50, Double.NaN}, 100, 95,
                "%.0f");
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(60 + 3 * 30 + 30, img.getWidth());
        assertEquals(50 + 360 + 190, img.getHeight());
        assertEquals(BAR, rgb(img, barX(0), BASE_Y - PLOT + 20), "the full bar reaches the top");
        assertEquals(BAR, rgb(img, barX(1), BASE_Y - PLOT / 2 + 10), "inside the half bar");
        assertFalse(rgb(img, barX(1), BASE_Y - PLOT / 2 - 10) == BAR, "above the half bar");
        assertFalse(rgb(img, barX(2), BASE_Y - 10) == BAR, "NaN draws no bar");
        int refY = BASE_Y - (int) Math.round(PLOT * 0.95);
        assertTrue(anyReddish(img, refY - 1, refY + 1), "reference line at 95");
        assertFalse(anyReddish(img, BASE_Y - PLOT / 2 - 20, BASE_Y - PLOT / 2 + 20), "no red elsewhere");
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void noReferenceLineWhenNaN() throws IOException {
        Path file = tmp.resolve("chart.png");
        BarChart.write(file, "t", List.of("a"), new double[] {30}, 100, Double.NaN, "%.0f");
        BufferedImage img = ImageIO.read(file.toFile());
        assertFalse(anyReddish(img, 50, BASE_Y));
    }

    @Test
    void badArgumentsAreRejected() {
        Path file = tmp.resolve("x.png");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BarChart.write(file, "t", List.of("a", "b"), new double[] {1}, 100, 95, "%.0f"));
        assertTrue(e.getMessage().contains("2") && e.getMessage().contains("1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BarChart.write(file, "t", List.of("a"), new double[] {1}, 0, 95, "%.0f"));
        assertTrue(e.getMessage().contains("0.0"), e.getMessage());
        assertFalse(Files.exists(file));
    }
}
