package io.github.spatialvlm4j.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;

/** {@link Planes#fitLeastSquares} and {@link Plane}: known answers and failure statuses. */
class PlanesTest {
    /** Normal accuracy without noise, required by the project: 0.01 degree. */
    private static final double NOISELESS_NORMAL_DEG = 0.01;
    private static final double NOISY_NORMAL_DEG = 0.5;
    private static final double EXACT = 1e-9;

    /** n points on the plane, with Gaussian noise of sigma meters along the normal. */
    static float[] sample(Plane plane, int n, double sigma, SplittableRandom rnd) {
        Vector3d normal = plane.normal(new Vector3d());
        Vector3d t1 = new Vector3d(1, 2, 3).sub(new Vector3d(normal).mul(normal.dot(1, 2, 3))).normalize();
        Vector3d t2 = new Vector3d(normal).cross(t1).normalize();
        Vector3d origin = new Vector3d(normal).mul(-plane.d());
        float[] xyz = new float[3 * n];
        for (int i = 0; i < n; i++) {
            double a = rnd.nextDouble(-2, 2);
            double b = rnd.nextDouble(-2, 2);
            double e = sigma * gaussian(rnd);
            Vector3d p = new Vector3d(origin).fma(a, t1).fma(b, t2).fma(e, normal);
            xyz[3 * i] = (float) p.x;
            xyz[3 * i + 1] = (float) p.y;
            xyz[3 * i + 2] = (float) p.z;
        }
        return xyz;
    }

    static double gaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    /** Angle between the normals, ignoring their sign, degrees. */
    static double normalAngleDeg(Plane a, Plane b) {
        double c = Math.abs(a.nx() * b.nx() + a.ny() * b.ny() + a.nz() * b.nz());
        return Math.toDegrees(Math.acos(Math.min(1, c)));
    }

    @Test
    void pointsOnAKnownPlaneGiveItBack() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int trial = 0; trial < 20; trial++) {
            Plane truth = new Plane(rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1),
                    rnd.nextDouble(-3, 3));
            PlaneFit fit = Planes.fitLeastSquares(sample(truth, 500, 0, rnd), null);
            assertTrue(fit.isFound());
            assertEquals(500, fit.pointCount());
            assertTrue(normalAngleDeg(truth, fit.plane()) < NOISELESS_NORMAL_DEG, "trial " + trial);
            Plane oriented = fit.plane().orientedTowards(truth.nx(), truth.ny(), truth.nz());
            assertEquals(truth.d(), oriented.d(), 1e-5);
            assertTrue(fit.rmsDistance() < 1e-5, "rms " + fit.rmsDistance());
        }
    }

    @Test
    void noisyPointsGiveTheNormalAndTheNoiseLevel() {
        SplittableRandom rnd = new SplittableRandom(2);
        Plane truth = new Plane(0.1, -1, 0.2, 1.4);
        double sigma = 0.005;
        PlaneFit fit = Planes.fitLeastSquares(sample(truth, 4000, sigma, rnd), null);
        assertTrue(normalAngleDeg(truth, fit.plane()) < NOISY_NORMAL_DEG);
        assertEquals(sigma, fit.rmsDistance(), 0.1 * sigma);
    }

    @Test
    void indicesSelectThePointsToFit() {
        SplittableRandom rnd = new SplittableRandom(3);
        Plane a = new Plane(0, 0, 1, -1);
        Plane b = new Plane(1, 0, 0, 2);
        float[] pa = sample(a, 50, 0, rnd);
        float[] pb = sample(b, 50, 0, rnd);
        float[] both = new float[pa.length + pb.length];
        System.arraycopy(pa, 0, both, 0, pa.length);
        System.arraycopy(pb, 0, both, pa.length, pb.length);
        int[] second = new int[50];
        for (int i = 0; i < 50; i++) {
            second[i] = 50 + i;
        }
        PlaneFit fit = Planes.fitLeastSquares(both, second);
        assertEquals(50, fit.pointCount());
        assertTrue(normalAngleDeg(b, fit.plane()) < NOISELESS_NORMAL_DEG);
    }

    @Test
    void tooFewCollinearAndCoincidentPointsGiveAStatus() {
        for (int n = 0; n < 3; n++) {
            PlaneFit fit = Planes.fitLeastSquares(new float[3 * n], null);
            assertEquals(PlaneFit.Status.TOO_FEW_POINTS, fit.status());
            assertFalse(fit.isFound());
            assertNull(fit.plane());
            assertTrue(Double.isNaN(fit.rmsDistance()));
            assertEquals(n, fit.pointCount());
        }
        assertEquals(PlaneFit.Status.TOO_FEW_POINTS, Planes.fitLeastSquares(new float[30], new int[] {1, 2}).status());
        float[] line = new float[30];
        for (int i = 0; i < 10; i++) {
            line[3 * i] = i * 0.3f;
            line[3 * i + 1] = 1 - i * 0.1f;
            line[3 * i + 2] = 2 + i * 0.2f;
        }
        assertEquals(PlaneFit.Status.DEGENERATE, Planes.fitLeastSquares(line, null).status());
        float[] same = new float[30];
        java.util.Arrays.fill(same, 0.7f);
        assertEquals(PlaneFit.Status.DEGENERATE, Planes.fitLeastSquares(same, null).status());
        assertTrue(Planes.fitLeastSquares(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, null).isFound(), "3 points suffice");
    }

    @Test
    void badInputsAreRejected() {
        assertThrows(ShapeMismatchException.class, () -> Planes.fitLeastSquares(new float[10], null));
        float[] xyz = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, Float.NaN, 1};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Planes.fitLeastSquares(xyz, null))
                .getMessage().contains("point 3"));
        assertThrows(IllegalArgumentException.class, () -> PlaneFit.found(null, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> PlaneFit.failed(PlaneFit.Status.FOUND, 3));
    }

    @Test
    void planeNormalisesAndMeasuresSignedDistances() {
        Plane p = new Plane(0, 0, 2, -4); // z = 2
        assertEquals(1.0, p.nz(), EXACT);
        assertEquals(-2.0, p.d(), EXACT);
        assertEquals(1.0, p.signedDistance(5, 7, 3), EXACT);
        assertEquals(-2.0, p.signedDistance(0, 0, 0), EXACT);
        assertEquals(2.0, p.distance(0, 0, 0), EXACT);
        assertEquals(2.0, p.flipped().signedDistance(0, 0, 0), EXACT);
        assertEquals(p, p.orientedTowards(0, 0.1, 1));
        assertEquals(p.flipped(), p.orientedTowards(0, 0, -1));
        assertEquals(0.0, p.angleTo(0, 0, 5), EXACT);
        assertEquals(Math.PI / 2, p.angleTo(1, 0, 0), EXACT);
        assertEquals(Math.PI, p.angleTo(0, 0, -1), EXACT);
        Plane q = Plane.fromPointAndNormal(1, 2, 3, 0, -3, 0);
        assertEquals(0.0, q.signedDistance(9, 2, -9), EXACT);
        assertEquals(-1.0, q.ny(), EXACT);
        assertEquals(1.0, q.normal(new Vector3d()).length(), EXACT);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Plane(0, 0, 0, 1)).getMessage()
                .contains("normal (0.0, 0.0, 0.0)"));
        assertThrows(IllegalArgumentException.class, () -> new Plane(0, 0, 1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Plane(Double.NaN, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Plane.fromPointAndNormal(0, 0, 0, 0, 0, 0));
    }
}
