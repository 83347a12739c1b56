package io.github.spatialvlm4j.vlm.image;

/**
 * Resampling filters with the numbers Pillow uses in {@code preprocessor_config.json}'s
 * {@code resample} field ({@code 0} nearest, {@code 1} Lanczos, {@code 2} bilinear,
 * {@code 3} bicubic, {@code 4} box, {@code 5} Hamming).
 */
public enum Resample {
    NEAREST(0, 0.0),
    LANCZOS(1, 3.0),
    BILINEAR(2, 1.0),
    BICUBIC(3, 2.0),
    BOX(4, 0.5),
    HAMMING(5, 1.0);

    private final int pilCode;
    private final double support;

    Resample(int pilCode, double support) {
        this.pilCode = pilCode;
        this.support = support;
    }

    /** Pillow's number for this filter. */
    public int pilCode() {
        return pilCode;
    }

    /** Half-width of the filter kernel at scale 1, in source pixels. */
    public double support() {
        return support;
    }

    /** The filter with Pillow number {@code code}. */
    public static Resample fromPilCode(int code) {
        for (Resample r : values()) {
            if (r.pilCode == code) {
                return r;
            }
        }
        throw new IllegalArgumentException("Invalid resample code: " + code
                + " (expected a Pillow filter number 0..5: 0 nearest, 1 lanczos, 2 bilinear, 3 bicubic, 4 box, 5 hamming)");
    }

    /** Kernel weight at offset {@code x} (source pixels, already divided by the scale when down-sampling). */
    double weight(double x) {
        switch (this) {
            case BOX:
                return x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
            case BILINEAR: {
                double a = Math.abs(x);
                return a < 1.0 ? 1.0 - a : 0.0;
            }
            case HAMMING: {
                double a = Math.abs(x);
                if (a == 0.0) {
                    return 1.0;
                }
                if (a >= 1.0) {
                    return 0.0;
                }
                double px = a * Math.PI;
                return Math.sin(px) / px * (0.54 + 0.46 * Math.cos(px));
            }
            case BICUBIC: {
                // Keys' cubic convolution with a = -0.5, as Pillow.
                double a = -0.5;
                double t = Math.abs(x);
                if (t < 1.0) {
                    return ((a + 2.0) * t - (a + 3.0)) * t * t + 1.0;
                }
                if (t < 2.0) {
                    return (((t - 5.0) * t + 8.0) * t - 4.0) * a;
                }
                return 0.0;
            }
            case LANCZOS:
                return x >= -3.0 && x < 3.0 ? sinc(x) * sinc(x / 3.0) : 0.0;
            default:
                throw new IllegalStateException("NEAREST has no convolution kernel");
        }
    }

    private static double sinc(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        double px = x * Math.PI;
        return Math.sin(px) / px;
    }
}
