package io.github.spatialvlm4j.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.joml.Vector3d;
import org.junit.jupiter.api.Test;

/** {@link PrincipalAxes}: eigen decompositions of known symmetric matrices and of known point sets. */
class PrincipalAxesTest {
    private static final double EXACT = 1e-9;

    /** {@code v} equals {@code want} up to sign. */
    private static void assertAxis(Vector3d want, Vector3d v) {
        double dot = want.dot(v) / want.length();
        assertEquals(1, Math.abs(dot), EXACT, "want +-" + want + ", got " + v);
        assertEquals(1, v.length(), EXACT, "unit length");
    }

    /** The second-difference matrix [[2 -1 0] [-1 2 -1] [0 -1 2]]: eigenvalues 2 + sqrt 2, 2, 2 - sqrt 2. */
    @Test
    void eigenOfTheSecondDifferenceMatrix() {
        PrincipalAxes.Eigen e = PrincipalAxes.eigen(2, -1, 0, 2, -1, 2).orElseThrow();
        double r = Math.sqrt(2);
        assertEquals(2 + r, e.values()[0], EXACT);
        assertEquals(2, e.values()[1], EXACT);
        assertEquals(2 - r, e.values()[2], EXACT);
        assertAxis(new Vector3d(1, -r, 1), e.vectors()[0]);
        assertAxis(new Vector3d(1, 0, -1), e.vectors()[1]);
        assertAxis(new Vector3d(1, r, 1), e.vectors()[2]);
    }

    @Test
    void eigenOfABlockMatrixSortsDescending() {
        // [[1 0 0] [0 4 1] [0 1 4]]: 5 along (0, 1, 1), 3 along (0, 1, -1), 1 along x.
        PrincipalAxes.Eigen e = PrincipalAxes.eigen(1, 0, 0, 4, 1, 4).orElseThrow();
        assertEquals(5, e.values()[0], EXACT);
        assertEquals(3, e.values()[1], EXACT);
        assertEquals(1, e.values()[2], EXACT);
        assertAxis(new Vector3d(0, 1, 1), e.vectors()[0]);
        assertAxis(new Vector3d(0, 1, -1), e.vectors()[1]);
        assertAxis(new Vector3d(1, 0, 0), e.vectors()[2]);
        // Negative eigenvalues sort below zero.
        PrincipalAxes.Eigen d = PrincipalAxes.eigen(-2, 0, 0, 0, 0, 1).orElseThrow();
        assertEquals(1, d.values()[0], EXACT);
        assertEquals(0, d.values()[1], EXACT);
        assertEquals(-2, d.values()[2], EXACT);
        assertAxis(new Vector3d(0, 0, 1), d.vectors()[0]);
        assertAxis(new Vector3d(1, 0, 0), d.vectors()[2]);
    }

    /** Six points +-a along x, +-b along y, +-c along z about a centre: variances a^2/3, b^2/3, c^2/3. */
    @Test
    void principalAxesOfAKnownPointSet() {
        float[] xyz = {
            1 + 3, 2, 3, 1 - 3, 2, 3,
            1, 2 + 2, 3, 1, 2 - 2, 3,
            1, 2, 3 + 1, 1, 2, 3 - 1,
        };
        PrincipalAxes p = PrincipalAxes.of(xyz, null).orElseThrow();
        assertTrue(p.mean().equals(new Vector3d(1, 2, 3), EXACT), p.mean().toString());
        assertEquals(9.0 / 3, p.variances()[0], EXACT);
        assertEquals(4.0 / 3, p.variances()[1], EXACT);
        assertEquals(1.0 / 3, p.variances()[2], EXACT);
        assertAxis(new Vector3d(1, 0, 0), p.axes()[0]);
        assertAxis(new Vector3d(0, 1, 0), p.axes()[1]);
        assertAxis(new Vector3d(0, 0, 1), p.axes()[2]);
        // A subset by index: the two x points only.
        PrincipalAxes x = PrincipalAxes.of(xyz, new int[] {0, 1}).orElseThrow();
        assertEquals(9, x.variances()[0], EXACT);
        assertEquals(0, x.variances()[1], EXACT);
        assertAxis(new Vector3d(1, 0, 0), x.axes()[0]);
    }

    @Test
    void nonFinitePointIsNamed() {
        float[] xyz = {0, 0, 0, 1, Float.NaN, 0, 2, 0, 0};
        String m = assertThrows(IllegalArgumentException.class, () -> PrincipalAxes.of(xyz, null)).getMessage();
        assertTrue(m.contains("point 1") && m.contains("NaN"), m);
    }
}
