package io.github.spatialvlm4j.vlm.detect;

import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.image.ImagePreprocessor;
import io.github.spatialvlm4j.vlm.image.ImageTensor;
import io.github.spatialvlm4j.vlm.image.Resample;
import io.github.spatialvlm4j.vlm.image.Resampler;

/**
 * Letterbox preprocessing of single-stage detectors: the image is scaled by
 * {@code r = min(H / h, W / w)} to {@code floor(w r) x floor(h r)} pixels (aspect kept), placed at
 * the top-left corner (YOLOX) or centred (Ultralytics, offsets {@code floor((W - w') / 2)}) of an
 * {@code H x W} canvas filled with the pad value, then every 8-bit value {@code v} becomes
 * {@code (v * rescale - mean) / std} in the configured channel order. Stateless.
 *
 * <p>The resize is bilinear with Pillow's semantics ({@link Resampler}, anti-aliased when
 * shrinking, 8-bit rounding per pass); the reference scripts use OpenCV's {@code INTER_LINEAR},
 * which samples without anti-aliasing: values differ slightly on fine textures, box geometry
 * does not. Cost O(input pixels x kernel width).
 */
public final class Letterbox {
    private Letterbox() {
    }

    /**
     * The input tensor of {@code image}: {@code [3, H, W]}, channels in the configured order; the
     * tensor records where the image lies ({@link ImageTensor#toSourceX}) so that boxes map back.
     */
    public static ImageTensor apply(RgbImage image, DetectorConfig config) {
        if (image == null || config == null) {
            throw new IllegalArgumentException("Image and config must not be null");
        }
        int w = image.width();
        int h = image.height();
        int tw = config.inputWidth();
        int th = config.inputHeight();
        double r = Math.min((double) th / h, (double) tw / w);
        int rw = Math.max(1, Math.min(tw, (int) (w * r)));
        int rh = Math.max(1, Math.min(th, (int) (h * r)));
        int offX = config.centred() ? (tw - rw) / 2 : 0;
        int offY = config.centred() ? (th - rh) / 2 : 0;
        float[][] rgb = ImagePreprocessor.rgbPlanes(image);
        if (rw != w || rh != h) {
            for (int c = 0; c < 3; c++) {
                rgb[c] = Resampler.resize(rgb[c], w, h, rw, rh, Resample.BILINEAR, true);
            }
        }
        double scale = config.rescaleFactor();
        double[] mean = config.mean().orElse(new double[] {0, 0, 0});
        double[] std = config.std().orElse(new double[] {1, 1, 1});
        float[] out = new float[3 * th * tw];
        for (int c = 0; c < 3; c++) {
            float[] plane = rgb[config.bgr() ? 2 - c : c];
            int base = c * th * tw;
            float pad = (float) ((config.padValue() * scale - mean[c]) / std[c]);
            java.util.Arrays.fill(out, base, base + th * tw, pad);
            for (int y = 0; y < rh; y++) {
                int row = base + (offY + y) * tw + offX;
                for (int x = 0; x < rw; x++) {
                    out[row + x] = (float) ((plane[y * rw + x] * scale - mean[c]) / std[c]);
                }
            }
        }
        return new ImageTensor(out, th, tw, w, h, rw, rh, offX, offY);
    }
}
