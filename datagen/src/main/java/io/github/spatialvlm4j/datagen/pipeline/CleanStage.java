package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.Kernels;
import io.github.spatialvlm4j.kernels.backproject.BackProjection;
import java.util.List;
import java.util.Optional;

/**
 * Clean: each captioned object's lifted points denoised ({@link ObjectCleaner}), with the floor under it
 * ({@link FloorSupport}, from the lifted points on no object) cut away, and the kept pixels re-lifted from
 * smoothed depth ({@link SurfaceSmoothing}). A frame without object masks, or whose every object is
 * dropped, is skipped here.
 */
final class CleanStage implements FrameStage {
    private final CleanupOptions options;
    private final ObjectCleaner cleaner;
    private final int samplePixels;

    /**
     * @param samplePixels the floor's background points are stride-sampled to about this many, as the
     *     canonicalizer samples the depth map ({@link CanonicalizeOptions#samplePixels()})
     */
    CleanStage(Kernels kernels, CleanupOptions options, int samplePixels) {
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
        BackProjection lifted = s.lifted.orElseThrow();
        Canonicalizer.Result canon = s.orientation.orElseThrow();
        Optional<FloorSupport> floor = canon.floor().map(f -> new FloorSupport(canon.frame(), f,
                pointsOnPixels(lifted, labels, false), options));
        int dropped = 0;
        int[] pixelOf = lifted.pixelIndex();
        for (int id : lifted.labelIds()) {
            String caption = s.frame.captions().get(id);
            if (caption == null || caption.isBlank()) {
                continue;
            }
            s.objectsIn++;
            int[] points = lifted.pointsOfLabel(id);
            PointCloud raw = lifted.cloud().subset(points);
            Optional<SupportSurface> under = floor.map(f -> f.near(raw));
            ObjectCleaner.Result cleaned = cleaner.clean(raw, under.map(List::of).orElse(List.of()));
            if (cleaned.kept()) {
                int[] kept = cleaned.keptIndices();
                int[] pixels = new int[kept.length];
                for (int i = 0; i < kept.length; i++) {
                    pixels[i] = pixelOf[points[kept[i]]];
                }
                SurfaceSmoothing.Smoothed smoothed = SurfaceSmoothing.relift(s.depth, s.intrinsics, pixels, options);
                s.cleaned.add(new FrameState.CleanObject(id, smoothed.cloud(), smoothed.pointNoise(), under));
            } else {
                dropped++;
            }
        }
        if (s.cleaned.isEmpty()) {
            s.skip(SkipReason.NO_OBJECTS, "frame " + s.frame.id() + ": no object left after cleaning ("
                    + s.objectsIn + " in, " + dropped + " dropped)");
        }
    }

    /**
     * The lifted points whose pixel in {@code mask} is labelled ({@code labelled}) or is
     * {@link LabelImage#NONE} ({@code !labelled}), stride-sampled to about {@code samplePixels} points
     * ({@link PointCloud#strideIndices}), without copying the others first. O(lifted points).
     */
    private PointCloud pointsOnPixels(BackProjection lifted, LabelImage mask, boolean labelled) {
        int[] pixelOf = lifted.pixelIndex();
        int[] ids = mask.ids();
        int count = 0;
        for (int p : pixelOf) {
            if ((ids[p] != LabelImage.NONE) == labelled) {
                count++;
            }
        }
        int[] keep = new int[count];
        int k = 0;
        for (int i = 0; i < pixelOf.length; i++) {
            if ((ids[pixelOf[i]] != LabelImage.NONE) == labelled) {
                keep[k++] = i;
            }
        }
        int[] sampled = PointCloud.strideIndices(count, samplePixels);
        for (int j = 0; j < sampled.length; j++) {
            sampled[j] = keep[sampled[j]];
        }
        return lifted.cloud().subset(sampled);
    }
}
