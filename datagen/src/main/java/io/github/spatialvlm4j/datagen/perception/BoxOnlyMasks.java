package io.github.spatialvlm4j.datagen.perception;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.MaskSource;
import io.github.spatialvlm4j.datagen.facts.PixelBox;
import io.github.spatialvlm4j.datagen.pipeline.FactsExtractor;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.geometry.BoxDepthMasks;
import io.github.spatialvlm4j.geometry.LabelImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Frames whose instance labels are replaced by what a box-only region source would give: each
 * object's pixel box (the extent of its labelled pixels) turned into a mask by the box-and-depth
 * rule ({@link BoxDepthMasks}). On frames with ground truth this measures the rule with the audit
 * ({@code audit --masks boxes}): the boxes are perfect, so every error is the rule's. Ids and
 * captions are kept; an object whose box gets no mask is dropped from the frame.
 */
public final class BoxOnlyMasks {
    private BoxOnlyMasks() {
    }

    /**
     * {@code frame} with its labels replaced (see the class notes); unchanged when it has no labels,
     * depth or intrinsics. O(pixels).
     */
    public static Frame of(Frame frame, BoxDepthMasks.Options options) {
        Objects.requireNonNull(options, "options");
        if (frame.labels().isEmpty() || frame.depth().isEmpty() || frame.intrinsics().isEmpty()) {
            return frame;
        }
        Map<Integer, PixelBox> boxes = FactsExtractor.pixelBoxes(frame.labels().get());
        List<Integer> ids = new ArrayList<>(boxes.keySet());
        double[] flat = new double[4 * ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            PixelBox b = boxes.get(ids.get(i));
            flat[4 * i] = b.u0();
            flat[4 * i + 1] = b.v0();
            flat[4 * i + 2] = b.u1();
            flat[4 * i + 3] = b.v1();
        }
        BoxDepthMasks.Result r = BoxDepthMasks.segment(frame.depth().get(), frame.intrinsics().get(), flat, options);
        int[] masks = r.labels().ids();
        int[] out = new int[masks.length];
        for (int p = 0; p < out.length; p++) {
            out[p] = masks[p] == LabelImage.NONE ? LabelImage.NONE : ids.get(masks[p] - 1);
        }
        Map<Integer, String> captions = new TreeMap<>();
        Map<Integer, MaskSource> sources = new TreeMap<>();
        for (int i = 0; i < ids.size(); i++) {
            String caption = frame.captions().get(ids.get(i));
            if (r.areas()[i] > 0 && caption != null) {
                captions.put(ids.get(i), caption);
                sources.put(ids.get(i), MaskSource.DEPTH);
            }
        }
        LabelImage labels = new LabelImage(frame.image().width(), frame.image().height(), out);
        return frame.withPerception(frame.depth(), frame.intrinsics(), java.util.Optional.of(labels), captions,
                frame.groundMask(), sources);
    }

    /** {@code source} with every loaded frame through {@link #of(Frame, BoxDepthMasks.Options)}. */
    public static FrameSource of(FrameSource source, BoxDepthMasks.Options options) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        return new FrameSource() {
            @Override
            public int size() {
                return source.size();
            }

            @Override
            public Frame load(int index) throws IOException {
                return of(source.load(index), options);
            }

            @Override
            public String describe() {
                return source.describe() + ", masks from label boxes and depth";
            }
        };
    }
}
