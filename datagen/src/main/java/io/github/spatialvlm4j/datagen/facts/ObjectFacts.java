package io.github.spatialvlm4j.datagen.facts;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.joml.Vector3f;
import org.joml.Vector3fc;

/**
 * What is known about one object of a scene: measured from its cleaned point cloud by the
 * pipeline, or exact from ground truth (synthetic scenes). Both use these definitions, so the
 * audit can compare them field by field.
 *
 * <p>Frames: the <b>camera frame</b> (x right, y down, z forward, meters) and the <b>up frame</b>,
 * which is the floor frame (docs/ARCHITECTURE.md, "Frames and units": z up, origin on the floor below the camera)
 * when the scene is canonicalized, and otherwise the camera frame turned so that z points along
 * camera up ({@code -y}) with its origin at the camera. Floor-dependent facts
 * ({@code bottom}, {@code top}, {@code height}, and anything "above"/"below") mean something only
 * when {@link SceneFacts#canonicalized()} is true.
 *
 * <p>The object's box is the gravity-aligned box in the up frame: rotated only about up, its
 * footprint the minimum-area rectangle of the points projected on the floor, its vertical span
 * from the lowest to the highest point.
 *
 * @param id the instance id (label image id), &gt; 0
 * @param caption short free-form caption, 1-6 words, e.g. "tall blue cylinder"
 * @param center the box centre in the camera frame, meters
 * @param centerUp the box centre in the up frame, meters
 * @param width the longer horizontal side of the box, meters
 * @param depth the shorter horizontal side of the box, meters
 * @param height the vertical side of the box, meters
 * @param bottom the lowest point in the up frame (elevation of the object's base above the floor), meters
 * @param top the highest point in the up frame, meters
 * @param pointCount the number of points (or visible pixels, for ground truth) that support these facts
 * @param imageBox the object's pixel extent in the image
 * @param occludedOutline the share of the object's outline in the image, in [0, 1], that is hidden
 *     behind a nearer surface or cut by the image border (see {@link Occlusion}); extents and centres
 *     of a largely hidden object are measured on its visible part only
 * @param nearestSurface the distance from the camera centre to the nearest visible point of the object,
 *     meters (what "how far is it from me" means for a large object); empty when not measured (facts
 *     read from records written before it existed, hand-built facts)
 * @param visibleSpan where the visible points lie along camera x and z (see {@link CameraSpan}); present for
 *     measured facts, empty for ground truth, facts read from records and hand-built facts. Not written to
 *     records: it decides which relations of a partly hidden object are asked
 *     ({@link io.github.spatialvlm4j.datagen.qa.QaOptions#maxOccludedOutline()})
 */
public record ObjectFacts(int id, String caption, Vector3fc center, Vector3fc centerUp, float width, float depth,
        float height, float bottom, float top, int pointCount, PixelBox imageBox, float occludedOutline,
        OptionalDouble nearestSurface, Optional<CameraSpan> visibleSpan) {

    public ObjectFacts {
        if (id <= 0) {
            throw new IllegalArgumentException("Invalid object id: " + id + " (must be > 0)");
        }
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(imageBox, "imageBox");
        center = new Vector3f(Objects.requireNonNull(center, "center"));
        centerUp = new Vector3f(Objects.requireNonNull(centerUp, "centerUp"));
        if (!(width >= 0 && depth >= 0 && height >= 0) || !Float.isFinite(width + depth + height)) {
            throw new IllegalArgumentException("Invalid box size " + width + " x " + depth + " x " + height
                    + " m for object " + id);
        }
        if (!(top >= bottom) || !Float.isFinite(top + bottom)) {
            throw new IllegalArgumentException("Invalid vertical span [" + bottom + ", " + top + "] m for object " + id);
        }
        if (!(occludedOutline >= 0 && occludedOutline <= 1)) {
            throw new IllegalArgumentException("Invalid occluded outline share " + occludedOutline + " for object " + id
                    + " (must be in [0, 1])");
        }
        Objects.requireNonNull(nearestSurface, "nearestSurface");
        if (nearestSurface.isPresent() && !(nearestSurface.getAsDouble() >= 0
                && Double.isFinite(nearestSurface.getAsDouble()))) {
            throw new IllegalArgumentException("Invalid nearest surface distance " + nearestSurface.getAsDouble()
                    + " m for object " + id + " (must be finite and >= 0)");
        }
        Objects.requireNonNull(visibleSpan, "visibleSpan");
    }

    /** Facts without a visible span. */
    public ObjectFacts(int id, String caption, Vector3fc center, Vector3fc centerUp, float width, float depth,
            float height, float bottom, float top, int pointCount, PixelBox imageBox, float occludedOutline,
            OptionalDouble nearestSurface) {
        this(id, caption, center, centerUp, width, depth, height, bottom, top, pointCount, imageBox, occludedOutline,
                nearestSurface, Optional.empty());
    }

    /** Facts without a measured nearest surface. */
    public ObjectFacts(int id, String caption, Vector3fc center, Vector3fc centerUp, float width, float depth,
            float height, float bottom, float top, int pointCount, PixelBox imageBox, float occludedOutline) {
        this(id, caption, center, centerUp, width, depth, height, bottom, top, pointCount, imageBox, occludedOutline,
                OptionalDouble.empty());
    }

    /** Facts of a fully visible object ({@code occludedOutline = 0}). */
    public ObjectFacts(int id, String caption, Vector3fc center, Vector3fc centerUp, float width, float depth,
            float height, float bottom, float top, int pointCount, PixelBox imageBox) {
        this(id, caption, center, centerUp, width, depth, height, bottom, top, pointCount, imageBox, 0f);
    }

    /** Box volume, cubic meters: what "big" and "small" compare. */
    public float volume() {
        return width * depth * height;
    }

    /** The same facts with another caption (ambiguity removal adds clauses). */
    public ObjectFacts withCaption(String newCaption) {
        return new ObjectFacts(id, newCaption, center, centerUp, width, depth, height, bottom, top, pointCount,
                imageBox, occludedOutline, nearestSurface, visibleSpan);
    }
}
