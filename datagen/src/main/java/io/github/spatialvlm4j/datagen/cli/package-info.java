/**
 * The {@code spatialvlm4j} command line ({@link io.github.spatialvlm4j.datagen.cli.SpatialVlm4jCli}):
 * {@code generate}, {@code audit}, {@code ask}, {@code eval}, {@code finetune}. The options of a
 * generate run are one picocli mixin, {@link io.github.spatialvlm4j.datagen.cli.GenerateOptions} (with
 * {@link io.github.spatialvlm4j.datagen.cli.SourceOptions}), shared with the Spark runner's command
 * line, so that the same flags give the same run on either; each command says which source kinds it
 * runs. A user's mistake is a {@link io.github.spatialvlm4j.datagen.cli.UsageException} (exit code 2),
 * and every error is one line ({@link io.github.spatialvlm4j.datagen.cli.ErrorMessages}), followed by
 * its stack trace when a frame failed in a way that is not bad input.
 */
package io.github.spatialvlm4j.datagen.cli;
