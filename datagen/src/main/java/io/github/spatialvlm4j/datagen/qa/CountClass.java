package io.github.spatialvlm4j.datagen.qa;

import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A class of objects grouped by caption, for "how many ... are there?" questions.
 *
 * <p><b>Classes.</b> A caption's class is its head noun ({@link NounPhrases#headNoun}) with the words
 * before it, leaving out articles and determiners, size adjectives and intensifiers ("large", "very"),
 * and everything after the head (a distinguishing clause, "with a curved back"): "the large red box
 * that's more to the left" is of class "red box". Each caption gives two classes to ask about: that one
 * and its head noun alone ("box"). An object belongs to a class when its head noun is the class's and
 * its words before the head include all of the class's: a "red cardboard box" is a "red box" and a
 * "box", not a "cardboard box"'s sibling "blue box". Keys are lower case.
 *
 * <p><b>Countable.</b> A class is asked about ({@link #countable}) only when every object of the frame
 * that belongs to it is known and seen whole: each has a caption and survived measuring, none is
 * hidden or cut by the border beyond the occlusion limit, none has a plural caption ("chairs" might be
 * any number), and the class is not background. O(objects^2) per frame.
 *
 * @param key the class key, e.g. "red box"
 * @param singular the class as a noun phrase without article, singular ("red box", "LED lamp")
 * @param plural the same, plural ("red boxes", "LED lamps")
 * @param ids the ids of the objects of the class, ascending
 */
public record CountClass(String key, String singular, String plural, List<Integer> ids) {

    public CountClass {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(singular, "singular");
        Objects.requireNonNull(plural, "plural");
        ids = List.copyOf(ids);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("Class '" + key + "' has no object");
        }
    }

    /** The words of a caption that classes are made of: modifiers in order, then the head noun. */
    private record Parsed(List<String> words, String head) {
    }

    /** The class words of {@code caption}, original case; empty when it has no head noun. */
    private static Optional<Parsed> parse(String caption) {
        String clean = NounPhrases.clean(caption);
        Optional<Ambiguity.Clause> clause = Ambiguity.Clause.of(clean);
        if (clause.isPresent()) {
            String tail = " " + clause.get().text(NounPhrases.isPlural(clean));
            clean = clean.endsWith(tail) ? clean.substring(0, clean.length() - tail.length()) : clean;
        }
        String head = NounPhrases.headNoun(clean);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        List<String> modifiers = new ArrayList<>();
        for (String w : clean.split("[^\\p{L}\\p{N}'’-]+")) {
            if (w.isEmpty()) {
                continue;
            }
            String lower = w.toLowerCase(Locale.ROOT);
            if (lower.equals(head)) {
                return Optional.of(new Parsed(modifiers, w));
            }
            if (!NounPhrases.isDeterminer(lower) && !CaptionConsistency.isSizeWord(lower)) {
                modifiers.add(w);
            }
        }
        return Optional.empty();
    }

    /** {@code w} in lower case, unless it looks like an acronym or a brand ("TV", "iPhone"). */
    private static String wordCase(String w) {
        boolean acronym = w.codePointCount(0, w.length()) > 1
                && Character.isUpperCase(w.codePointAt(w.offsetByCodePoints(0, 1)));
        return acronym ? w : w.toLowerCase(Locale.ROOT);
    }

    private static Set<String> lower(List<String> words) {
        Set<String> out = new TreeSet<>();
        for (String w : words) {
            out.add(w.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** The key of a class of modifier words {@code words} and head {@code head}. */
    private static String key(List<String> words, String head) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            sb.append(w.toLowerCase(Locale.ROOT)).append(' ');
        }
        return sb.append(head.toLowerCase(Locale.ROOT)).toString();
    }

    /** Whether an object captioned {@code caption} belongs to the class {@code key}. */
    public static boolean matches(String key, String caption) {
        Objects.requireNonNull(key, "key");
        Optional<Parsed> p = parse(caption);
        if (p.isEmpty()) {
            return false;
        }
        String[] k = key.split(" ");
        if (!k[k.length - 1].equals(p.get().head().toLowerCase(Locale.ROOT))) {
            return false;
        }
        Set<String> have = lower(p.get().words());
        for (int i = 0; i < k.length - 1; i++) {
            if (!have.contains(k[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The countable classes of a frame (see the class description), ordered by key.
     *
     * @param captions the caption of every object of the frame that has a mask, by id (as the frame gives
     *     them, before measuring)
     * @param measured the measured facts, before ambiguity removal
     * @param maxOccludedOutline the largest hidden share of an object's outline for it to count as seen whole
     */
    public static List<CountClass> countable(Map<Integer, String> captions, SceneFacts measured,
            double maxOccludedOutline) {
        Objects.requireNonNull(captions, "captions");
        Objects.requireNonNull(measured, "measured");
        Map<Integer, ObjectFacts> seen = new HashMap<>();
        for (ObjectFacts o : measured.objects()) {
            seen.put(o.id(), o);
        }
        Map<Integer, String> all = new TreeMap<>();
        captions.forEach((id, caption) -> {
            if (caption != null && !caption.isBlank()) {
                all.put(id, caption);
            }
        });
        Map<String, CountClass> classes = new TreeMap<>();
        for (String caption : all.values()) {
            Optional<Parsed> p = parse(caption);
            if (p.isEmpty() || Ambiguity.isBackground(caption) || NounPhrases.isPlural(caption)) {
                continue;
            }
            Set<List<String>> variants = new LinkedHashSet<>();
            variants.add(p.get().words());
            variants.add(List.of());
            for (List<String> words : variants) {
                String key = key(words, p.get().head());
                if (classes.containsKey(key)) {
                    continue;
                }
                List<Integer> ids = new ArrayList<>();
                boolean ok = true;
                for (Map.Entry<Integer, String> e : all.entrySet()) {
                    if (!matches(key, e.getValue())) {
                        continue;
                    }
                    ObjectFacts o = seen.get(e.getKey());
                    ok &= o != null && o.occludedOutline() <= maxOccludedOutline && !NounPhrases.isPlural(e.getValue());
                    ids.add(e.getKey());
                }
                if (ok) {
                    String head = wordCase(p.get().head());
                    List<String> named = new ArrayList<>();
                    for (String w : words) {
                        named.add(wordCase(w));
                    }
                    String prefix = words.isEmpty() ? "" : String.join(" ", named) + " ";
                    classes.put(key, new CountClass(key, prefix + head, prefix + NounPhrases.pluralOf(head), ids));
                }
            }
        }
        return List.copyOf(classes.values());
    }
}
