package io.github.spatialvlm4j.datagen.qa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Captions made ready to name objects in a sentence: "a red mug" and "The red mug." become
 * "the red mug", "chairs" becomes "the chairs" (plural, so the templates say "are"), "this mug"
 * stays. The one place that knows a caption's head noun and grammatical number.
 *
 * <p>Rules, in order: surrounding white space is stripped and inner runs of white space (Unicode
 * included) become one space; trailing sentence punctuation ({@code . , ; : ! ?}) is dropped; a
 * leading "a", "an", "one", "some", "several" or "many" is dropped; a leading determiner ("the",
 * "this", "these", "my", ...) is kept, lower-cased; otherwise "the " is put in front. The first
 * letter is lower-cased unless the first word looks like an acronym or a brand ("TV", "iPhone":
 * a capital after the first character). Every other character is left as it is, so captions in
 * any script pass through unharmed. An empty caption becomes "the object".
 *
 * <p>The head noun is the last word before the first preposition or relative pronoun ("pair of
 * shoes": "pair"; "chairs that are more to the left": "chairs"). A caption is plural when its head
 * noun is a regular English plural (as {@link NormalizedTextSimilarity#singular} undoes it), an
 * irregular one ("people", "feet"), or when it starts with "these", "those", "both", "two", ...;
 * singular nouns that end in "s" ("lens", "canvas") are listed. O(caption length), stateless.
 */
public final class NounPhrases {

    /**
     * A caption as it names an object in a sentence.
     *
     * @param text e.g. "the red mug"
     * @param plural whether the words that agree with it take their plural form ("are")
     */
    public record NounPhrase(String text, boolean plural) {
        public NounPhrase {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The name of an object whose caption is empty. */
    public static final String EMPTY = "the object";

    private static final Set<String> DETERMINERS = Set.of("the", "this", "that", "these", "those", "my", "your",
            "his", "her", "its", "our", "their");
    private static final Set<String> DROPPED = Set.of("a", "an", "one", "some", "several", "many");
    private static final Set<String> PLURAL_DETERMINERS = Set.of("these", "those", "both", "two", "three", "four",
            "five", "six", "seven", "eight", "nine", "ten");
    /** Words that end a noun phrase's head: prepositions and relative pronouns. */
    private static final Set<String> HEAD_ENDS = Set.of("on", "in", "with", "of", "near", "at", "by", "under",
            "above", "behind", "beside", "next", "against", "from", "over", "inside", "below", "for", "that", "that's",
            "which", "who", "nearer", "to", "into", "onto", "between", "beneath", "underneath", "without", "holding",
            "containing", "filled", "made");
    private static final Set<String> IRREGULAR_PLURALS = Set.of("people", "children", "men", "women", "feet",
            "teeth", "mice", "geese", "dice", "glasses", "scissors", "pants", "jeans", "trousers", "shorts",
            "clothes", "headphones", "binoculars", "pliers", "tongs", "goggles", "sunglasses");
    private static final Set<String> SINGULAR_IN_S = Set.of("lens", "canvas", "atlas", "news", "thermos", "species",
            "series", "chassis", "apparatus", "bias", "gas", "chaos", "cosmos", "mattress", "process", "compass",
            "christmas", "hummus", "asparagus", "octopus", "cactus", "walrus", "bus", "glass", "dress", "iris");

    private NounPhrases() {
    }

    /**
     * The caption with white space collapsed and trailing sentence punctuation removed, otherwise
     * unchanged ("  Red   mug. " becomes "Red mug").
     */
    public static String clean(String caption) {
        String s = caption.strip().replaceAll("(?U)\\s+", " ");
        int end = s.length();
        while (end > 0 && ".,;:!?".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end).strip();
    }

    /** The noun phrase that names an object captioned {@code caption} (see the class description). */
    public static NounPhrase of(String caption) {
        String s = clean(caption);
        boolean plural = isPlural(s);
        while (true) {
            int space = s.indexOf(' ');
            String first = space < 0 ? s : s.substring(0, space);
            if (!DROPPED.contains(first.toLowerCase(Locale.ROOT))) {
                break;
            }
            s = space < 0 ? "" : s.substring(space + 1);
        }
        if (s.isEmpty()) {
            return new NounPhrase(EMPTY, false);
        }
        int space = s.indexOf(' ');
        String first = space < 0 ? s : s.substring(0, space);
        String firstLower = first.toLowerCase(Locale.ROOT);
        if (DETERMINERS.contains(firstLower) && space > 0) {
            return new NounPhrase(firstLower + s.substring(space), plural);
        }
        boolean acronym = first.codePointCount(0, first.length()) > 1
                && Character.isUpperCase(first.codePointAt(first.offsetByCodePoints(0, 1)));
        if (!acronym) {
            int cp = s.codePointAt(0);
            s = new StringBuilder().appendCodePoint(Character.toLowerCase(cp)).append(s, Character.charCount(cp),
                    s.length()).toString();
        }
        return new NounPhrase("the " + s, plural);
    }

    /** The words of {@code caption}, lower case, split at white space and punctuation other than apostrophes. */
    static List<String> words(String caption) {
        List<String> out = new ArrayList<>();
        for (String w : caption.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}'’-]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * The head noun of {@code caption}, lower case: the last word before the first preposition or
     * relative pronoun that follows a word; empty for a caption without words.
     */
    public static String headNoun(String caption) {
        String head = "";
        for (String w : words(caption)) {
            if (HEAD_ENDS.contains(w) && !head.isEmpty()) {
                break;
            }
            head = w;
        }
        return head;
    }

    /** Whether the lower-case {@code word} is an article, a determiner or a number word that may start a caption. */
    static boolean isDeterminer(String word) {
        return DETERMINERS.contains(word) || DROPPED.contains(word) || PLURAL_DETERMINERS.contains(word)
                || word.equals("both");
    }

    private static final java.util.Map<String, String> IRREGULAR_PLURAL_OF = java.util.Map.ofEntries(
            java.util.Map.entry("person", "people"), java.util.Map.entry("man", "men"),
            java.util.Map.entry("woman", "women"), java.util.Map.entry("child", "children"),
            java.util.Map.entry("foot", "feet"), java.util.Map.entry("tooth", "teeth"),
            java.util.Map.entry("mouse", "mice"), java.util.Map.entry("goose", "geese"),
            java.util.Map.entry("knife", "knives"), java.util.Map.entry("shelf", "shelves"),
            java.util.Map.entry("leaf", "leaves"), java.util.Map.entry("loaf", "loaves"),
            java.util.Map.entry("half", "halves"), java.util.Map.entry("wolf", "wolves"),
            java.util.Map.entry("scarf", "scarves"), java.util.Map.entry("potato", "potatoes"),
            java.util.Map.entry("tomato", "tomatoes"), java.util.Map.entry("sheep", "sheep"),
            java.util.Map.entry("fish", "fish"), java.util.Map.entry("die", "dice"));

    /**
     * The English plural of a singular noun, keeping its case: "box" becomes "boxes", "sphere"
     * "spheres", "shelf" "shelves", "baby" "babies", "person" "people". Regular rules and a short
     * list of irregular nouns; O(word length).
     */
    public static String pluralOf(String noun) {
        Objects.requireNonNull(noun, "noun");
        if (noun.isEmpty()) {
            return noun;
        }
        String lower = noun.toLowerCase(Locale.ROOT);
        String irregular = IRREGULAR_PLURAL_OF.get(lower);
        if (irregular != null) {
            return noun.substring(0, 1) + irregular.substring(1);
        }
        if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("z") || lower.endsWith("ch")
                || lower.endsWith("sh")) {
            return noun + "es";
        }
        if (lower.length() > 1 && lower.endsWith("y") && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
            return noun.substring(0, noun.length() - 1) + "ies";
        }
        return noun + "s";
    }

    /** Whether {@code caption} names several things ("chairs", "two mugs", "pile of books" is one pile). */
    public static boolean isPlural(String caption) {
        List<String> w = words(caption);
        if (w.isEmpty()) {
            return false;
        }
        if (PLURAL_DETERMINERS.contains(w.get(0)) && w.size() > 1) {
            return true;
        }
        String head = headNoun(caption);
        if (IRREGULAR_PLURALS.contains(head)) {
            return true;
        }
        if (SINGULAR_IN_S.contains(head) || !head.endsWith("s")) {
            return false;
        }
        return !NormalizedTextSimilarity.singular(head).equals(head);
    }
}
