package io.github.spatialvlm4j.geometry;

/**
 * Pinhole camera intrinsics, all in pixels, for an image of {@code width x height} pixels.
 *
 * <p>Frame convention (the camera frame used throughout spatialvlm4j): x right, y down,
 * z forward, meters. Pixel {@code (u, v)} (column, row; the centre of the top-left pixel is
 * {@code (0, 0)}) with depth {@code Z} back-projects to
 * {@code X = (u - cx) * Z / fx}, {@code Y = (v - cy) * Z / fy}.
 *
 * @param fx focal length along x, pixels, finite and &gt; 0
 * @param fy focal length along y, pixels, finite and &gt; 0
 * @param cx principal point column, pixels, finite
 * @param cy principal point row, pixels, finite
 * @param width image width, pixels, &gt; 0
 * @param height image height, pixels, &gt; 0
 */
public record CameraIntrinsics(double fx, double fy, double cx, double cy, int width, int height) {

    public CameraIntrinsics {
        if (!(fx > 0) || !Double.isFinite(fx)) {
            throw new IllegalArgumentException("Invalid fx: " + fx + " (pixels, must be finite and > 0)");
        }
        if (!(fy > 0) || !Double.isFinite(fy)) {
            throw new IllegalArgumentException("Invalid fy: " + fy + " (pixels, must be finite and > 0)");
        }
        if (!Double.isFinite(cx)) {
            throw new IllegalArgumentException("Invalid cx: " + cx + " (pixels, must be finite)");
        }
        if (!Double.isFinite(cy)) {
            throw new IllegalArgumentException("Invalid cy: " + cy + " (pixels, must be finite)");
        }
        if (width <= 0) {
            throw new IllegalArgumentException("Invalid width: " + width + " (pixels, must be > 0)");
        }
        if (height <= 0) {
            throw new IllegalArgumentException("Invalid height: " + height + " (pixels, must be > 0)");
        }
    }

    /**
     * Intrinsics of an ideal camera with square pixels and the principal point at the image
     * centre, from its horizontal field of view.
     *
     * @param horizontalFovRadians full horizontal field of view, radians, in (0, pi)
     */
    public static CameraIntrinsics fromHorizontalFov(double horizontalFovRadians, int width, int height) {
        if (!(horizontalFovRadians > 0 && horizontalFovRadians < Math.PI)) {
            throw new IllegalArgumentException("Invalid horizontal field of view: " + horizontalFovRadians
                    + " rad (must be in (0, pi))");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Invalid image size: " + width + "x" + height + " (pixels, must be > 0)");
        }
        double f = 0.5 * width / Math.tan(0.5 * horizontalFovRadians);
        return new CameraIntrinsics(f, f, 0.5 * (width - 1), 0.5 * (height - 1), width, height);
    }

    /** Full horizontal field of view, radians. */
    public double horizontalFov() {
        return 2.0 * Math.atan(0.5 * width / fx);
    }

    /** Full vertical field of view, radians. */
    public double verticalFov() {
        return 2.0 * Math.atan(0.5 * height / fy);
    }

    /**
     * The same camera for the image resized to {@code newWidth x newHeight}: focal lengths and
     * principal point scale with the image (pixel centres are kept aligned, so
     * {@code cx' = (cx + 0.5) * sx - 0.5}).
     */
    public CameraIntrinsics scaledTo(int newWidth, int newHeight) {
        if (newWidth <= 0 || newHeight <= 0) {
            throw new IllegalArgumentException("Invalid image size: " + newWidth + "x" + newHeight
                    + " (pixels, must be > 0)");
        }
        double sx = (double) newWidth / width;
        double sy = (double) newHeight / height;
        return new CameraIntrinsics(fx * sx, fy * sy, (cx + 0.5) * sx - 0.5, (cy + 0.5) * sy - 0.5,
                newWidth, newHeight);
    }

    /** Throws {@link ShapeMismatchException} unless an image of {@code w x h} matches these intrinsics. */
    public void requireImageSize(int w, int h, String what) {
        if (w != width || h != height) {
            throw new ShapeMismatchException(what + " is " + w + "x" + h + " but the intrinsics are for "
                    + width + "x" + height);
        }
    }
}
