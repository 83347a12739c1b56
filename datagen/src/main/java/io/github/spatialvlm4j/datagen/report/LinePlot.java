package io.github.spatialvlm4j.datagen.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A plain line plot of one series y(x) rendered with Java2D (headless) to PNG, in the style of
 * {@link BarChart}: title, grey grid, five ticks per axis, the points joined by a line and marked.
 * The axes span the data's range (a flat series gets a unit-wide band). Cost: O(n) drawing.
 */
public final class LinePlot {
    private static final int PLOT_WIDTH = 560;
    private static final int PLOT_HEIGHT = 320;
    private static final int MARGIN_LEFT = 70;
    private static final int MARGIN_RIGHT = 30;
    private static final int MARGIN_TOP = 50;
    private static final int MARGIN_BOTTOM = 60;
    private static final int TICKS = 5;

    private LinePlot() {
    }

    /**
     * Writes the plot atomically (temp file, then move) to {@code file}.
     *
     * @param title the title above the plot
     * @param xLabel the horizontal axis label
     * @param yLabel the vertical axis label
     * @param x the abscissae, finite, same length as {@code y}, at least one
     * @param y the ordinates, finite
     * @param valueFormat how tick values are printed, e.g. "%.2f"
     * @throws io.github.spatialvlm4j.geometry.ShapeMismatchException when the lengths differ
     * @throws IllegalArgumentException when a value is not finite or there is no point
     */
    public static void write(Path file, String title, String xLabel, String yLabel, double[] x, double[] y,
            String valueFormat) throws IOException {
        Objects.requireNonNull(file, "file");
        if (x.length != y.length) {
            throw new io.github.spatialvlm4j.geometry.ShapeMismatchException("Got " + x.length + " x values for "
                    + y.length + " y values");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("Invalid series: no point (need at least one)");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("Invalid point " + i + ": (" + x[i] + ", " + y[i] + ") (must be finite)");
            }
        }
        double[] xr = range(x);
        double[] yr = range(y);
        int width = MARGIN_LEFT + PLOT_WIDTH + MARGIN_RIGHT;
        int height = MARGIN_TOP + PLOT_HEIGHT + MARGIN_BOTTOM;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Charts.begin(image, title, MARGIN_LEFT);
        try {
            FontMetrics fm = g.getFontMetrics();
            int baseY = MARGIN_TOP + PLOT_HEIGHT;
            for (int t = 0; t <= TICKS; t++) {
                double vy = yr[0] + (yr[1] - yr[0]) * t / TICKS;
                int py = py(vy, yr);
                g.setColor(new Color(225, 225, 225));
                g.drawLine(MARGIN_LEFT, py, MARGIN_LEFT + PLOT_WIDTH, py);
                g.setColor(Color.DARK_GRAY);
                String s = String.format(Locale.ROOT, valueFormat, vy);
                g.drawString(s, MARGIN_LEFT - 6 - fm.stringWidth(s), py + 4);
                double vx = xr[0] + (xr[1] - xr[0]) * t / TICKS;
                int px = px(vx, xr);
                String sx = String.format(Locale.ROOT, "%.3g", vx);
                g.drawString(sx, px - fm.stringWidth(sx) / 2, baseY + 16);
            }
            g.setColor(Color.BLACK);
            g.drawLine(MARGIN_LEFT, baseY, MARGIN_LEFT + PLOT_WIDTH, baseY);
            g.drawLine(MARGIN_LEFT, MARGIN_TOP, MARGIN_LEFT, baseY);
            g.drawString(xLabel, MARGIN_LEFT + PLOT_WIDTH / 2 - fm.stringWidth(xLabel) / 2, baseY + 40);
            g.drawString(yLabel, 8, MARGIN_TOP - 8);
            g.setColor(new Color(70, 120, 190));
            g.setStroke(new BasicStroke(2f));
            for (int i = 0; i < x.length; i++) {
                int px = px(x[i], xr);
                int py = py(y[i], yr);
                if (i > 0) {
                    g.drawLine(px(x[i - 1], xr), py(y[i - 1], yr), px, py);
                }
                g.fillOval(px - 3, py - 3, 7, 7);
            }
        } finally {
            g.dispose();
        }
        Charts.writePng(image, file);
    }

    /** [min, max] of the values, widened to a unit band around a single value. */
    private static double[] range(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
        }
        return hi > lo ? new double[] {lo, hi} : new double[] {lo - 0.5, hi + 0.5};
    }

    private static int px(double v, double[] r) {
        return MARGIN_LEFT + (int) Math.round(PLOT_WIDTH * (v - r[0]) / (r[1] - r[0]));
    }

    private static int py(double v, double[] r) {
        return MARGIN_TOP + PLOT_HEIGHT - (int) Math.round(PLOT_HEIGHT * (v - r[0]) / (r[1] - r[0]));
    }
}
