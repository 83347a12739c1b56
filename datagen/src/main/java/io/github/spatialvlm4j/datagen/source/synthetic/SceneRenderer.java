package io.github.spatialvlm4j.datagen.source.synthetic;

import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.Plane;
import java.util.List;
import org.joml.Matrix3d;

/**
 * Ray casts a {@link SyntheticScene}: one ray per pixel centre, first hit among the objects, the floor
 * and the walls. Package-private: {@link SyntheticSceneGenerator} is the public entry.
 *
 * <p>The ray of pixel {@code (u, v)} has camera-frame direction {@code ((u - cx)/fx, (v - cy)/fy, 1)},
 * so the ray parameter of a hit is its camera-frame z: the depth, not the ray length. Cost
 * O(pixels x objects), with a bounding-sphere reject per object.
 */
final class SceneRenderer {
    /** Index of "no object" in {@link Result#objectIndex}. */
    static final int NO_OBJECT = -1;
    /** Fixed light direction (world frame, towards the light), normalised at use. */
    private static final double[] LIGHT = {0.35, 0.25, 0.9};
    private static final double AMBIENT = 0.35;
    private static final double DIFFUSE = 0.65;
    private static final int FLOOR_RGB = 0xB4AA96;
    private static final int WALL_RGB = 0xD2D0C8;
    private static final int SKY_RGB = 0xAAC8E6;
    /** Hits closer than this along the ray (camera z, meters) are ignored. */
    private static final double T_MIN = 1e-6;

    /**
     * @param depth camera-frame z of the first hit, meters, 0 where the ray hits nothing; {@code [v*w+u]}
     * @param objectIndex index into the scene's objects of the first hit, {@link #NO_OBJECT} for floor,
     *     walls and background
     * @param rgb shaded colour {@code 0xRRGGBB}
     */
    record Result(float[] depth, int[] objectIndex, int[] rgb) {
    }

    private SceneRenderer() {
    }

    static Result render(SyntheticScene scene) {
        CameraIntrinsics k = scene.intrinsics();
        int w = k.width();
        int h = k.height();
        Matrix3d rot = scene.camera().worldFromCamera(new Matrix3d());
        double ox = scene.camera().x();
        double oy = scene.camera().y();
        double oz = scene.camera().height();
        List<PlacedObject> objects = scene.objects();
        int n = objects.size();
        Solid[] solids = new Solid[n];
        double[] bound = new double[4 * n];
        for (int i = 0; i < n; i++) {
            Solid s = objects.get(i).solid();
            solids[i] = s;
            bound[4 * i] = s.cx() - ox;
            bound[4 * i + 1] = s.cy() - oy;
            bound[4 * i + 2] = s.cz() - oz;
            double r = s.boundingRadius() * (1 + 1e-9) + 1e-9;
            bound[4 * i + 3] = r * r;
        }
        List<Plane> walls = scene.walls();
        double lightLen = Math.sqrt(LIGHT[0] * LIGHT[0] + LIGHT[1] * LIGHT[1] + LIGHT[2] * LIGHT[2]);
        double lx = LIGHT[0] / lightLen;
        double ly = LIGHT[1] / lightLen;
        double lz = LIGHT[2] / lightLen;

        float[] depth = new float[w * h];
        int[] index = new int[w * h];
        int[] rgb = new int[w * h];
        double[] normal = new double[3];
        double[] bestNormal = new double[3];
        for (int v = 0; v < h; v++) {
            double yc = (v - k.cy()) / k.fy();
            for (int u = 0; u < w; u++) {
                double xc = (u - k.cx()) / k.fx();
                double dx = rot.m00() * xc + rot.m10() * yc + rot.m20();
                double dy = rot.m01() * xc + rot.m11() * yc + rot.m21();
                double dz = rot.m02() * xc + rot.m12() * yc + rot.m22();
                double dd = dx * dx + dy * dy + dz * dz;
                double best = Double.POSITIVE_INFINITY;
                int bestObject = NO_OBJECT;
                int colour = SKY_RGB;
                for (int i = 0; i < n; i++) {
                    // Bounding sphere reject: does the ray line pass within the radius, ahead of the camera?
                    double bx = bound[4 * i];
                    double by = bound[4 * i + 1];
                    double bz = bound[4 * i + 2];
                    double proj = bx * dx + by * dy + bz * dz;
                    double perp2 = bx * bx + by * by + bz * bz - proj * proj / dd;
                    if (perp2 > bound[4 * i + 3]) {
                        continue;
                    }
                    double t = solids[i].intersect(ox, oy, oz, dx, dy, dz, T_MIN, normal);
                    if (t < best) {
                        best = t;
                        bestObject = i;
                        System.arraycopy(normal, 0, bestNormal, 0, 3);
                    }
                }
                if (bestObject != NO_OBJECT) {
                    colour = objects.get(bestObject).color().rgb();
                }
                if (dz < 0) {
                    double t = -oz / dz;
                    if (t > T_MIN && t < best) {
                        best = t;
                        bestObject = NO_OBJECT;
                        bestNormal[0] = 0;
                        bestNormal[1] = 0;
                        bestNormal[2] = 1;
                        colour = FLOOR_RGB;
                    }
                }
                for (Plane wall : walls) {
                    double denom = wall.nx() * dx + wall.ny() * dy + wall.nz() * dz;
                    if (Math.abs(denom) < Solid.PARALLEL_EPS) {
                        continue;
                    }
                    double side = wall.signedDistance(ox, oy, oz);
                    double t = -side / denom;
                    if (t > T_MIN && t < best) {
                        best = t;
                        bestObject = NO_OBJECT;
                        double sgn = side >= 0 ? 1 : -1;
                        bestNormal[0] = sgn * wall.nx();
                        bestNormal[1] = sgn * wall.ny();
                        bestNormal[2] = sgn * wall.nz();
                        colour = WALL_RGB;
                    }
                }
                int p = v * w + u;
                index[p] = bestObject;
                if (best < Double.POSITIVE_INFINITY) {
                    depth[p] = (float) best;
                    double lambert = Math.max(0, bestNormal[0] * lx + bestNormal[1] * ly + bestNormal[2] * lz);
                    rgb[p] = shade(colour, AMBIENT + DIFFUSE * lambert);
                } else {
                    rgb[p] = SKY_RGB;
                }
            }
        }
        return new Result(depth, index, rgb);
    }

    private static int shade(int rgb, double factor) {
        int r = (int) Math.min(255, Math.round(((rgb >> 16) & 0xFF) * factor));
        int g = (int) Math.min(255, Math.round(((rgb >> 8) & 0xFF) * factor));
        int b = (int) Math.min(255, Math.round((rgb & 0xFF) * factor));
        return (r << 16) | (g << 8) | b;
    }
}
