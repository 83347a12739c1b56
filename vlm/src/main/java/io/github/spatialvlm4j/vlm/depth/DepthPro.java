package io.github.spatialvlm4j.vlm.depth;

import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.image.ImageTensor;
import io.github.spatialvlm4j.vlm.model.FloatTensor;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.ModelException;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import io.github.spatialvlm4j.vlm.model.SessionSettings;

import java.util.List;
import java.util.Optional;

/**
 * Apple Depth Pro (Bochkovskii et al. 2024): metric depth and the focal length from one image.
 * Two export conventions are recognised by their output names:
 *
 * <ul>
 *   <li>{@code predicted_depth} (meters) and {@code focallength_px} (the transformers.js export):
 *       the focal length is in pixels of the network input width and is scaled to the source
 *       width; depth is in meters for that focal length.</li>
 *   <li>{@code predicted_depth} (canonical inverse depth) and {@code field_of_view} (horizontal,
 *       degrees; the transformers export): {@code f = 0.5 W / tan(fov / 2)} for the source width
 *       {@code W}, inverse depth {@code = canonical * W / f}, resized, then
 *       {@code depth = 1 / clamp(inverse, 1e-4, 1e4)}.</li>
 * </ul>
 *
 * When intrinsics are given, their {@code fx} replaces the estimate (depth scales with the focal
 * length, as in Depth Pro's own inference code). Estimated intrinsics have square pixels and the
 * principal point at the image centre. Depth is clamped to [0, 10 000] m.
 *
 * <p>Licence: the weights are under Apple's research licence; check the model card.
 * Thread-safe for concurrent {@link #estimate} calls; holds a native session (close it).
 */
public final class DepthPro extends OnnxDepthModel {
    /** The largest depth reported, meters (the inverse depth is clamped at 1e-4). */
    public static final double MAX_DEPTH = 1e4;

    private final Optional<String> focalOutput;
    private final Optional<String> fovOutput;

    /** Loads {@code dir/onnx/model.onnx} and {@code preprocessor_config.json}. */
    public DepthPro(ModelDirectory dir, SessionSettings settings) {
        super(dir, settings);
        this.focalOutput = model.findOutput("focallength_px", "focal_length");
        this.fovOutput = model.findOutput("field_of_view", "fov");
        if (focalOutput.isEmpty() && fovOutput.isEmpty()) {
            ModelFormatException e = new ModelFormatException(model.file() + ": expected an output focallength_px or "
                    + "field_of_view (Depth Pro's focal estimate) but the graph's outputs are " + model.outputNames());
            model.close();
            throw e;
        }
    }

    @Override
    public DepthEstimate estimate(RgbImage image, Optional<CameraIntrinsics> intrinsics) {
        checkIntrinsics(image, intrinsics);
        ImageTensor t = preprocessor.preprocess(image);
        String focalName = focalOutput.orElseGet(fovOutput::orElseThrow);
        var out = infer(t, List.of(depthOutput, focalName));
        double scalar = scalar(out.get(focalName), focalName);
        int w = image.width();
        int h = image.height();
        float[] map;
        double fEstimated;
        if (focalOutput.isPresent()) {
            if (!(scalar > 0) || !Double.isFinite(scalar)) {
                throw new ModelException(model.file() + ": focal length " + scalar + " px (must be finite and > 0)");
            }
            fEstimated = scalar * w / t.resizedWidth();
            map = toSource(out.get(depthOutput), t);
            if (intrinsics.isPresent()) {
                float s = (float) (intrinsics.get().fx() / fEstimated);
                for (int i = 0; i < map.length; i++) {
                    map[i] *= s;
                }
            }
        } else {
            if (!(scalar > 0 && scalar < 180)) {
                throw new ModelException(model.file() + ": field of view " + scalar + " degrees (must be in (0, 180))");
            }
            fEstimated = 0.5 * w / Math.tan(0.5 * Math.toRadians(scalar));
            double f = intrinsics.map(CameraIntrinsics::fx).orElse(fEstimated);
            FloatTensor canonical = out.get(depthOutput);
            float[] scaled = canonical.data().clone();
            float k = (float) (w / f);
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] *= k;
            }
            map = toSource(new FloatTensor(scaled, canonical.shape()), t);
            for (int i = 0; i < map.length; i++) {
                float inv = map[i];
                map[i] = Float.isNaN(inv) ? inv : (float) (1.0 / Math.min(Math.max(inv, 1e-4), 1e4));
            }
        }
        CameraIntrinsics k = intrinsics.orElseGet(() -> centred(fEstimated, w, h));
        return new DepthEstimate(depthMap(map, w, h, MAX_DEPTH), Optional.of(k),
                intrinsics.isPresent() ? DepthEstimate.IntrinsicsSource.GIVEN : DepthEstimate.IntrinsicsSource.ESTIMATED);
    }

    private double scalar(FloatTensor t, String name) {
        if (t.data().length != 1) {
            throw new ModelException(model.file() + ": output '" + name + "' has shape "
                    + java.util.Arrays.toString(t.shape()) + "; expected one value (batch of 1)");
        }
        return t.data()[0];
    }

    @Override
    public DepthFamily family() {
        return DepthFamily.DEPTH_PRO;
    }
}
