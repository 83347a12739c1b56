package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.Kernels;
import java.util.List;
import java.util.Optional;

/**
 * Clean: each captioned object's pixels lifted and denoised ({@link ObjectCleaner}), with the floor under it
 * ({@link FloorSupport}, from a sample of the pixels on no object) cut away, and the kept pixels re-lifted from
 * smoothed depth ({@link SurfaceSmoothing}); on a frame whose smeared edges the lift stage resolved, the outline
 * pixels whose own depth lies on the floor ({@link RampSupport}) and the points it continued above an object's flat
 * top ({@link RampTops}) leave it. A frame without object masks, or whose every
 * object is dropped, is skipped here.
 */
final class CleanStage implements FrameStage {
    private final Kernels kernels;
    private final CleanupOptions options;
    private final ObjectCleaner cleaner;
    private final int samplePixels;

    /**
     * @param samplePixels the floor's background points are stride-sampled to about this many, as the
     *     canonicalizer samples the depth map ({@link CanonicalizeOptions#samplePixels()})
     */
    CleanStage(Kernels kernels, CleanupOptions options, int samplePixels) {
        this.kernels = kernels;
        this.options = options;
        this.cleaner = new ObjectCleaner(kernels, options);
        this.samplePixels = samplePixels;
    }

    @Override
    public void run(FrameState s) {
        if (s.frame.labels().isEmpty()) {
            s.skip(SkipReason.NO_OBJECT_MASKS, "frame " + s.frame.id()
                    + " has no object masks; a detector and segmenter are needed (--models)");
            return;
        }
        LabelImage labels = s.frame.labels().get();
        LabelledPixels lifted = s.lifted.orElseThrow();
        Canonicalizer.Result canon = s.orientation.orElseThrow();
        // Only the objects' pixels and a sample of the others are lifted, not the whole frame.
        Optional<FloorSupport> floor = canon.floor().map(f -> new FloorSupport(canon.frame(), f,
                kernels.backProjectPixels(s.depth, s.intrinsics, lifted.backgroundSample(s.depth, labels,
                        samplePixels)), options));
        int objectsIn = 0;
        int dropped = 0;
        for (int k = 0; k < lifted.ids().length; k++) {
            int id = lifted.ids()[k];
            String caption = s.frame.captions().get(id);
            if (caption == null || caption.isBlank()) {
                continue;
            }
            objectsIn++;
            int[] given = lifted.pixels()[k];
            PointCloud lift = kernels.backProjectPixels(s.depth, s.intrinsics, given);
            Optional<SupportSurface> under = floor.map(f -> f.near(lift));
            int[] pixelOf = given;
            PointCloud raw = lift;
            // On smeared depth: outline pixels whose own depth lies on the floor leave (RampSupport).
            if (s.smeared.isPresent() && under.isPresent()) {
                boolean[] continued = s.continued.orElseThrow();
                int[] outline = RampSupport.continuedPixels(given, continued);
                int[] off = RampSupport.keep(kernels.backProjectPixels(s.smeared.get(), s.intrinsics, outline).xyz(),
                        given, continued, under.get(), options.supportMinKeptShare());
                if (off.length < given.length) {
                    pixelOf = new int[off.length];
                    for (int i = 0; i < off.length; i++) {
                        pixelOf[i] = given[off[i]];
                    }
                    raw = lift.subset(off);
                }
            }
            ObjectCleaner.Result cleaned = cleaner.clean(raw, under.map(List::of).orElse(List.of()),
                    s.continued.isEmpty());
            if (cleaned.kept()) {
                int[] kept = cleaned.keptIndices();
                int[] pixels = new int[kept.length];
                for (int i = 0; i < kept.length; i++) {
                    pixels[i] = pixelOf[kept[i]];
                }
                SurfaceSmoothing.Smoothed smoothed = SurfaceSmoothing.relift(s.depth, s.intrinsics, pixels, options);
                // On smeared depth, with up known: points continued past a flat top leave (RampTops).
                if (s.continued.isPresent() && canon.state().hasUp()) {
                    int[] top = RampTops.keep(smoothed.cloud().xyz(), pixels, s.continued.get(),
                            canon.frame().cameraToFloor());
                    if (top.length < pixels.length) {
                        smoothed = smoothed.subset(top);
                    }
                }
                s.cleaned.add(new FrameState.CleanObject(id, smoothed.cloud(), smoothed.pointNoise(), under));
            } else {
                dropped++;
            }
        }
        if (s.cleaned.isEmpty()) {
            s.skip(SkipReason.NO_OBJECTS, "frame " + s.frame.id() + ": no object left after cleaning ("
                    + objectsIn + " in, " + dropped + " dropped)");
        }
    }
}
