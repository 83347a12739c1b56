package io.github.spatialvlm4j.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.joml.Matrix3f;
import org.joml.Quaternionf;
import org.joml.Vector3f;
import org.joml.Vector3fc;
import org.junit.jupiter.api.Test;

/**
 * {@link OrientedBox#distance(org.joml.Vector3fc)}, {@link OrientedBox#intersects} and
 * {@link OrientedBox#distance(OrientedBox)}: known answers (separated, touching, overlapping, an edge-edge
 * closest pair that only a cross-product axis separates) and seeded rotated boxes checked against a slow
 * reference, the least distance from a dense sampling of one box's surface to the other box.
 */
class OrientedBoxDistanceTest {
    /** Float corners and axes, computed in double after that. */
    private static final double EXACT = 1e-5;
    /** Samples per box edge of the surface reference. */
    private static final int SAMPLES_PER_EDGE = 60;

    private static OrientedBox box(float cx, float cy, float cz, Matrix3f rotation, float hx, float hy, float hz) {
        return new OrientedBox(new Vector3f(cx, cy, cz), rotation, new Vector3f(hx, hy, hz));
    }

    private static OrientedBox cube(float cx, float cy, float cz, float half) {
        return box(cx, cy, cz, new Matrix3f(), half, half, half);
    }

    /**
     * The point-to-box distance as the length from the point to its clamp into the box, written here from
     * the definition (closest point = the local coordinates clamped to the half extents), in double.
     */
    private static double referencePointDistance(OrientedBox b, double px, double py, double pz) {
        double[] local = new double[3];
        Vector3f axis = new Vector3f();
        for (int i = 0; i < 3; i++) {
            b.axis(i, axis);
            local[i] = axis.x * (px - b.center().x()) + axis.y * (py - b.center().y())
                    + axis.z * (pz - b.center().z());
        }
        double cx = b.center().x();
        double cy = b.center().y();
        double cz = b.center().z();
        for (int i = 0; i < 3; i++) {
            double h = b.halfExtents().get(i);
            double clamped = Math.max(-h, Math.min(h, local[i]));
            b.axis(i, axis);
            cx += clamped * axis.x;
            cy += clamped * axis.y;
            cz += clamped * axis.z;
        }
        return Math.sqrt((px - cx) * (px - cx) + (py - cy) * (py - cy) + (pz - cz) * (pz - cz));
    }

    /**
     * The least distance from a grid of {@link #SAMPLES_PER_EDGE}^2 points on each face of {@code a} to
     * {@code b}. Never below the true distance; above it by at most half a grid diagonal of {@code a}'s
     * largest face (distance is 1-Lipschitz).
     */
    private static double sampledDistance(OrientedBox a, OrientedBox b) {
        double best = Double.POSITIVE_INFINITY;
        Vector3f[] axes = {a.axis(0, new Vector3f()), a.axis(1, new Vector3f()), a.axis(2, new Vector3f())};
        for (int f = 0; f < 3; f++) {
            int g = (f + 1) % 3;
            int k = (f + 2) % 3;
            for (int side = -1; side <= 1; side += 2) {
                for (int i = 0; i <= SAMPLES_PER_EDGE; i++) {
                    for (int j = 0; j <= SAMPLES_PER_EDGE; j++) {
                        double sf = side * a.halfExtents().get(f);
                        double sg = a.halfExtents().get(g) * (2.0 * i / SAMPLES_PER_EDGE - 1);
                        double sk = a.halfExtents().get(k) * (2.0 * j / SAMPLES_PER_EDGE - 1);
                        double px = a.center().x() + sf * axes[f].x + sg * axes[g].x + sk * axes[k].x;
                        double py = a.center().y() + sf * axes[f].y + sg * axes[g].y + sk * axes[k].y;
                        double pz = a.center().z() + sf * axes[f].z + sg * axes[g].z + sk * axes[k].z;
                        best = Math.min(best, referencePointDistance(b, px, py, pz));
                    }
                }
            }
        }
        return best;
    }

    /** Half the diagonal of a grid cell on {@code a}'s largest face: the reference's worst overestimate. */
    private static double samplingSlack(OrientedBox a) {
        Vector3fc h = a.halfExtents();
        double cell = 2.0 * Math.max(h.x(), Math.max(h.y(), h.z())) / SAMPLES_PER_EDGE;
        return cell * Math.sqrt(2) / 2 + EXACT;
    }

    private static Matrix3f randomRotation(SplittableRandom rnd) {
        Quaternionf q = new Quaternionf((float) rnd.nextGaussian(), (float) rnd.nextGaussian(),
                (float) rnd.nextGaussian(), (float) rnd.nextGaussian()).normalize();
        return new Matrix3f().set(q);
    }

    @Test
    void pointDistanceOfAnAxisAlignedBox() {
        OrientedBox b = box(1, 2, 3, new Matrix3f(), 0.5f, 1f, 1.5f);
        assertEquals(0, b.distance(new Vector3f(1, 2, 3)), EXACT, "centre");
        assertEquals(0, b.distance(new Vector3f(1.5f, 2, 3)), EXACT, "on a face");
        assertEquals(0, b.distance(new Vector3f(1.5f, 3, 4.5f)), EXACT, "a corner");
        assertEquals(0.25, b.distance(new Vector3f(1.75f, 2.5f, 3)), EXACT, "beyond the +x face");
        assertEquals(2, b.distance(new Vector3f(1, -1, 3)), EXACT, "beyond the -y face");
        // Beyond an edge (x and z out) and a corner (all three out): the distance to the edge and the corner.
        assertEquals(Math.hypot(0.3, 0.4), b.distance(new Vector3f(1.8f, 2, 4.9f)), EXACT);
        assertEquals(Math.sqrt(0.01 + 0.04 + 0.09), b.distance(new Vector3f(0.4f, 3.2f, 1.2f)), EXACT);
    }

    @Test
    void pointDistanceOfARotatedBox() {
        // Turned 90 degrees about z: box axis 0 is world y, so the long half extent 1 lies along y.
        OrientedBox b = box(0, 0, 0, new Matrix3f().rotationZ((float) Math.toRadians(90)), 1f, 0.5f, 0.25f);
        assertEquals(0.5, b.distance(new Vector3f(0, 1.5f, 0)), EXACT);
        assertEquals(1.5, b.distance(new Vector3f(2, 0, 0)), EXACT);
        assertEquals(0, b.distance(new Vector3f(0.5f, 0.9f, 0.25f)), EXACT);
        // Seeded points around rotated boxes against the clamp reference.
        SplittableRandom rnd = new SplittableRandom(11);
        for (int t = 0; t < 200; t++) {
            OrientedBox r = box((float) rnd.nextDouble(-1, 1), (float) rnd.nextDouble(-1, 1), (float) rnd.nextDouble(-1, 1),
                    randomRotation(rnd), (float) rnd.nextDouble(0.05, 1), (float) rnd.nextDouble(0.05, 1),
                    (float) rnd.nextDouble(0, 1));
            Vector3f p = new Vector3f((float) rnd.nextDouble(-3, 3), (float) rnd.nextDouble(-3, 3),
                    (float) rnd.nextDouble(-3, 3));
            assertEquals(referencePointDistance(r, p.x, p.y, p.z), r.distance(p), EXACT, "trial " + t);
        }
    }

    @Test
    void separatedAxisAlignedBoxes() {
        OrientedBox a = cube(0, 0, 0, 0.5f);
        OrientedBox faceToFace = cube(2, 0, 0, 0.5f);
        assertFalse(a.intersects(faceToFace));
        assertEquals(1.0, a.distance(faceToFace), EXACT);
        // Offset along x and y: the closest pair is an edge of each, sqrt(1^2 + 0.5^2) apart.
        OrientedBox diagonal = cube(2, 1.5f, 0, 0.5f);
        assertFalse(a.intersects(diagonal));
        assertEquals(Math.sqrt(1.25), a.distance(diagonal), EXACT);
        // Offset along all three: corner to corner.
        OrientedBox corner = box(1.5f, 1.5f, 1.5f, new Matrix3f(), 0.25f, 0.5f, 0.75f);
        assertEquals(Math.sqrt(0.75 * 0.75 + 0.5 * 0.5 + 0.25 * 0.25), a.distance(corner), EXACT);
        assertEquals(a.distance(corner), corner.distance(a), EXACT, "symmetric");
    }

    @Test
    void touchingAndOverlappingBoxesIntersectAtDistanceZero() {
        OrientedBox a = cube(0, 0, 0, 0.5f);
        for (OrientedBox b : new OrientedBox[] {
            cube(1, 0, 0, 0.5f), // face to face
            cube(1, 1, 0, 0.5f), // edge to edge
            cube(1, 1, 1, 0.5f), // corner to corner
            cube(0.5f, 0.2f, -0.1f, 0.5f), // overlapping
            cube(0, 0, 0, 0.1f), // inside
            box(0.2f, 0, 0, new Matrix3f().rotationXYZ(0.3f, 0.5f, 0.7f), 2f, 0.05f, 0.05f), // through it
        }) {
            assertTrue(a.intersects(b), b.toString());
            assertTrue(b.intersects(a), b.toString());
            assertEquals(0, a.distance(b), 0, b.toString());
            assertEquals(0, b.distance(a), 0, b.toString());
        }
        // A hair apart is apart.
        OrientedBox near = cube(1.001f, 0, 0, 0.5f);
        assertFalse(a.intersects(near));
        assertEquals(0.001, a.distance(near), EXACT);
    }

    /**
     * Two cubes rolled 45 degrees, one about x and one about y, stacked: the top of the lower one is an edge
     * along x, the bottom of the upper one an edge along y, and they cross. The closest pair is an interior
     * point of each edge; no face normal separates them, only the cross product of the edges (z).
     */
    @Test
    void edgeToEdgeClosestPair() {
        float half = 0.5f;
        float reach = (float) (half * Math.sqrt(2)); // centre to the rolled edge
        Matrix3f aboutX = new Matrix3f().rotationX((float) Math.toRadians(45));
        Matrix3f aboutY = new Matrix3f().rotationY((float) Math.toRadians(45));
        OrientedBox lower = box(0, 0, 0, aboutX, half, half, half);
        for (double gap : new double[] {0.3, 0.01}) {
            OrientedBox upper = box(0, 0, (float) (2 * reach + gap), aboutY, half, half, half);
            assertFalse(lower.intersects(upper), "gap " + gap);
            assertFalse(upper.intersects(lower), "gap " + gap);
            assertEquals(gap, lower.distance(upper), 1e-6, "gap " + gap);
            assertEquals(gap, upper.distance(lower), 1e-6, "gap " + gap);
            // Every corner is farther than the edges' crossing: a vertex-only search would miss it.
            double nearestCorner = Double.POSITIVE_INFINITY;
            for (Vector3f c : lower.corners()) {
                nearestCorner = Math.min(nearestCorner, upper.distance(c));
            }
            for (Vector3f c : upper.corners()) {
                nearestCorner = Math.min(nearestCorner, lower.distance(c));
            }
            assertTrue(nearestCorner > gap + 0.05, "corners " + nearestCorner + " vs gap " + gap);
        }
        OrientedBox crossing = box(0, 0, 2 * reach - 0.01f, aboutY, half, half, half);
        assertTrue(lower.intersects(crossing));
        assertEquals(0, lower.distance(crossing), 0);
    }

    @Test
    void rotatedBoxesAgreeWithDenseSurfaceSampling() {
        SplittableRandom rnd = new SplittableRandom(2026);
        int separated = 0;
        int overlapping = 0;
        for (int t = 0; t < 60; t++) {
            OrientedBox a = box(0, 0, 0, randomRotation(rnd), (float) rnd.nextDouble(0.1, 0.6),
                    (float) rnd.nextDouble(0.1, 0.6), (float) rnd.nextDouble(0.1, 0.6));
            Vector3f dir = new Vector3f((float) rnd.nextGaussian(), (float) rnd.nextGaussian(),
                    (float) rnd.nextGaussian()).normalize();
            float reach = (float) rnd.nextDouble(0.3, 2.0);
            OrientedBox b = box(dir.x * reach, dir.y * reach, dir.z * reach, randomRotation(rnd),
                    (float) rnd.nextDouble(0.05, 0.6), (float) rnd.nextDouble(0.05, 0.6), (float) rnd.nextDouble(0.05, 0.6));
            double exact = a.distance(b);
            assertEquals(exact, b.distance(a), EXACT, "symmetric, trial " + t);
            double sampledAB = sampledDistance(a, b);
            double sampledBA = sampledDistance(b, a);
            // Sampled distances are upper bounds; each is within its grid's slack of the truth when the boxes are
            // apart (the closest pair then lies on both surfaces).
            double reference = Math.min(sampledAB, sampledBA);
            assertTrue(exact <= reference + EXACT, "trial " + t + ": exact " + exact + " > sampled " + reference);
            if (exact > 0) {
                separated++;
                assertFalse(a.intersects(b), "trial " + t);
                assertTrue(exact >= Math.max(sampledAB - samplingSlack(a), sampledBA - samplingSlack(b)),
                        "trial " + t + ": exact " + exact + " far below sampled " + sampledAB + ", " + sampledBA);
            } else {
                // Overlapping: the surfaces cross, or one box holds the other and its surface lies inside.
                overlapping++;
                assertTrue(a.intersects(b), "trial " + t);
                assertTrue(reference <= Math.max(samplingSlack(a), samplingSlack(b)),
                        "trial " + t + ": distance 0 but sampled surfaces " + reference + " m apart");
            }
            if (a.contains(b.center().x(), b.center().y(), b.center().z())) {
                assertEquals(0, exact, 0, "trial " + t + ": b's centre is inside a");
            }
        }
        assertTrue(separated >= 15 && overlapping >= 5, "too few pairs of a kind: " + separated + " separated, "
                + overlapping + " overlapping");
    }
}
