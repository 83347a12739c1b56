package io.github.spatialvlm4j.datagen.pipeline;

/**
 * Outline pixels of an object on smeared depth that its own depth puts on the surface it stands on: they are the
 * surface, a segmenter's bleed, and leave the object.
 *
 * <p>{@link Ramps} decides whether an outline pixel is the object's or the background's by where its smeared
 * depth lies between the object's surface and the background next to it. Beside a low object on the floor there
 * is hardly a step to judge: the floor beside a box's side or behind its top recedes continuously from the
 * object's own depth, so a pixel the mask bled onto it stays, takes the object's surface continued from inside,
 * and widens the object by a pixel or two on each side (boxes +7% median in the monocular audit). Its own
 * depth, lifted, lies on the floor, within the band of {@link SupportSurface}; an outline pixel of the object
 * itself lies there only in the object's lowest centimetres, which {@link ObjectCleaner} cuts away with the
 * surface anyway. So the continued pixels whose depth as given lies in the support's band leave the object, unless
 * fewer than {@link CleanupOptions#supportMinKeptShare()} of its pixels would stay (a flat thing lying on the
 * surface keeps its points, as there). In the monocular audit (200 scenes, seed 7) object widths within 10% went
 * from 66.4 to 70.0%, depths from 48.6 to 50.7%.
 *
 * <p>Stateless; O(pixels) per object.
 */
final class RampSupport {
    private RampSupport() {
    }

    /** The pixels among {@code pixels} that took their surface continued from inside, in their order. */
    static int[] continuedPixels(int[] pixels, boolean[] continued) {
        return java.util.Arrays.stream(pixels).filter(p -> continued[p]).toArray();
    }

    /**
     * The pixels of an object to keep: all of them but the continued ones whose own depth lies on the support.
     *
     * @param given the continued pixels' points ({@link #continuedPixels}, in that order) lifted from the depth as
     *     given (ramps whole), camera frame, meters, interleaved: only they can leave, so only they are lifted
     * @param pixels each point's pixel, row-major index into {@code continued}
     * @param continued which pixels took their surface continued from inside ({@link Ramps#resolveAll})
     * @param under the surface the object stands on, camera frame
     * @param minKeptShare the smallest share of the pixels that must stay for any to leave
     * @return the indices into {@code pixels} of the pixels kept, ascending; all of them when none leaves
     */
    static int[] keep(float[] given, int[] pixels, boolean[] continued, SupportSurface under, double minKeptShare) {
        int n = pixels.length;
        int outline = 0;
        for (int p : pixels) {
            if (continued[p]) {
                outline++;
            }
        }
        if (given.length != 3 * outline) {
            throw new IllegalArgumentException("Invalid cloud of " + given.length + " coordinates for " + outline
                    + " continued pixels (must be 3 per pixel)");
        }
        int[] keep = new int[n];
        int kept = 0;
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (!continued[pixels[i]] || !under.inBand(given, j++)) {
                keep[kept++] = i;
            }
        }
        if (kept == n || kept < minKeptShare * n) {
            for (int i = 0; i < n; i++) {
                keep[i] = i;
            }
            return keep;
        }
        return java.util.Arrays.copyOf(keep, kept);
    }
}
