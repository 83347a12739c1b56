package io.github.spatialvlm4j.datagen.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A plain vertical bar chart rendered with Java2D (headless) to PNG, for reports: one bar per
 * label, values in [0, max], an optional horizontal reference line (a target).
 */
public final class BarChart {
    private static final int BAR_WIDTH = 22;
    private static final int PLOT_HEIGHT = 360;
    private static final int MARGIN_LEFT = 60;
    private static final int MARGIN_TOP = 50;
    private static final int MARGIN_BOTTOM = 190;

    private BarChart() {
    }

    /**
     * Writes the chart atomically (temp file, then move) to {@code file}.
     *
     * @param title the title above the plot
     * @param labels one label per bar, drawn rotated under it
     * @param values one value per bar, in {@code [0, max]}; NaN draws no bar
     * @param max the top of the value axis, &gt; 0
     * @param reference a horizontal line at this value, or NaN for none
     * @param valueFormat how tick and bar values are printed, e.g. "%.0f%%"
     */
    public static void write(Path file, String title, List<String> labels, double[] values, double max,
            double reference, String valueFormat) throws IOException {
        if (labels.size() != values.length) {
            throw new IllegalArgumentException("Got " + labels.size() + " labels for " + values.length + " values");
        }
        if (!(max > 0)) {
            throw new IllegalArgumentException("Invalid axis maximum: " + max + " (must be > 0)");
        }
        int n = values.length;
        int width = MARGIN_LEFT + Math.max(1, n) * (BAR_WIDTH + 8) + 30;
        int height = MARGIN_TOP + PLOT_HEIGHT + MARGIN_BOTTOM;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Charts.begin(image, title, MARGIN_LEFT);
        try {
            FontMetrics fm = g.getFontMetrics();
            int baseY = MARGIN_TOP + PLOT_HEIGHT;
            for (int t = 0; t <= 5; t++) {
                double v = max * t / 5;
                int y = baseY - (int) Math.round(PLOT_HEIGHT * v / max);
                g.setColor(new Color(225, 225, 225));
                g.drawLine(MARGIN_LEFT, y, width - 20, y);
                g.setColor(Color.DARK_GRAY);
                String s = String.format(Locale.ROOT, valueFormat, v);
                g.drawString(s, MARGIN_LEFT - 6 - fm.stringWidth(s), y + 4);
            }
            for (int i = 0; i < n; i++) {
                int x = MARGIN_LEFT + 6 + i * (BAR_WIDTH + 8);
                double v = values[i];
                if (!Double.isNaN(v)) {
                    int h = (int) Math.round(PLOT_HEIGHT * Math.max(0, Math.min(v, max)) / max);
                    g.setColor(new Color(70, 120, 190));
                    g.fillRect(x, baseY - h, BAR_WIDTH, h);
                }
                AffineTransform saved = g.getTransform();
                g.setColor(Color.BLACK);
                g.translate(x + BAR_WIDTH / 2 + 4, baseY + 8);
                g.rotate(Math.toRadians(60));
                g.drawString(labels.get(i), 0, 0);
                g.setTransform(saved);
            }
            g.setColor(Color.BLACK);
            g.drawLine(MARGIN_LEFT, baseY, width - 20, baseY);
            g.drawLine(MARGIN_LEFT, MARGIN_TOP, MARGIN_LEFT, baseY);
            if (!Double.isNaN(reference)) {
                int y = baseY - (int) Math.round(PLOT_HEIGHT * Math.min(reference, max) / max);
                g.setColor(new Color(200, 40, 40));
                g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {6f, 4f}, 0f));
                g.drawLine(MARGIN_LEFT, y, width - 20, y);
            }
        } finally {
            g.dispose();
        }
        Charts.writePng(image, file);
    }
}
