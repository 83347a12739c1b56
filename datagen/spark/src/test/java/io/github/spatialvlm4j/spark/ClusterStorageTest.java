package io.github.spatialvlm4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.job.GenerateJob;
import io.github.spatialvlm4j.datagen.job.GenerateSpec;
import io.github.spatialvlm4j.datagen.perception.ModelSetup;
import io.github.spatialvlm4j.datagen.qa.ReferStyle;
import io.github.spatialvlm4j.datagen.sink.OutputFormat;
import io.github.spatialvlm4j.datagen.sink.OutputLock;
import io.github.spatialvlm4j.datagen.sink.ShardedOutput;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.datagen.source.SourceSpec;
import io.github.spatialvlm4j.datagen.source.parquet.ParquetFrameSource;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import io.github.spatialvlm4j.vlm.testing.RiggedModelsRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.parquet.example.data.Group;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job on cluster storage: input read from and shards written to an in-process HDFS
 * ({@link MiniDFSCluster}) and to {@code file://} URIs, through the attempt-path and driver-commit
 * protocol of {@link ClusterOutput}. The output equals the local runner's file by file; a task that fails
 * after uploading its attempt, and a driver that dies after a commit, lose and duplicate nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterStorageTest {

    private static final int FRAMES = 8;
    private static final int SHARD_SIZE = 3;

    private Path tmp;
    private MiniDFSCluster hdfs;
    private FileSystem fs;
    private SparkSession spark;
    private Path reference;
    private GenerateJob.Result referenceResult;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        tmp = dir;
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
        fs = hdfs.getFileSystem();
        spark = Fixtures.localSpark("spatialvlm4j-cluster-test");
        reference = tmp.resolve("local-synthetic");
        referenceResult = Fixtures.runLocal(config(Fixtures.synthetic(FRAMES), reference.toString()), reference);
    }

    @AfterAll
    void stop() {
        if (spark != null) {
            spark.stop();
        }
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    private static SparkGenerateJob.Config config(SourceSpec source, String out) {
        GenerateSpec spec = new GenerateSpec(source, Fixtures.SEED, EnumSet.allOf(OutputFormat.class), SHARD_SIZE,
                false, new GenerateSpec.Questions(6, false, ReferStyle.CAPTION));
        return new SparkGenerateJob.Config(spec, out, "jvm", 1);
    }

    private String hdfsUri(String path) {
        return hdfs.getURI().toString() + path;
    }

    /** A copy of an HDFS folder in a local folder (no checksum files). */
    private Path download(String path) throws IOException {
        Path local = tmp.resolve("download" + path.replace('/', '-'));
        fs.copyToLocalFile(false, new org.apache.hadoop.fs.Path(path), new org.apache.hadoop.fs.Path(local.toString()),
                true);
        return local;
    }

    @Test
    void aFileUriOutputEqualsTheLocalRunnersByteForByte() throws IOException {
        Path out = tmp.resolve("spark-file-uri");
        SparkGenerateJob.Result result = SparkGenerateJob.run(spark,
                config(Fixtures.synthetic(FRAMES), out.toUri().toString()));

        Fixtures.assertSameTree(reference, out);
        assertEquals(referenceResult.summary().records(), result.summary().records());
        assertEquals(referenceResult.summary().qa(), result.summary().qa());
        assertFalse(Files.exists(out.resolve(ClusterOutput.ATTEMPTS_DIR)), "attempt paths are removed");
        assertFalse(Files.exists(out.resolve(OutputLock.FILE)), "the lock is removed");
    }

    /** Seven RGB-D rows in two Snappy files, in row groups of two rows, under {@code name/data}. */
    private Path rgbdTable(String name) throws IOException {
        Path table = Files.createDirectories(tmp.resolve(name).resolve("data"));
        FrameSource scenes = Fixtures.synthetic(7).open();
        Fixtures.writeTable(table.resolve("train-00000-of-00002.parquet"), Fixtures.RGBD_SCHEMA,
                Fixtures.rgbdRows(scenes, 0, 4), 2);
        Fixtures.writeTable(table.resolve("train-00001-of-00002.parquet"), Fixtures.RGBD_SCHEMA,
                Fixtures.rgbdRows(scenes, 4, 7), 2);
        return tmp.resolve(name);
    }

    @Test
    void parquetReadFromHdfsAndWrittenToHdfsEqualsTheLocalRunners() throws IOException {
        Path table = rgbdTable("table").resolve("data");
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(table.toString()),
                new org.apache.hadoop.fs.Path("/corpus/data"));
        SourceSpec local = new SourceSpec.Parquet(ParquetFrameSource.scan(table), Integer.MAX_VALUE, false,
                GenerateJob.DEFAULT_MAX_PIXELS);
        SourceSpec remote = HadoopParquet.tables(ClusterOutput.HadoopConf.of(fs.getConf()))
                .table(hdfsUri("/corpus"), Integer.MAX_VALUE, false, GenerateJob.DEFAULT_MAX_PIXELS);
        assertEquals(2, ((SourceSpec.Parquet) remote).files().size(), "both files listed");

        Path expected = tmp.resolve("local-parquet");
        GenerateJob.Result localResult = Fixtures.runLocal(config(local, expected.toString()), expected);
        SparkGenerateJob.Result result = SparkGenerateJob.run(spark, config(remote, hdfsUri("/out/parquet")));

        Fixtures.assertSameTree(expected, download("/out/parquet"));
        assertEquals(7, result.summary().frames());
        assertEquals(localResult.summary().records(), result.summary().records());
        assertTrue(result.summary().records() > 0, "the RGB-D rows must give records");
    }

    /**
     * The paper's job on a cluster: a Hugging Face image table (image-only rows) read from HDFS, every photo through
     * the models (rigged, vlm's test builders), the shards written to HDFS, the driver killed after a commit and
     * the run restarted: equal to the local runner's output, nothing lost or duplicated.
     */
    @Test
    void photosReadFromHdfsGoThroughTheModelsAndAreWrittenToHdfs() throws IOException {
        Path table = Files.createDirectories(tmp.resolve("photos-table/data"));
        int[][] colours = {{RiggedModelsRoot.RED, RiggedModelsRoot.MAGENTA},
            {RiggedModelsRoot.GREEN, RiggedModelsRoot.CYAN}, {RiggedModelsRoot.RED, RiggedModelsRoot.CYAN},
            {RiggedModelsRoot.GREEN, RiggedModelsRoot.MAGENTA}};
        List<Group> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int[] c = colours[i % colours.length];
            rows.add(Fixtures.imageOnlyRow(ColorImages.encodePng(RiggedModelsRoot.photo(40, 30, c[0], c[1])),
                    "photos/photo-" + i + ".png"));
        }
        Fixtures.writeTable(table.resolve("train-00000-of-00001.parquet"), Fixtures.RGBD_SCHEMA, rows, 2);
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(table.toString()),
                new org.apache.hadoop.fs.Path("/photos/data"));
        Path models = RiggedModelsRoot.all(tmp.resolve("models"));
        ModelSetup setup = new ModelSetup(models.toString(), false, false, true, true);
        SourceSpec local = new SourceSpec.Parquet(ParquetFrameSource.scan(table), Integer.MAX_VALUE, false,
                GenerateJob.DEFAULT_MAX_PIXELS);
        SourceSpec remote = HadoopParquet.tables(ClusterOutput.HadoopConf.of(fs.getConf()))
                .table(hdfsUri("/photos"), Integer.MAX_VALUE, false, GenerateJob.DEFAULT_MAX_PIXELS);

        Path expected = tmp.resolve("local-photos");
        GenerateJob.Result localResult = Fixtures.runLocal(withModels(config(local, expected.toString()), setup),
                expected);
        SparkGenerateJob.Config onHdfs = withModels(config(remote, hdfsUri("/out/photos")), setup);
        // The driver dies right after committing shard 1; the rerun resumes it and writes the other.
        SparkGenerateJobTest.FIRED.set(0);
        assertThrows(IllegalStateException.class, () -> SparkGenerateJob.run(spark, onHdfs,
                new SparkGenerateJobTest.FailFirstAttempt(TaskHook.Point.DRIVER_COMMITTED, 1)));
        assertEquals(1, SparkGenerateJobTest.FIRED.get());
        SparkGenerateJob.Result result = SparkGenerateJob.run(spark, onHdfs);

        Path written = download("/out/photos");
        Fixtures.assertSameTree(expected, written);
        Fixtures.assertNoDuplicates(written, localResult.summary().records());
        // Shard 1 was committed before the driver died; shard 0 too when its task ended first.
        assertTrue(result.summary().shardsResumed() >= 1, "shard 1 is resumed, not redone: " + result.summary());
        assertEquals(2, result.summary().shardsResumed() + result.summary().shardsWritten());
        assertTrue(localResult.summary().records() >= 4, "the photos get depth, regions and masks: "
                + localResult.summary());
    }

    private static SparkGenerateJob.Config withModels(SparkGenerateJob.Config c, ModelSetup setup) {
        return new SparkGenerateJob.Config(c.spec(), c.out(), c.kernelBackend(), c.kernelThreads(), setup,
                SessionSettings.GpuPolicy.CPU_ONLY);
    }

    @Test
    void zstdTablesWrittenBySparkAreReadThroughAGlob() throws IOException {
        Path table = rgbdTable("table-zstd");
        List<String> files = List.of("train-00000-of-00002.parquet", "train-00001-of-00002.parquet");
        for (int f = 0; f < files.size(); f++) {
            // Spark's own Parquet writer, ZSTD pages: an independent writer of the codec.
            spark.read().parquet(table.resolve("data").resolve(files.get(f)).toString()).coalesce(1).write()
                    .option("compression", "zstd").parquet(hdfsUri("/zstd/part" + f));
        }
        SourceSpec.Parquet remote = (SourceSpec.Parquet) HadoopParquet.tables(
                ClusterOutput.HadoopConf.of(fs.getConf())).table(hdfsUri("/zstd/part*"), Integer.MAX_VALUE, false,
                GenerateJob.DEFAULT_MAX_PIXELS);
        assertEquals(2, remote.files().size(), remote.files().toString());
        assertTrue(remote.files().get(0).path().endsWith(".zstd.parquet"), remote.files().get(0).path());
        SourceSpec local = new SourceSpec.Parquet(ParquetFrameSource.scan(table), Integer.MAX_VALUE, false,
                GenerateJob.DEFAULT_MAX_PIXELS);

        Path expected = tmp.resolve("local-zstd");
        Fixtures.runLocal(config(local, expected.toString()), expected);
        Path out = tmp.resolve("spark-zstd");
        SparkGenerateJob.run(spark, config(remote, out.toString()));

        Fixtures.assertSameTree(expected, out);
    }

    @Test
    void aTaskThatFailsAfterUploadingItsAttemptIsRetriedWithoutDuplicates() throws IOException {
        SparkGenerateJobTest.FIRED.set(0);
        SparkGenerateJob.Result result = SparkGenerateJob.run(spark, config(Fixtures.synthetic(FRAMES),
                hdfsUri("/out/retried")), new SparkGenerateJobTest.FailFirstAttempt(TaskHook.Point.AFTER_COMMIT, 1));

        assertEquals(1, SparkGenerateJobTest.FIRED.get(), "the injected failure fired once");
        assertEquals(1, result.shards().get(1).attempt(), "shard 1 was committed from its retry");
        Path out = download("/out/retried");
        Fixtures.assertSameTree(reference, out);
        Fixtures.assertNoDuplicates(out, result.summary().records());
    }

    @Test
    void aDriverKilledAfterACommitResumesWithNoLossAndNoDuplicate() throws IOException {
        SparkGenerateJobTest.FIRED.set(0);
        String out = hdfsUri("/out/killed");
        assertThrows(IllegalStateException.class, () -> SparkGenerateJob.run(spark,
                config(Fixtures.synthetic(FRAMES), out),
                new SparkGenerateJobTest.FailFirstAttempt(TaskHook.Point.DRIVER_COMMITTED, 1)));
        assertEquals(1, SparkGenerateJobTest.FIRED.get());
        assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/out/killed/_shards/part-00001.done")),
                "shard 1 was committed before the driver died");
        assertFalse(fs.exists(new org.apache.hadoop.fs.Path("/out/killed/manifest.json")), "no manifest yet");

        SparkGenerateJob.Result again = SparkGenerateJob.run(spark, config(Fixtures.synthetic(FRAMES), out));

        assertTrue(again.summary().shardsResumed() >= 1, "shard 1 is resumed, not redone");
        assertEquals(3, again.summary().shardsResumed() + again.summary().shardsWritten());
        assertFalse(fs.exists(new org.apache.hadoop.fs.Path("/out/killed/" + ClusterOutput.ATTEMPTS_DIR)),
                "the dead run's attempt paths are removed");
        Path local = download("/out/killed");
        Fixtures.assertSameTree(reference, local);
        Fixtures.assertNoDuplicates(local, referenceResult.summary().records());
    }

    @Test
    void aDamagedCommittedShardIsWrittenAgain() throws IOException {
        String out = hdfsUri("/out/damaged");
        SparkGenerateJob.run(spark, config(Fixtures.synthetic(FRAMES), out));
        org.apache.hadoop.fs.Path part = new org.apache.hadoop.fs.Path("/out/damaged/"
                + OutputFormat.JSONL.shardFile(2));
        fs.delete(part, false);
        fs.create(part).close(); // truncated to nothing

        SparkGenerateJob.Result again = SparkGenerateJob.run(spark, config(Fixtures.synthetic(FRAMES), out));

        assertEquals(1, again.redone().size(), again.redone().toString());
        assertTrue(again.redone().get(0).startsWith("shard 2: jsonl/part-00002.jsonl is 0 bytes"), again.redone()
                .get(0));
        Fixtures.assertSameTree(reference, download("/out/damaged"));
    }

    @Test
    void anImageInPlaceWithOtherContentIsRefused() throws IOException {
        String out = hdfsUri("/out/collide");
        try (var w = fs.create(new org.apache.hadoop.fs.Path("/out/collide/images/synthetic-000000.png"))) {
            w.writeBytes("not this run's image");
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SparkGenerateJob.run(spark, config(Fixtures.synthetic(FRAMES), out)));
        assertTrue(e.getMessage().contains("images/synthetic-000000.png exists with other content"), e.getMessage());
        assertFalse(fs.exists(new org.apache.hadoop.fs.Path("/out/collide/_shards/part-00000.done")),
                "shard 0 is not committed");
    }

    @Test
    void aLockedOutputIsRefusedNamingItsLock() throws IOException {
        String out = hdfsUri("/out/locked");
        fs.mkdirs(new org.apache.hadoop.fs.Path("/out/locked"));
        try (var w = fs.create(new org.apache.hadoop.fs.Path("/out/locked/" + OutputLock.FILE), false)) {
            w.writeBytes("run other on host elsewhere\n");
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SparkGenerateJob.run(spark, config(Fixtures.synthetic(FRAMES), out)));
        assertTrue(e.getMessage().contains("run other on host elsewhere") && e.getMessage().contains(OutputLock.FILE),
                e.getMessage());
        assertFalse(fs.exists(new org.apache.hadoop.fs.Path("/out/locked/" + ShardedOutput.SHARDS_DIR)),
                "nothing written");
    }
}
