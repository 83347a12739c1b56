package io.github.spatialvlm4j.datagen.qa;

import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.PixelBox;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.geometry.Plane;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.joml.Matrix4f;
import org.joml.Vector3f;

/**
 * Hand-built scenes: a level camera {@value #CAMERA_HEIGHT} m above the floor, looking along the
 * floor. Up frame: x right, y forward, z up; so camera (x, y, z) = (ux, H - uz, uy).
 */
final class TestScenes {
    static final float CAMERA_HEIGHT = 1.5f;
    static final double FOCAL = 500;
    static final int WIDTH = 640;
    static final int HEIGHT = 480;

    /** Captions that are distinct, not substrings of one another, and hold no relation or negation word. */
    static final List<String> CAPTIONS = List.of("red box", "blue chair", "green lamp", "wooden table", "white mug",
            "black laptop", "potted plant", "yellow ball", "metal bucket", "striped pillow");

    private TestScenes() {
    }

    /** An object from its up-frame box centre (ux, uy, uz) and sizes, meters. */
    static ObjectFacts object(int id, String caption, float ux, float uy, float uz, float w, float d, float h) {
        Vector3f cam = new Vector3f(ux, CAMERA_HEIGHT - uz, uy);
        int u = (int) Math.round(WIDTH / 2.0 + FOCAL * cam.x / cam.z);
        int v = (int) Math.round(HEIGHT / 2.0 + FOCAL * cam.y / cam.z);
        PixelBox box = new PixelBox(u - 10, v - 10, u + 10, v + 10);
        return new ObjectFacts(id, caption, cam, new Vector3f(ux, uy, uz), w, d, h, uz - h / 2, uz + h / 2, 1000, box);
    }

    /** An object with an explicit image box (for ambiguity tests). */
    static ObjectFacts object(int id, String caption, PixelBox box) {
        ObjectFacts o = object(id, caption, 0, 3, 0.5f, 0.5f, 0.5f, 0.5f);
        return new ObjectFacts(o.id(), caption, o.center(), o.centerUp(), o.width(), o.depth(), o.height(), o.bottom(),
                o.top(), o.pointCount(), box);
    }

    static Matrix4f cameraToUp() {
        // Columns: camera x -> up x, camera y -> -up z, camera z -> up y; translation H along up z.
        return new Matrix4f(1, 0, 0, 0, 0, 0, -1, 0, 0, 1, 0, 0, 0, 0, CAMERA_HEIGHT, 1);
    }

    /** A scene with the given objects and gaps (row-major k x k). */
    static SceneFacts scene(List<ObjectFacts> objects, float[] gaps, boolean canonicalized) {
        Optional<Plane> floor = canonicalized ? Optional.of(new Plane(0, -1, 0, CAMERA_HEIGHT)) : Optional.empty();
        return new SceneFacts("test-frame", WIDTH, HEIGHT, objects, canonicalized, floor, cameraToUp(), gaps);
    }

    /** Gaps from box centres minus half widths, clamped at 0: a plausible symmetric matrix. */
    static float[] centreGaps(List<ObjectFacts> objects) {
        int k = objects.size();
        float[] g = new float[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (i != j) {
                    float d = objects.get(i).center().distance(objects.get(j).center())
                            - 0.5f * (objects.get(i).width() + objects.get(j).width());
                    g[i * k + j] = Math.max(0, d);
                }
            }
        }
        return g;
    }

    /** A random scene of {@code k} objects with captions from {@link #CAPTIONS}. */
    static SceneFacts random(SplittableRandom rnd, int k, boolean canonicalized) {
        List<ObjectFacts> objects = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            float h = (float) rnd.nextDouble(0.05, 2.0);
            objects.add(object(i + 1, CAPTIONS.get(i), (float) rnd.nextDouble(-3, 3), (float) rnd.nextDouble(1, 8),
                    (float) rnd.nextDouble(h / 2, h / 2 + 1.5), (float) rnd.nextDouble(0.05, 2.0),
                    (float) rnd.nextDouble(0.05, 1.0) * 0.5f, h));
        }
        return scene(objects, centreGaps(objects), canonicalized);
    }
}
