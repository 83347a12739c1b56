/**
 * The slow, obviously correct references the kernels are measured and checked against: the textbook
 * form of each algorithm on one thread, in double precision where that is simpler
 * ({@link NaiveBackProjection}, {@link NaiveOutlierRemoval}, {@link NaiveDbscan},
 * {@link NaiveRansac}, {@link NaiveGap}). {@link HashGrid}, a hash map of grid cells, is the one
 * concession that lets them finish on a full frame.
 *
 * <p>Same inputs, units and frames as the kernels (flat {@code xyz} arrays, metres, camera frame).
 * Depends on geometry, Apache Commons Math (the mean and standard deviation of the outlier test)
 * and kernels (the sample draws RANSAC shares with its peer).
 */
package io.github.spatialvlm4j.benchmarks.naive;
