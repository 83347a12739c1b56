package io.github.spatialvlm4j.vlm.image;

import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.model.JsonConfig;

/**
 * Turns an {@link RgbImage} into a model's input tensor following its
 * {@link PreprocessorConfig}, as the Hugging Face image processors do: resize with Pillow
 * semantics on 8-bit values, centre crop, rescale, normalise, pad. Immutable and thread-safe.
 *
 * <p>Cost: O(output pixels x kernel width) for the resize plus O(output pixels) for the rest.
 * Use one instance per model; it holds no native memory.
 */
public final class ImagePreprocessor {
    private final PreprocessorConfig config;

    public ImagePreprocessor(PreprocessorConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("Preprocessor config is null");
        }
        this.config = config;
    }

    /** A preprocessor for a model directory's {@code preprocessor_config.json}. */
    public static ImagePreprocessor from(JsonConfig preprocessorConfig) {
        return new ImagePreprocessor(PreprocessorConfig.from(preprocessorConfig));
    }

    public PreprocessorConfig config() {
        return config;
    }

    /**
     * The size, {@code {height, width}} in pixels, that the resize step gives an image of
     * {@code width x height}: the size rule, then rounding to a multiple of
     * {@link PreprocessorConfig#multipleOf()} (half to even, as Python's {@code round}).
     */
    public int[] resizedSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Invalid image size: " + width + "x" + height + " (pixels, must be > 0)");
        }
        if (config.size().isEmpty()) {
            return new int[] {height, width};
        }
        double[] hw = config.size().get().scaled(width, height, config.keepAspectRatio());
        return new int[] {toMultiple(hw[0], config.multipleOf()), toMultiple(hw[1], config.multipleOf())};
    }

    private static int toMultiple(double v, int m) {
        int x = (int) (Math.rint(v / m) * m);
        if (x < m) {
            x = m;
        }
        return x;
    }

    /**
     * The R, G and B planes of {@code image} as 8-bit values in [0, 255], each row-major
     * ({@code planes[c][v * width + u]}).
     */
    public static float[][] rgbPlanes(RgbImage image) {
        int[] rgb = image.rgb();
        float[][] planes = new float[3][rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            planes[0][i] = (rgb[i] >>> 16) & 0xFF;
            planes[1][i] = (rgb[i] >>> 8) & 0xFF;
            planes[2][i] = rgb[i] & 0xFF;
        }
        return planes;
    }

    /** Preprocesses {@code image}; see the class notes. */
    public ImageTensor preprocess(RgbImage image) {
        if (image == null) {
            throw new IllegalArgumentException("Image is null");
        }
        int w = image.width();
        int h = image.height();
        int[] rs = resizedSize(w, h);
        int rh = rs[0];
        int rw = rs[1];
        float[][] planes = rgbPlanes(image);
        if (rw != w || rh != h) {
            for (int c = 0; c < 3; c++) {
                planes[c] = Resampler.resize(planes[c], w, h, rw, rh, config.resample(), true);
            }
        }
        // Geometry of the crop: the resized image's top-left lands at (offX, offY) of a cw x ch window.
        int cw = config.cropWidth().orElse(rw);
        int ch = config.cropHeight().orElse(rh);
        int offX = cw <= rw ? -((rw - cw) / 2) : (cw - rw) / 2;
        int offY = ch <= rh ? -((rh - ch) / 2) : (ch - rh) / 2;
        int tw = cw;
        int th = ch;
        if (config.padWidth().isPresent()) {
            tw = Math.max(tw, config.padWidth().getAsInt());
            th = Math.max(th, config.padHeight().getAsInt());
        }
        int pm = config.padMultiple();
        tw = (tw + pm - 1) / pm * pm;
        th = (th + pm - 1) / pm * pm;

        double rescale = config.rescaleFactor();
        double[] mean = config.mean().orElse(new double[] {0, 0, 0});
        double[] std = config.std().orElse(new double[] {1, 1, 1});
        float[] out = new float[3 * th * tw];
        for (int c = 0; c < 3; c++) {
            float[] p = planes[c];
            double m = mean[c];
            double s = std[c];
            int base = c * th * tw;
            // A crop window larger than the image is filled with black before normalising (as
            // Hugging Face pads before cropping); do_pad padding is added after, as zeros.
            float black = (float) ((0.0 - m) / s);
            for (int y = 0; y < ch; y++) {
                int sy = y - offY;
                for (int x = 0; x < cw; x++) {
                    int sx = x - offX;
                    out[base + y * tw + x] = sy < 0 || sy >= rh || sx < 0 || sx >= rw ? black
                            : (float) ((p[sy * rw + sx] * rescale - m) / s);
                }
            }
        }
        return new ImageTensor(out, th, tw, w, h, rw, rh, offX, offY);
    }
}
