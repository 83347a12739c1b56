/**
 * Where a run's records go: the output directory, written shard by shard, and the output formats.
 *
 * <p><b>The sink.</b> {@link io.github.spatialvlm4j.datagen.sink.ShardedOutput} owns the directory: images
 * (written once each), one file per format per shard, skipped frames, the per-shard markers that make a
 * run resumable after a kill, and at finish the manifest (every file with its size and SHA-256). Every file
 * is written atomically. It knows no format's layout.
 *
 * <p><b>Formats.</b> A format is one class implementing
 * {@link io.github.spatialvlm4j.datagen.sink.ShardFormat} (shard file, run-level files at finish), or
 * {@link io.github.spatialvlm4j.datagen.sink.ConversationFormat} when it holds conversations about images
 * (it then also writes, reads back and describes fine-tuning splits), registered by one constant of
 * {@link io.github.spatialvlm4j.datagen.sink.OutputFormat}: JSONL ({@link io.github.spatialvlm4j.datagen.sink.RecordJson}:
 * facts and exact answers, meters and the floor frame, see docs/schema), LLaVA and ShareGPT
 * ({@link io.github.spatialvlm4j.datagen.sink.ChatFormats}), Hugging Face Parquet
 * ({@link io.github.spatialvlm4j.datagen.sink.ParquetShardWriter}, written and read without Hadoop). See
 * docs/ARCHITECTURE.md, "Output formats".
 *
 * <p><b>Determinism.</b> All JSON goes through one Jackson configuration ({@code Json}), so equal records
 * give equal bytes whatever the thread, shard order or platform.
 */
package io.github.spatialvlm4j.datagen.sink;
