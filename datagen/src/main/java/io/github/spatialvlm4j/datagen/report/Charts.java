package io.github.spatialvlm4j.datagen.report;

import io.github.spatialvlm4j.geometry.io.AtomicFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** What every chart of this package shares: the canvas, the title and the atomic PNG write. */
final class Charts {

    private Charts() {
    }

    /**
     * A graphics context on {@code image}, antialiased, the image filled white, {@code title} drawn
     * bold at ({@code titleX}, 28), then a plain 11-point sans-serif font selected. Dispose it.
     */
    static Graphics2D begin(BufferedImage image, String title, int titleX) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, titleX, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        return g;
    }

    /** Writes {@code image} as PNG to {@code file} atomically: a temporary file beside it, then a move. */
    static void writePng(BufferedImage image, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("No PNG writer available");
            }
        });
    }
}
