package io.github.spatialvlm4j.geometry;

import org.joml.Matrix4f;
import org.joml.Matrix4fc;
import org.joml.Vector3d;

/**
 * The canonical floor frame that the canonicalize stage builds, and its rigid transforms to and
 * from the camera frame (docs/ARCHITECTURE.md, "Frames and units").
 *
 * <p>Given the floor plane in the camera frame (x right, y down, z forward, meters), the floor
 * frame has
 * <ul>
 *   <li>z = the plane normal, oriented up (against camera +y), so z is height above the floor;</li>
 *   <li>x = the camera viewing axis (camera +z) projected on the plane, i.e. "forward" along the
 *       floor; when the camera looks straight down or up, camera up (-y) projected instead;</li>
 *   <li>y = z cross x (right-handed, so y points to the viewer's left);</li>
 *   <li>origin = the camera origin projected on the plane.</li>
 * </ul>
 * Without a floor, {@link #cameraUp()} gives the <em>camera-up frame</em>: the same axes built
 * from camera up {@code (0, -1, 0)} as z, with its origin at the camera. Immutable.
 *
 * @param cameraToFloor rigid transform taking camera-frame points to floor-frame points
 * @param floorToCamera its inverse
 */
public record FloorFrame(Matrix4fc cameraToFloor, Matrix4fc floorToCamera) {
    /** Below this sine of the angle between view axis and normal, the view axis is taken as parallel. */
    private static final double PARALLEL_SINE = 1e-6;
    /** Below this |cosine| between the normal and camera y, camera up cannot orient the normal. */
    private static final double PERPENDICULAR_COSINE = 1e-3;

    public FloorFrame {
        cameraToFloor = new Matrix4f(cameraToFloor);
        floorToCamera = new Matrix4f(floorToCamera);
    }

    /**
     * The floor frame of {@code floor}, a plane given in the camera frame (either normal sign).
     * The normal is oriented against camera +y; when it is (nearly) perpendicular to camera y
     * (a camera looking straight down), camera up says nothing and the normal is oriented
     * towards the camera instead (the camera is above the floor).
     */
    public static FloorFrame fromFloorPlane(Plane floor) {
        Plane up = Math.abs(floor.ny()) >= PERPENDICULAR_COSINE ? floor.orientedTowards(0, -1, 0)
                : floor.d() < 0 ? floor.flipped() : floor;
        Vector3d z = up.normal(new Vector3d());
        // Origin: the camera origin (0,0,0) projected on the plane.
        Vector3d origin = new Vector3d(z).mul(-up.d());
        return build(z, origin);
    }

    /** The camera-up frame: z = camera up (0, -1, 0), x = camera forward, origin at the camera. */
    public static FloorFrame cameraUp() {
        return build(new Vector3d(0, -1, 0), new Vector3d());
    }

    /**
     * An up frame without a floor: z = {@code up} (camera frame, normalised), x = camera forward projected
     * on the plane normal to it, origin at the camera. Heights in it are relative to the camera.
     *
     * @throws IllegalArgumentException when {@code up} is zero or not finite
     */
    public static FloorFrame fromUp(double ux, double uy, double uz) {
        double len = Math.sqrt(ux * ux + uy * uy + uz * uz);
        if (!(len > 1e-9) || !Double.isFinite(len)) {
            throw new IllegalArgumentException("Invalid up direction: (" + ux + ", " + uy + ", " + uz
                    + ") (must be finite and non-zero)");
        }
        return build(new Vector3d(ux / len, uy / len, uz / len), new Vector3d());
    }

    private static FloorFrame build(Vector3d z, Vector3d origin) {
        Vector3d forward = new Vector3d(0, 0, 1);
        Vector3d x = new Vector3d(forward).fma(-forward.dot(z), z);
        if (x.length() < PARALLEL_SINE) {
            Vector3d camUp = new Vector3d(0, -1, 0);
            x.set(camUp).fma(-camUp.dot(z), z);
        }
        x.normalize();
        Vector3d y = new Vector3d(z).cross(x).normalize();
        // Columns of floorToCamera: the floor axes and origin expressed in the camera frame.
        Matrix4f floorToCamera = new Matrix4f(
                (float) x.x, (float) x.y, (float) x.z, 0f,
                (float) y.x, (float) y.y, (float) y.z, 0f,
                (float) z.x, (float) z.y, (float) z.z, 0f,
                (float) origin.x, (float) origin.y, (float) origin.z, 1f);
        Matrix4f cameraToFloor = new Matrix4f(floorToCamera).invertAffine();
        return new FloorFrame(cameraToFloor, floorToCamera);
    }

    /** The floor plane in the camera frame with its normal pointing up. */
    public Plane floorInCamera() {
        org.joml.Vector3f n = floorToCamera.getColumn(2, new org.joml.Vector3f());
        org.joml.Vector3f o = floorToCamera.getColumn(3, new org.joml.Vector3f());
        return Plane.fromPointAndNormal(o.x, o.y, o.z, n.x, n.y, n.z);
    }
}
