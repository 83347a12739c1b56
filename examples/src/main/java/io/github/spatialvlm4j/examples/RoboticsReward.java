package io.github.spatialvlm4j.examples;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.datagen.pipeline.FramePipeline;
import io.github.spatialvlm4j.datagen.pipeline.PipelineOptions;
import io.github.spatialvlm4j.datagen.report.LinePlot;
import io.github.spatialvlm4j.datagen.source.synthetic.CameraPose;
import io.github.spatialvlm4j.datagen.source.synthetic.NamedColor;
import io.github.spatialvlm4j.datagen.source.synthetic.NoiseModel;
import io.github.spatialvlm4j.datagen.source.synthetic.PlacedObject;
import io.github.spatialvlm4j.datagen.source.synthetic.Solid;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticScene;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneGenerator;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.kernels.Kernels;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Example 6: a dense reward for robot learning, as in the SpatialVLM paper (section 5.4): over a
 * sequence of RGB-D frames, the metric distance between a gripper-like object and a target,
 * measured from the pixels alone, becomes the reward {@code r = -distance} (meters), plotted to PNG.
 *
 * <p>Run: {@code java -cp ... io.github.spatialvlm4j.examples.RoboticsReward [out.png]}
 *
 * <p>The frames come from a scripted synthetic scene (a red box, the "gripper", moving towards a
 * blue cylinder, with sensor noise), so the measured distance can be checked against the truth. With
 * a real robot, build each {@link Frame} from the camera's colour, depth and masks instead.
 */
public final class RoboticsReward {

    /** Per step: the measured and the true centre-to-centre distance (meters), and the reward. */
    record Result(double[] measured, double[] truth, double[] reward, Path plot) {
    }

    private RoboticsReward() {
    }

    public static void main(String[] args) throws IOException {
        run(12, 640, 480, Path.of(args.length > 0 ? args[0] : "reward.png"), System.out);
    }

    static Result run(int steps, int width, int height, Path plot, PrintStream out) throws IOException {
        SyntheticSceneGenerator renderer = new SyntheticSceneGenerator(SyntheticSceneOptions.defaults()
                .withSize(width, height).withNoise(NoiseModel.DEFAULT).withMinVisiblePixels(20));
        // A camera 1 m above the floor, looking down 0.5 rad along world +x (world frame: z up, meters).
        CameraPose camera = new CameraPose(0, 0, 1.0, 0, 0.5, 0);
        CameraIntrinsics intrinsics = CameraIntrinsics.fromHorizontalFov(Math.toRadians(60), width, height);
        PlacedObject target = PlacedObject.of(new Solid.Cylinder(1.45, 0.25, 0.15, 0.1, 0.3), NamedColor.BLUE);

        double[] measured = new double[steps];
        double[] truth = new double[steps];
        double[] reward = new double[steps];
        double[] step = new double[steps];
        try (Kernels kernels = Kernels.create()) {
            FramePipeline measurer = new FramePipeline(kernels, PipelineOptions.defaults());
            for (int i = 0; i < steps; i++) {
                // The gripper moves on a straight line from (1.2, -0.5, 0.45) to (1.45, 0.05, 0.35).
                double t = steps == 1 ? 1 : i / (double) (steps - 1);
                Solid.Box gripper = new Solid.Box(1.2 + 0.25 * t, -0.5 + 0.55 * t, 0.45 - 0.1 * t, 0.16, 0.16, 0.16, 0);
                SyntheticScene scene = new SyntheticScene(camera, intrinsics,
                        List.of(PlacedObject.of(gripper, NamedColor.RED), target), List.of());
                Frame frame = renderer.render("step-" + i, scene, i);

                // Measure the frame from its depth and masks: per-object centres in meters.
                FramePipeline.Result m = measurer.measure(frame, i);
                SceneFacts facts = m.facts().orElseThrow(() -> new IllegalStateException(m.detail()));
                SceneFacts exact = frame.groundTruth().orElseThrow();
                measured[i] = distance(facts);
                truth[i] = distance(exact);
                reward[i] = -measured[i];
                step[i] = i;
                out.printf(Locale.ROOT, "step %2d: distance %.3f m (true %.3f m), reward %.3f%n", i, measured[i],
                        truth[i], reward[i]);
            }
        }
        LinePlot.write(plot, "Dense reward: -distance(gripper, target)", "step", "reward (m)", step, reward, "%.2f");
        out.println("plot: " + plot.toAbsolutePath());
        return new Result(measured, truth, reward, plot);
    }

    /** Centre-to-centre distance between the red gripper and the blue target, meters. */
    private static double distance(SceneFacts facts) {
        return facts.distance(indexOf(facts, "red"), indexOf(facts, "blue"));
    }

    private static int indexOf(SceneFacts facts, String colour) {
        for (int i = 0; i < facts.objects().size(); i++) {
            if (facts.objects().get(i).caption().contains(colour)) {
                return i;
            }
        }
        throw new IllegalStateException("No " + colour + " object among " + facts.objects().size() + " measured");
    }
}
