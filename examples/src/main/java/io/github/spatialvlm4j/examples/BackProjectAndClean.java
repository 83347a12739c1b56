package io.github.spatialvlm4j.examples;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.pipeline.CleanupOptions;
import io.github.spatialvlm4j.datagen.pipeline.ObjectCleaner;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneGenerator;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.datagen.source.synthetic.NoiseModel;
import io.github.spatialvlm4j.geometry.AxisAlignedBox;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.backproject.BackProjection;
import io.github.spatialvlm4j.kernels.Kernels;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Example 1: turn one RGB-D frame into 3D points and clean each object's points.
 *
 * <p>Run: {@code java -cp ... io.github.spatialvlm4j.examples.BackProjectAndClean [seed]}
 *
 * <p>What it shows: a {@link Frame} (colour, metric depth, pinhole intrinsics, instance masks)
 * comes from a seeded synthetic scene here; with a real RGB-D folder use
 * {@code io.github.spatialvlm4j.datagen.source.rgbd.RgbdFolderSource} instead. The kernels lift
 * every pixel to a point in the camera frame (x right, y down, z forward, meters) with
 * {@code X = (u - cx) Z / fx, Y = (v - cy) Z / fy}, grouped by mask, and the
 * {@link ObjectCleaner} removes outliers the way the SpatialVLM paper does (statistical outlier
 * removal, voxel down-sampling, DBSCAN, largest cluster kept).
 */
public final class BackProjectAndClean {

    /** What happened to one object: its caption, raw and cleaned point counts, and its cleaned extent. */
    record ObjectReport(String caption, int rawPoints, int cleanedPoints, boolean kept, float widthMeters) {
    }

    private BackProjectAndClean() {
    }

    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 1;
        run(seed, 640, 480, System.out);
    }

    /** Generates the frame of {@code seed}, lifts and cleans it, prints a line per object. */
    static List<ObjectReport> run(long seed, int width, int height, PrintStream out) {
        // 1. One RGB-D frame. Sensor noise makes the cleaning visible: depth speckle becomes outliers.
        SyntheticSceneOptions sceneOptions = SyntheticSceneOptions.defaults().withSize(width, height)
                .withNoise(NoiseModel.DEFAULT);
        Frame frame = new SyntheticSceneGenerator(sceneOptions).generate("example-" + seed, seed);

        List<ObjectReport> reports = new ArrayList<>();
        // 2. Kernels hold worker threads (or a GPU with TornadoVM): close them, hence try-with-resources.
        try (Kernels kernels = Kernels.create()) {
            // 3. Back-project: depths outside (0.05 m, 20 m] are treated as missing.
            BackProjection lifted = kernels.backProject(frame.depth().orElseThrow(),
                    frame.intrinsics().orElseThrow(), frame.labels().orElseThrow(), 0.05f, 20f);
            out.printf(Locale.ROOT, "frame %s: %d valid points of %d pixels%n", frame.id(), lifted.cloud().size(),
                    width * height);

            // 4. Clean each object's cloud with the paper's parameters (adaptive to each object's scale).
            ObjectCleaner cleaner = new ObjectCleaner(kernels, CleanupOptions.paperDefaults());
            for (int id : lifted.labelIds()) {
                PointCloud raw = lifted.objectCloud(id);
                ObjectCleaner.Result cleaned = cleaner.clean(raw);
                AxisAlignedBox box = cleaned.kept() ? cleaned.cloud().bounds() : raw.bounds();
                float widthMeters = box.extent(new org.joml.Vector3f()).x(); // camera x: left to right
                String caption = frame.captions().getOrDefault(id, "object " + id);
                reports.add(new ObjectReport(caption, raw.size(), cleaned.cloud().size(), cleaned.kept(), widthMeters));
                out.printf(Locale.ROOT, "  %-22s %6d raw -> %6d cleaned points (%s), %.2f m wide%n", caption,
                        raw.size(), cleaned.cloud().size(), cleaned.status(), widthMeters);
            }
        }
        return reports;
    }
}
