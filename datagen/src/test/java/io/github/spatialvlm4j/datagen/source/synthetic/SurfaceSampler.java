package io.github.spatialvlm4j.datagen.source.synthetic;

/**
 * Test reference: visits points on the complete surface of a solid on a grid of step {@code h} (meters), so every
 * surface point lies within about {@code h} of a visited point. Slow and obvious on purpose.
 */
final class SurfaceSampler {
    private SurfaceSampler() {
    }

    interface PointSink {
        void accept(double x, double y, double z);
    }

    static void visit(Solid solid, double h, PointSink sink) {
        if (solid instanceof Solid.Box b) {
            double hx = 0.5 * b.sizeX();
            double hy = 0.5 * b.sizeY();
            double hz = 0.5 * b.sizeZ();
            double c = Math.cos(b.yaw());
            double s = Math.sin(b.yaw());
            PointSink toWorld = (x, y, z) -> sink.accept(b.cx() + c * x - s * y, b.cy() + s * x + c * y, b.cz() + z);
            for (double sign : new double[] {-1, 1}) {
                grid(-hy, hy, -hz, hz, h, (a, z) -> toWorld.accept(sign * hx, a, z));
                grid(-hx, hx, -hz, hz, h, (a, z) -> toWorld.accept(a, sign * hy, z));
                grid(-hx, hx, -hy, hy, h, (a, z) -> toWorld.accept(a, z, sign * hz));
            }
        } else if (solid instanceof Solid.Cylinder cyl) {
            double r = cyl.radius();
            double arcSteps = Math.ceil(2 * Math.PI * r / h);
            grid(0, arcSteps, cyl.bottom(), cyl.top(), h, (k, z) -> {
                double a = 2 * Math.PI * k / arcSteps;
                sink.accept(cyl.cx() + r * Math.cos(a), cyl.cy() + r * Math.sin(a), z);
            });
            for (double z : new double[] {cyl.bottom(), cyl.top()}) {
                grid(-r, r, -r, r, h, (x, y) -> {
                    if (x * x + y * y <= r * r) {
                        sink.accept(cyl.cx() + x, cyl.cy() + y, z);
                    }
                });
            }
        } else {
            Solid.Sphere sp = (Solid.Sphere) solid;
            double r = sp.radius();
            int rings = (int) Math.ceil(Math.PI * r / h);
            for (int i = 0; i <= rings; i++) {
                double polar = Math.PI * i / rings;
                int around = Math.max(1, (int) Math.ceil(2 * Math.PI * r * Math.sin(polar) / h));
                for (int j = 0; j < around; j++) {
                    double az = 2 * Math.PI * j / around;
                    sink.accept(sp.cx() + r * Math.sin(polar) * Math.cos(az), sp.cy() + r * Math.sin(polar) * Math.sin(az),
                            sp.cz() + r * Math.cos(polar));
                }
            }
        }
    }

    interface PairSink {
        void accept(double a, double b);
    }

    /** Grid over [a0, a1] x [b0, b1] including both ends of each range. */
    private static void grid(double a0, double a1, double b0, double b1, double h, PairSink sink) {
        int na = (int) Math.ceil((a1 - a0) / h);
        int nb = (int) Math.ceil((b1 - b0) / h);
        for (int i = 0; i <= na; i++) {
            double a = Math.min(a1, a0 + i * h);
            for (int j = 0; j <= nb; j++) {
                sink.accept(a, Math.min(b1, b0 + j * h));
            }
        }
    }
}
