/**
 * Plain PNG charts for reports, drawn with Java2D in headless mode: {@link BarChart} (one bar per
 * label, an optional target line) and {@link LinePlot} (one series y(x)). {@link Charts} holds what
 * both share (canvas, title, the atomic PNG write). Sizes are pixels.
 *
 * <p>Used by the audit, the {@code eval} command and the robotics example. Depends on Java2D,
 * javax.imageio and {@code geometry.io} (atomic writes).
 */
package io.github.spatialvlm4j.datagen.report;
