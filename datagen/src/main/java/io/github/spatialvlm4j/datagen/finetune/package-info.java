/**
 * Fine-tuning datasets cut from one or more data-engine output directories, in every output format
 * that holds conversations (LLaVA, ShareGPT, Parquet), with trainer recipes.
 *
 * <p><b>Entry point.</b> {@link io.github.spatialvlm4j.datagen.finetune.FinetuneDatasetBuilder} reads
 * the engines' JSONL parts and images ({@link io.github.spatialvlm4j.datagen.finetune.EngineOutputParts}
 * refuses damaged or unfinished outputs), mixes in general VQA ({@link
 * io.github.spatialvlm4j.datagen.finetune.GeneralVqa}) if asked, splits by image ({@link
 * io.github.spatialvlm4j.datagen.finetune.Split}: no image in two splits) and writes each split through
 * the conversation formats of {@code datagen.sink}. {@link
 * io.github.spatialvlm4j.datagen.finetune.ExportValidator} reads the result back as trainers do;
 * {@link io.github.spatialvlm4j.datagen.finetune.TrainerRecipes} and {@link
 * io.github.spatialvlm4j.datagen.finetune.TrainerLauncher} write and run LLaMA-Factory and TRL recipes.
 *
 * <p>Every choice is seeded and depends on each item alone (hash ranks, not shuffles), so the dataset
 * does not depend on the order of its inputs. See docs/ARCHITECTURE.md, "Output formats".
 */
package io.github.spatialvlm4j.datagen.finetune;
