package io.github.spatialvlm4j.examples;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.GravityHint;
import io.github.spatialvlm4j.datagen.pipeline.CanonicalizeOptions;
import io.github.spatialvlm4j.datagen.pipeline.Canonicalizer;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticScene;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneGenerator;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.backproject.BackProjection;
import io.github.spatialvlm4j.kernels.Kernels;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;
import org.joml.Matrix4fc;
import org.joml.Vector3f;

/**
 * Example 2: find the floor of an RGB-D frame and print the canonical transform (camera frame to
 * floor frame).
 *
 * <p>Run: {@code java -cp ... io.github.spatialvlm4j.examples.FitFloor [seed]}
 *
 * <p>The SpatialVLM paper asks "how high is it?" in a frame where z is up and the floor is z = 0.
 * The {@link Canonicalizer} estimates up from the frame's surfaces (horizontal ones point up, walls
 * are perpendicular to it), takes the lowest horizontal level as the floor when it is plausible as one
 * (camera 0.9-3.5 m above it, nothing below it, not an object's top), fits it with RANSAC (0.05 m
 * threshold), and builds the floor frame: z = the floor normal (up), forward = the camera's viewing axis
 * projected on the floor, origin = the camera projected on the floor. So the camera itself sits at
 * (0, 0, camera height). A frame without a plausible floor keeps up alone (state UP_ONLY).
 */
public final class FitFloor {

    /**
     * @param found whether a floor was found
     * @param cameraToFloor the 4x4 transform from camera to floor frame
     * @param cameraHeight the camera's height above the fitted floor, meters
     * @param trueCameraHeight the synthetic scene's camera height, meters
     * @param medianAbsFloorZ median |z| of the background points in the floor frame, meters (the
     *     median, because objects too small to get a mask also count as background)
     */
    record Result(boolean found, Matrix4fc cameraToFloor, double cameraHeight, double trueCameraHeight,
            double medianAbsFloorZ) {
    }

    private FitFloor() {
    }

    public static void main(String[] args) {
        run(args.length > 0 ? Long.parseLong(args[0]) : 1, 640, 480, System.out);
    }

    static Result run(long seed, int width, int height, PrintStream out) {
        // A synthetic room without walls, so every pixel that is not an object is floor.
        SyntheticSceneGenerator generator = new SyntheticSceneGenerator(
                SyntheticSceneOptions.defaults().withSize(width, height).withWalls(false));
        SyntheticScene scene = generator.scene(seed);
        Frame frame = generator.generate("floor-" + seed, seed);
        LabelImage labels = frame.labels().orElseThrow();

        try (Kernels kernels = Kernels.create()) {
            BackProjection lifted = kernels.backProject(frame.depth().orElseThrow(), frame.intrinsics().orElseThrow(),
                    labels, 0.05f, 20f);
            // Keep the points whose pixel has no object label: the candidates for the floor.
            PointCloud all = lifted.cloud();
            int[] pixel = lifted.pixelIndex();
            int[] ids = labels.ids();
            int[] background = java.util.stream.IntStream.range(0, all.size())
                    .filter(i -> ids[pixel[i]] == LabelImage.NONE).toArray();
            PointCloud floorCandidates = all.subset(background);

            // RANSAC is seeded: the same seed gives the same plane on every backend and thread count.
            Canonicalizer.Result canon = new Canonicalizer(kernels, CanonicalizeOptions.defaults())
                    .canonicalize(frame.depth().orElseThrow(), frame.intrinsics().orElseThrow(), Optional.empty(),
                            Optional.of(labels), GravityHint.NONE, seed);
            Matrix4fc m = canon.frame().cameraToFloor();
            out.println("floor state: " + canon.state().id() + " (" + canon.detail() + ")");
            out.println("camera -> floor transform (row-major, meters):");
            for (int row = 0; row < 4; row++) {
                out.printf(Locale.ROOT, "  [% .4f % .4f % .4f % .4f]%n", m.get(0, row), m.get(1, row), m.get(2, row),
                        m.get(3, row));
            }
            // The camera origin, moved to the floor frame: its z is the camera height.
            Vector3f camera = m.transformPosition(new Vector3f());
            // Every floor point should land on z = 0 in the floor frame.
            PointCloud inFloor = floorCandidates.transformed(m);
            double[] absZ = new double[inFloor.size()];
            for (int i = 0; i < absZ.length; i++) {
                absZ[i] = Math.abs(inFloor.z(i));
            }
            java.util.Arrays.sort(absZ);
            double median = absZ.length == 0 ? Double.NaN : absZ[absZ.length / 2];
            out.printf(Locale.ROOT, "camera height %.3f m (scene: %.3f m); floor points at median |z| %.4f m%n",
                    camera.z, scene.camera().height(), median);
            return new Result(canon.canonicalized(), m, camera.z, scene.camera().height(), median);
        }
    }
}
