package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.Occlusion;
import io.github.spatialvlm4j.datagen.facts.PixelBox;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.Kernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Facts: the facts of every cleaned object ({@link FactsExtractor}) in the frame's up frame, objects set on
 * another one's top moved onto it, and the closest-surface gap of every pair ({@link ObjectGaps}).
 */
final class FactsStage implements FrameStage {
    private final Kernels kernels;
    private final FactsOptions options;
    private final FactsExtractor extractor;

    /**
     * An object lifted off the floor by the floor-contact rule stands on it after all when at most this share of
     * the floor under its footprint is seen ({@link FactsExtractor#floorSeenUnder}): the rim of the footprint
     * sample can see past a base at a grazing view.
     */
    static final double FLOOR_SEEN_MAX_SHARE = 0.1;

    FactsStage(Kernels kernels, FactsOptions options) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.options = Objects.requireNonNull(options, "options");
        this.extractor = new FactsExtractor(options);
    }

    @Override
    public void run(FrameState s) {
        LabelImage labels = s.frame.labels().orElseThrow();
        Canonicalizer.Result canon = s.orientation.orElseThrow();
        Map<Integer, PixelBox> boxes = FactsExtractor.pixelBoxes(labels);
        Map<Integer, Float> occluded = Occlusion.occludedOutline(labels, s.depth);
        List<FrameState.CleanObject> cleaned = s.cleaned;
        List<ObjectFacts> objects = new ArrayList<>(cleaned.size());
        for (FrameState.CleanObject c : cleaned) {
            objects.add(extractor.objectFacts(c.id(), s.frame.captions().get(c.id()), c.cloud(),
                    c.pointNoise(), canon.frame(), c.floor(), boxes.get(c.id()), occluded.get(c.id())));
        }
        // Lifted off the floor, and resting on nothing seen: on the floor after all when no floor is seen under it.
        List<ObjectFacts> lifted = List.copyOf(objects);
        for (int i = 0; i < objects.size(); i++) {
            FrameState.CleanObject c = cleaned.get(i);
            if (lifted.get(i).bottom() > 0 && c.floor().isPresent()
                    && !restsOnAnother(lifted, i, options.floorContactMaxMeters())
                    && FactsExtractor.floorSeenUnder(c.cloud(), canon.frame(),
                            FactsExtractor.floorLevel(canon.frame(), c.floor().get()), s.depth, s.intrinsics)
                            <= FLOOR_SEEN_MAX_SHARE) {
                objects.set(i, extractor.objectFacts(c.id(), s.frame.captions().get(c.id()), c.cloud(),
                        c.pointNoise(), canon.frame(), c.floor(), OptionalDouble.empty(), true, boxes.get(c.id()),
                        occluded.get(c.id())));
            }
        }
        // Two things cannot stand on the floor in the same place: an object set on the floor inside another's
        // footprint stands on that one (a ball on a low box looks, to the floor-contact rule, like a ball on the
        // floor), and its base is that one's top.
        for (int i = 0; i < objects.size(); i++) {
            OptionalDouble support = supportUnder(objects, i, options.minSupportTop());
            if (support.isPresent()) {
                FrameState.CleanObject c = cleaned.get(i);
                objects.set(i, extractor.objectFacts(c.id(), s.frame.captions().get(c.id()), c.cloud(),
                        c.pointNoise(), canon.frame(), c.floor(), support, boxes.get(c.id()), occluded.get(c.id())));
            }
        }
        List<PointCloud> clouds = cleaned.stream().map(FrameState.CleanObject::cloud).toList();
        float[] gaps = ObjectGaps.matrix(kernels, clouds, options);
        s.measured = Optional.of(new SceneFacts(s.frame.id(), s.depth.width(), s.depth.height(), objects,
                canon.state(), canon.floor(), canon.frame().cameraToFloor(), gaps, canon.detail()));
    }

    /**
     * Whether object {@code i}, lifted off the floor, may rest on another one: one whose top lies within
     * {@code contactMeters} of its lowest visible point (above or below it) and whose footprint overlaps its
     * own (their centres closer than the sum of the halves of their widths). Its base is then hidden by what it
     * stands on, not by itself.
     */
    static boolean restsOnAnother(List<ObjectFacts> objects, int i, double contactMeters) {
        ObjectFacts a = objects.get(i);
        for (int j = 0; j < objects.size(); j++) {
            ObjectFacts b = objects.get(j);
            if (j == i || Math.abs(b.top() - a.bottom()) > contactMeters) {
                continue;
            }
            double dx = a.centerUp().x() - b.centerUp().x();
            double dy = a.centerUp().y() - b.centerUp().y();
            double reach = 0.5 * (a.width() + b.width());
            if (dx * dx + dy * dy < reach * reach) {
                return true;
            }
        }
        return false;
    }

    /**
     * The top of the object that object {@code i} stands on, when it was set on the floor (base 0) although
     * its footprint centre lies within another object's footprint (the disc inscribed in it) below its own
     * top, and at least {@code minSupportTop} above the floor (meters); empty otherwise.
     */
    static OptionalDouble supportUnder(List<ObjectFacts> objects, int i, double minSupportTop) {
        ObjectFacts a = objects.get(i);
        if (a.bottom() != 0) {
            return OptionalDouble.empty();
        }
        double best = -1;
        for (int j = 0; j < objects.size(); j++) {
            ObjectFacts b = objects.get(j);
            if (j == i || b.bottom() > a.bottom() || b.top() < minSupportTop || b.top() >= a.top()) {
                continue;
            }
            double dx = a.centerUp().x() - b.centerUp().x();
            double dy = a.centerUp().y() - b.centerUp().y();
            double r = 0.5 * Math.min(b.width(), b.depth());
            if (dx * dx + dy * dy <= r * r && b.top() > best) {
                best = b.top();
            }
        }
        return best < 0 ? OptionalDouble.empty() : OptionalDouble.of(best);
    }
}
