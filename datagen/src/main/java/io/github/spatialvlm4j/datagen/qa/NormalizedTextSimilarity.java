package io.github.spatialvlm4j.datagen.qa;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Caption similarity without a model: both captions are normalized (lower case, punctuation
 * removed, articles "a", "an", "the" dropped, trivial plurals made singular), then equal
 * normalized captions score 1.0 and others the Jaccard index of their word sets
 * (|intersection| / |union|). O(length of the captions).
 *
 * <p>Singularisation is deliberately trivial: "-ies" becomes "-y" ("berries"), "-ses"/"-xes"/
 * "-ches"/"-shes" lose "-es" ("boxes"), another final "s" is dropped unless the word ends in "ss",
 * "us" or "is" or has at most three letters ("glass", "bus", "gas"). It can be wrong on irregular
 * words; that only changes which captions count as near-identical.
 */
public final class NormalizedTextSimilarity implements CaptionSimilarity {

    private static final Set<String> ARTICLES = Set.of("a", "an", "the");

    @Override
    public double similarity(String a, String b) {
        List<String> ta = tokens(a);
        List<String> tb = tokens(b);
        if (ta.equals(tb)) {
            return 1.0;
        }
        Set<String> sa = new HashSet<>(ta);
        Set<String> sb = new HashSet<>(tb);
        Set<String> union = new HashSet<>(sa);
        union.addAll(sb);
        if (union.isEmpty()) {
            return 1.0;
        }
        sa.retainAll(sb);
        return (double) sa.size() / union.size();
    }

    /** The normalized words of {@code caption}: lower case, no punctuation, no articles, singular. */
    public static List<String> tokens(String caption) {
        String s = caption.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\s]", " ");
        List<String> out = new ArrayList<>();
        for (String w : s.split("\\s+")) {
            if (!w.isEmpty() && !ARTICLES.contains(w)) {
                out.add(singular(w));
            }
        }
        return out;
    }

    /** The trivial singular of a lower-case word, as described on the class. */
    public static String singular(String w) {
        if (w.length() > 4 && w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.length() > 4 && (w.endsWith("ses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes"))) {
            return w.substring(0, w.length() - 2);
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }
}
