package io.github.spatialvlm4j.datagen.source.synthetic;

import java.util.Arrays;
import java.util.List;

/**
 * Captions of synthetic objects: {@code [adjective] colour noun}, e.g. "tall blue cylinder", "red box".
 * Package-private; O(k^2) for k objects.
 *
 * <p>The size adjective compares an object with the <em>median of the other objects</em> of the scene and is
 * given only when clearly true, checked in this order (first match wins):
 * <ul>
 *   <li>"large" / "small": box volume at least {@value #VOLUME_RATIO} times / at most 1/{@value #VOLUME_RATIO}
 *       of the others' median, and the longest side not shorter / not longer than the others' median longest
 *       side (a long thin plank is not "small");</li>
 *   <li>"tall" / "short": height at least / at most a factor {@value #SIDE_RATIO} from the others' median, and
 *       the object itself taller than wide by {@value #ASPECT} / wider than tall by {@value #ASPECT};</li>
 *   <li>"wide" / "thin": footprint width at least / at most a factor {@value #SIDE_RATIO} from the others'
 *       median, and the object itself wider than tall / taller than wide by {@value #ASPECT}.</li>
 * </ul>
 * A scene with a single object gives no adjective.
 */
final class Captions {
    static final double VOLUME_RATIO = 4.0;
    static final double SIDE_RATIO = 1.75;
    static final double ASPECT = 1.25;

    private Captions() {
    }

    /** One caption per object, in list order. */
    static String[] of(List<PlacedObject> objects) {
        int k = objects.size();
        String[] out = new String[k];
        for (int i = 0; i < k; i++) {
            PlacedObject o = objects.get(i);
            String adjective = k < 2 ? null : adjective(objects, i);
            out[i] = (adjective == null ? "" : adjective + " ") + o.color().word() + " " + o.noun();
        }
        return out;
    }

    private static String adjective(List<PlacedObject> objects, int i) {
        Solid s = objects.get(i).solid();
        double volume = volume(s);
        double height = s.height();
        double width = s.footprintWidth();
        double medVolume = medianOfOthers(objects, i, 0);
        double medHeight = medianOfOthers(objects, i, 1);
        double medWidth = medianOfOthers(objects, i, 2);
        double longest = Math.max(height, width);
        double medLongest = medianOfOthers(objects, i, 3);
        if (volume >= VOLUME_RATIO * medVolume && longest >= medLongest) {
            return "large";
        }
        if (volume * VOLUME_RATIO <= medVolume && longest <= medLongest) {
            return "small";
        }
        if (height >= SIDE_RATIO * medHeight && height >= ASPECT * width) {
            return "tall";
        }
        if (height * SIDE_RATIO <= medHeight && width >= ASPECT * height) {
            return "short";
        }
        if (width >= SIDE_RATIO * medWidth && width >= ASPECT * height) {
            return "wide";
        }
        if (width * SIDE_RATIO <= medWidth && height >= ASPECT * width) {
            return "thin";
        }
        return null;
    }

    /** Volume of the gravity-aligned box, as {@code ObjectFacts.volume()} defines it, cubic meters. */
    private static double volume(Solid s) {
        return s.footprintWidth() * s.footprintDepth() * s.height();
    }

    /** Median over the objects other than {@code skip} of: 0 volume, 1 height, 2 footprint width, 3 longest side. */
    private static double medianOfOthers(List<PlacedObject> objects, int skip, int what) {
        double[] values = new double[objects.size() - 1];
        int n = 0;
        for (int j = 0; j < objects.size(); j++) {
            if (j != skip) {
                Solid s = objects.get(j).solid();
                values[n++] = switch (what) {
                    case 0 -> volume(s);
                    case 1 -> s.height();
                    case 2 -> s.footprintWidth();
                    default -> Math.max(s.height(), s.footprintWidth());
                };
            }
        }
        Arrays.sort(values);
        return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
    }
}
