package io.github.spatialvlm4j.datagen.qa;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The question and answer templates of the 43 categories, loaded from UTF-8 text files and
 * validated at load time.
 *
 * <p><b>Files.</b> One file per category, named {@code <category id>.txt} (e.g.
 * {@code left_predicate.txt}), plus {@code uncertain.txt}. Lines starting with {@code #} and blank
 * lines are ignored; {@code [name]} starts a section; every other line is one template. Sections:
 * <ul>
 * <li>every category: {@code [questions]}, at least {@value #MIN_QUESTIONS};</li>
 * <li>predicates: {@code [yes]} and {@code [no]}; choices, classify and metric categories:
 *     {@code [answers]}; at least {@value #MIN_ANSWERS} each;</li>
 * <li>{@code uncertain.txt}: {@code [predicate]}, {@code [choice]}, {@code [classify]},
 *     {@code [metric]}, at least {@value #MIN_ANSWERS} each.</li>
 * <li>any category may have an {@code [uncertain]} section of its own, used instead of the kind's; the
 *     clock, direction and point categories and {@code fits} must have one (counting is never uncertain).</li>
 * <li>the families of issue 15 ({@link Category#isClassic()} false) need at least {@value #MIN_QUESTIONS_NEW}
 *     questions and {@value #MIN_ANSWERS_NEW} templates per answer section.</li>
 * </ul>
 * <b>Newer families.</b> Three-object categories name {@code {A}}, {@code {B}} and {@code {C}}. Counting
 * questions name the class as {@code {things}} (plural, without article: "red boxes") and its answers use
 * {@code {count}} (required, the number as a word or digits) and {@code {things}} (agreeing with the count),
 * and may agree with the count: {@code There {is:count} {count} {things}.}. Clock answers contain
 * {@code {hour}} (the hour, 1-12, as digits). Direction answers use {@code {direction}} (VSI-Bench's word:
 * "left", "back", "front-left") or {@code {where}} ("on your left", "behind you on the right"), at least
 * one. Point questions name the points as {@code {A}} and {@code {B}} ("point A") and answer like choices.
 * <b>Placeholders.</b> {@code {A}} and {@code {B}} name the objects (a noun phrase such as "the red
 * box"); every question names all of the category's objects and no other. Choice answers use
 * {@code {choice}} (required; the chosen object) and {@code {other}} (optional, after
 * {@code {choice}}), never {@code {A}}/{@code {B}}. Classify answers use {@code {relation}} (e.g.
 * "to the left of", "taller than") or {@code {word}} (e.g. "left", "taller"), at least one of
 * them. Metric answers contain {@code {value}} exactly once (the rendered length). Predicate and
 * uncertain answers use only {@code {A}} and {@code {B}}.
 *
 * <p><b>Agreement.</b> An object may be plural ("the chairs"), so a word that agrees with an
 * object is written as {@code {word:X}}, the singular form and the object's placeholder:
 * {@code {is:A} {A} taller than {B}?} gives "Is the lamp taller ..." and "Are the chairs taller
 * ...", {@code {it:A} {is:A}.} gives "It is." and "They are.". The words are those of
 * {@link #agreementWords()}. To keep this honest, a word of that list may not stand bare right
 * before or after an object placeholder ("is {A}", "{choice} is"; after "and {B}", "or {B}"
 * or "of {A}" it may, as in "Which of {A} and {B} is taller?", "The height of {A} is ..."),
 * an object placeholder may not take a possessive "'s", and answers about A (predicate and classify answers, answers of the
 * one-object metric categories) may not use a bare "it", "it's" or "its".
 *
 * <p>Any other placeholder, an unbalanced brace, a duplicate line, a missing or unknown section, a
 * count below the minimum or a break of the agreement rules is a {@link TemplateFormatException}
 * naming the file and line.
 *
 * <p>Instances are immutable and thread-safe; loading is O(total template characters).
 *
 * <p>Why one class of this size: the template file format (sections, placeholders, agreement words)
 * is defined once and used both to validate at load time and to render, so the rules a template
 * must follow and the way it is filled cannot drift apart.
 */
public final class Templates {

    /** Minimum number of distinct question templates per category. */
    public static final int MIN_QUESTIONS = 20;
    /** Minimum number of distinct templates per answer section. */
    public static final int MIN_ANSWERS = 10;
    /** Minimum number of distinct question templates of a newer family's category (issue 15). */
    public static final int MIN_QUESTIONS_NEW = 15;
    /** Minimum number of distinct templates per answer section of a newer family's category. */
    public static final int MIN_ANSWERS_NEW = 8;
    /** The optional per-category section of uncertain answers. */
    public static final String UNCERTAIN_SECTION = "uncertain";
    /** The file holding the uncertain answers. */
    public static final String UNCERTAIN_FILE = "uncertain.txt";
    /** Where the built-in templates live on the class path, relative to this class. */
    public static final String RESOURCE_DIR = "templates/";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    /** Singular forms and the plural forms they take after or before a plural object. */
    private static final Map<String, String> AGREEMENT = Map.ofEntries(Map.entry("is", "are"),
            Map.entry("isn't", "aren't"), Map.entry("was", "were"), Map.entry("does", "do"),
            Map.entry("doesn't", "don't"), Map.entry("has", "have"), Map.entry("it", "they"),
            Map.entry("it's", "they're"), Map.entry("its", "their"), Map.entry("itself", "themselves"),
            Map.entry("stands", "stand"), Map.entry("sits", "sit"), Map.entry("reaches", "reach"),
            Map.entry("measures", "measure"), Map.entry("looks", "look"), Map.entry("rises", "rise"),
            Map.entry("extends", "extend"), Map.entry("lies", "lie"), Map.entry("appears", "appear"),
            Map.entry("seems", "seem"), Map.entry("comes", "come"), Map.entry("takes", "take"),
            Map.entry("hangs", "hang"), Map.entry("rests", "rest"), Map.entry("spans", "span"),
            Map.entry("towers", "tower"), Map.entry("gets", "get"), Map.entry("ends", "end"),
            Map.entry("starts", "start"), Map.entry("stays", "stay"), Map.entry("needs", "need"),
            Map.entry("fills", "fill"), Map.entry("covers", "cover"));
    private static final Set<String> OBJECTS = Set.of("A", "B", "C", "choice", "other", "count");
    private static final Pattern BARE_BEFORE = Pattern.compile("(?i)(?<![\\w'{:])(" + wordAlternatives()
            + ")\\s+\\{(A|B|C|choice|other|count)}");
    private static final Pattern BARE_AFTER = Pattern.compile("(?i)(?<!\\b(?:and|or|of) )\\{(A|B|C|choice|other)}\\s+("
            + wordAlternatives() + ")(?![\\w'}])");
    private static final Pattern BARE_PRONOUN = Pattern.compile("(?i)(?<![\\w'{])(it|it's|its)(?![\\w'}:])");

    /** Opens a template file by name. */
    @FunctionalInterface
    public interface Source {
        /**
         * @param fileName e.g. {@code left_predicate.txt}
         * @return a reader of the file's UTF-8 text
         * @throws IOException when the file cannot be read (FileNotFoundException when absent)
         */
        Reader open(String fileName) throws IOException;
    }

    private final Map<Category, Map<String, List<String>>> byCategory;
    private final Map<Category.Kind, List<String>> uncertain;

    private Templates(Map<Category, Map<String, List<String>>> byCategory, Map<Category.Kind, List<String>> uncertain) {
        this.byCategory = byCategory;
        this.uncertain = uncertain;
    }

    /** The built-in templates shipped in this jar. */
    public static Templates fromClasspath() {
        return load(name -> {
            InputStream in = Templates.class.getResourceAsStream(RESOURCE_DIR + name);
            if (in == null) {
                throw new FileNotFoundException("class path resource " + RESOURCE_DIR + name);
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        });
    }

    /** Templates from the files of directory {@code dir}. */
    public static Templates fromDirectory(Path dir) {
        Objects.requireNonNull(dir, "dir");
        return load(name -> Files.newBufferedReader(dir.resolve(name), StandardCharsets.UTF_8));
    }

    /**
     * Loads and validates every file from {@code source}.
     *
     * @throws TemplateFormatException when a file breaks a rule
     * @throws UncheckedIOException when a file cannot be read
     */
    public static Templates load(Source source) {
        Objects.requireNonNull(source, "source");
        Map<Category, Map<String, List<String>>> byCategory = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            byCategory.put(c, parse(source, c.id() + ".txt", c));
        }
        Map<String, List<String>> u = parse(source, UNCERTAIN_FILE, null);
        Map<Category.Kind, List<String>> uncertain = new EnumMap<>(Category.Kind.class);
        for (Category.Kind k : SHARED_UNCERTAIN) {
            uncertain.put(k, u.get(kindSection(k)));
        }
        return new Templates(byCategory, uncertain);
    }

    /** The words that agree with an object, {@code {word:X}}: singular form to plural form. */
    public static Map<String, String> agreementWords() {
        return AGREEMENT;
    }

    /** The verbs of {@link #AGREEMENT} as regex alternatives, longest first ("isn't" before "is"). */
    private static String wordAlternatives() {
        java.util.TreeSet<String> verbs = new java.util.TreeSet<>(AGREEMENT.keySet());
        verbs.removeAll(Set.of("it", "it's", "its", "itself"));
        return String.join("|", verbs.descendingSet());
    }

    /** The question templates of {@code c}. */
    public List<String> questions(Category c) {
        return byCategory.get(c).get("questions");
    }

    /** The "yes" answers of predicate {@code c}. */
    public List<String> yesAnswers(Category c) {
        return section(c, Category.Kind.PREDICATE, "yes");
    }

    /** The "no" answers of predicate {@code c}. */
    public List<String> noAnswers(Category c) {
        return section(c, Category.Kind.PREDICATE, "no");
    }

    /** The answers of a choice, classify or metric category {@code c}. */
    public List<String> answers(Category c) {
        if (c.kind() == Category.Kind.PREDICATE) {
            throw new IllegalArgumentException(c.id() + " is a predicate: use yesAnswers or noAnswers");
        }
        return byCategory.get(c).get("answers");
    }

    /** The answers that say the evidence is too close to call, for categories of kind {@code k}. */
    public List<String> uncertainAnswers(Category.Kind k) {
        List<String> out = uncertain.get(k);
        if (out == null) {
            throw new IllegalArgumentException("Kind " + k + " has no shared uncertain answers: use uncertainAnswers("
                    + "Category)");
        }
        return out;
    }

    /**
     * The answers that say the evidence is too close to call for category {@code c}: its own
     * {@code [uncertain]} section, else its kind's.
     */
    public List<String> uncertainAnswers(Category c) {
        List<String> own = byCategory.get(c).get(UNCERTAIN_SECTION);
        return own != null ? own : uncertainAnswers(c.kind());
    }

    /** The categories whose answers can be uncertain but whose kind has no shared uncertain answers. */
    private static boolean needsOwnUncertain(Category c) {
        return c == Category.FITS || c.kind() == Category.Kind.CLOCK || c.kind() == Category.Kind.DIRECTION
                || c.kind() == Category.Kind.POINT;
    }

    /**
     * Replaces every {@code {name}} of {@code template} by {@code values.get(name)} and capitalises
     * the first letter of the result; every object is singular.
     *
     * @throws IllegalArgumentException when a placeholder has no value
     */
    public static String render(String template, Map<String, String> values) {
        return render(template, values, Set.of());
    }

    /**
     * Replaces every {@code {name}} of {@code template} by {@code values.get(name)}, every
     * {@code {word:X}} by the word's singular form, or its plural form when {@code plural} holds
     * {@code X}, and capitalises the first letter of the result.
     *
     * @param template the template
     * @param values the text of each placeholder
     * @param plural the object placeholders ("A", "B", "choice", "other") whose object is plural
     * @throws IllegalArgumentException when a placeholder has no value or an agreement word is unknown
     */
    public static String render(String template, Map<String, String> values, Set<String> plural) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder(template.length() + 32);
        while (m.find()) {
            String name = m.group(1);
            int colon = name.indexOf(':');
            String v;
            if (colon >= 0) {
                String word = name.substring(0, colon);
                v = AGREEMENT.containsKey(word) && plural.contains(name.substring(colon + 1)) ? AGREEMENT.get(word)
                        : AGREEMENT.containsKey(word) ? word : null;
            } else {
                v = values.get(name);
            }
            if (v == null) {
                throw new IllegalArgumentException("No value for placeholder {" + name + "} in '" + template + "'");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        if (sb.length() > 0) {
            int cp = sb.codePointAt(0);
            String upper = new String(Character.toChars(Character.toUpperCase(cp)));
            sb.replace(0, Character.charCount(cp), upper);
        }
        return sb.toString();
    }

    private List<String> section(Category c, Category.Kind expected, String name) {
        if (c.kind() != expected) {
            throw new IllegalArgumentException(c.id() + " is not a " + expected + " category");
        }
        return byCategory.get(c).get(name);
    }

    private static String kindSection(Category.Kind k) {
        return k.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The kinds with a section in {@link #UNCERTAIN_FILE}. */
    private static final List<Category.Kind> SHARED_UNCERTAIN = List.of(Category.Kind.PREDICATE, Category.Kind.CHOICE,
            Category.Kind.CLASSIFY, Category.Kind.METRIC);

    private static List<String> requiredSections(Category c) {
        if (c == null) {
            List<String> names = new ArrayList<>();
            for (Category.Kind k : SHARED_UNCERTAIN) {
                names.add(kindSection(k));
            }
            return names;
        }
        List<String> names = new ArrayList<>(c.kind() == Category.Kind.PREDICATE ? List.of("questions", "yes", "no")
                : List.of("questions", "answers"));
        if (needsOwnUncertain(c)) {
            names.add(UNCERTAIN_SECTION);
        }
        return names;
    }

    /** The sections a file may have: the required ones, and an own uncertain section for a category that can be uncertain. */
    private static List<String> allowedSections(Category c) {
        List<String> names = new ArrayList<>(requiredSections(c));
        if (c != null && c.kind() != Category.Kind.COUNT && !names.contains(UNCERTAIN_SECTION)) {
            names.add(UNCERTAIN_SECTION);
        }
        return names;
    }

    /** Parses one file; {@code c} is null for the uncertain file. */
    private static Map<String, List<String>> parse(Source source, String fileName, Category c) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(source.open(fileName))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read template file " + fileName, e);
        }
        List<String> required = requiredSections(c);
        List<String> allowed = allowedSections(c);
        Map<String, Set<String>> sections = new LinkedHashMap<>();
        Map<String, Integer> headerLine = new LinkedHashMap<>();
        String current = null;
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = line.substring(1, line.length() - 1).strip();
                if (!allowed.contains(current)) {
                    throw new TemplateFormatException(fileName, lineNo, "unknown section [" + current + "], expected one of "
                            + allowed);
                }
                if (sections.containsKey(current)) {
                    throw new TemplateFormatException(fileName, lineNo, "section [" + current + "] appears twice");
                }
                sections.put(current, new LinkedHashSet<>());
                headerLine.put(current, lineNo);
                continue;
            }
            if (current == null) {
                throw new TemplateFormatException(fileName, lineNo, "template before the first [section]");
            }
            checkTemplate(fileName, lineNo, line, c, current);
            if (!sections.get(current).add(line)) {
                throw new TemplateFormatException(fileName, lineNo, "duplicate template in [" + current + "]: " + line);
            }
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (String name : allowed) {
            Set<String> items = sections.get(name);
            if (items == null) {
                if (!required.contains(name)) {
                    continue;
                }
                throw new TemplateFormatException(fileName, Math.max(1, lines.size()), "missing section [" + name + "]");
            }
            boolean newer = c != null && !c.isClassic();
            int min = name.equals("questions") ? (newer ? MIN_QUESTIONS_NEW : MIN_QUESTIONS)
                    : newer ? MIN_ANSWERS_NEW : MIN_ANSWERS;
            if (items.size() < min) {
                throw new TemplateFormatException(fileName, headerLine.get(name), "section [" + name + "] has "
                        + items.size() + " templates, needs at least " + min);
            }
            result.put(name, List.copyOf(items));
        }
        return result;
    }

    /**
     * The agreement rules of the class description; {@code subject} the object placeholder that a bare
     * "it" of the line would mean (answers about one object), or null.
     */
    private static void checkAgreement(String fileName, int lineNo, String line, String subject) {
        Matcher before = BARE_BEFORE.matcher(line);
        if (before.find()) {
            throw new TemplateFormatException(fileName, lineNo, "'" + before.group(1) + "' before {" + before.group(2)
                    + "} must agree with it: write {" + before.group(1).toLowerCase(java.util.Locale.ROOT) + ":"
                    + before.group(2) + "}: " + line);
        }
        Matcher after = BARE_AFTER.matcher(line);
        if (after.find()) {
            throw new TemplateFormatException(fileName, lineNo, "'" + after.group(2) + "' after {" + after.group(1)
                    + "} must agree with it: write {" + after.group(2).toLowerCase(java.util.Locale.ROOT) + ":"
                    + after.group(1) + "}: " + line);
        }
        for (String o : OBJECTS) {
            if (line.contains("{" + o + "}'s") || line.contains("{" + o + "}’s")) {
                throw new TemplateFormatException(fileName, lineNo, "possessive of {" + o + "} (wrong for a plural"
                        + " object): " + line);
            }
        }
        Matcher pronoun = BARE_PRONOUN.matcher(line);
        if (subject != null && pronoun.find()) {
            throw new TemplateFormatException(fileName, lineNo, "bare '" + pronoun.group(1) + "' in an answer about"
                    + " {" + subject + "}: write {" + pronoun.group(1).toLowerCase(java.util.Locale.ROOT) + ":" + subject
                    + "}: " + line);
        }
    }

    private static void checkTemplate(String fileName, int lineNo, String line, Category c, String section) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(line);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (m.find()) {
            names.add(m.group(1));
            rest.append(line, last, m.start());
            last = m.end();
        }
        rest.append(line.substring(last));
        if (rest.indexOf("{") >= 0 || rest.indexOf("}") >= 0) {
            throw new TemplateFormatException(fileName, lineNo, "unbalanced brace in: " + line);
        }
        Set<String> objects = c == null ? Set.of("A", "B") : switch (c.objectCount()) {
            case 0 -> c.kind() == Category.Kind.POINT ? Set.of("A", "B") : Set.of();
            case 1 -> Set.of("A");
            case 2 -> Set.of("A", "B");
            default -> Set.of("A", "B", "C");
        };
        Set<String> allowed;
        if (c == null || section.equals(UNCERTAIN_SECTION) || section.equals("yes") || section.equals("no")) {
            allowed = objects;
        } else if (section.equals("questions")) {
            allowed = c.kind() == Category.Kind.COUNT ? Set.of("things") : objects;
        } else {
            allowed = switch (c.kind()) {
                case CHOICE, POINT -> Set.of("choice", "other");
                case CLASSIFY -> Set.of("A", "B", "relation", "word");
                case METRIC -> with(objects, "value");
                case COUNT -> Set.of("count", "things");
                case CLOCK -> with(objects, "hour");
                case DIRECTION -> with(with(objects, "direction"), "where");
                case PREDICATE -> throw new AssertionError(section);
            };
        }
        for (String n : names) {
            int colon = n.indexOf(':');
            if (colon >= 0) {
                String word = n.substring(0, colon);
                String object = n.substring(colon + 1);
                if (!AGREEMENT.containsKey(word)) {
                    throw new TemplateFormatException(fileName, lineNo, "unknown agreement word '" + word + "' in {" + n
                            + "}, known " + new java.util.TreeSet<>(AGREEMENT.keySet()));
                }
                if (!OBJECTS.contains(object) || !allowed.contains(object)) {
                    throw new TemplateFormatException(fileName, lineNo, "agreement {" + n + "} names no object of ["
                            + section + "]");
                }
            } else if (!allowed.contains(n)) {
                throw new TemplateFormatException(fileName, lineNo, "unknown placeholder {" + n + "} in [" + section
                        + "], allowed " + new java.util.TreeSet<>(allowed));
            }
        }
        String subject = null;
        if (c != null && (section.equals("yes") || section.equals("no") || section.equals("answers")
                && (c.kind() == Category.Kind.CLASSIFY || c.kind() == Category.Kind.CLOCK
                || c.kind() == Category.Kind.METRIC && c.objectCount() == 1))) {
            subject = "A";
        } else if (c != null && section.equals("answers") && c.kind() == Category.Kind.DIRECTION) {
            subject = "C";
        }
        checkAgreement(fileName, lineNo, line, subject);
        if (c == null || section.equals(UNCERTAIN_SECTION)) {
            return;
        }
        if (section.equals("questions")) {
            for (String n : allowed) {
                if (!names.contains(n)) {
                    throw new TemplateFormatException(fileName, lineNo, "question does not name {" + n + "}: " + line);
                }
            }
            return;
        }
        switch (c.kind()) {
            case CHOICE, POINT -> {
                int choice = names.indexOf("choice");
                int other = names.indexOf("other");
                if (choice < 0) {
                    throw new TemplateFormatException(fileName, lineNo, "choice answer without {choice}: " + line);
                }
                if (other >= 0 && other < choice) {
                    throw new TemplateFormatException(fileName, lineNo, "{other} must come after {choice}: " + line);
                }
            }
            case CLASSIFY -> {
                if (!names.contains("relation") && !names.contains("word")) {
                    throw new TemplateFormatException(fileName, lineNo, "classify answer without {relation} or {word}: "
                            + line);
                }
            }
            case METRIC -> {
                long count = names.stream().filter("value"::equals).count();
                if (count != 1) {
                    throw new TemplateFormatException(fileName, lineNo, "metric answer must contain {value} exactly once, has "
                            + count + ": " + line);
                }
            }
            case COUNT -> requireAnswer(fileName, lineNo, line, names, "count");
            case CLOCK -> requireAnswer(fileName, lineNo, line, names, "hour");
            case DIRECTION -> {
                if (!names.contains("direction") && !names.contains("where")) {
                    throw new TemplateFormatException(fileName, lineNo, "direction answer without {direction} or {where}: "
                            + line);
                }
            }
            case PREDICATE -> {
                // yes/no answers need no placeholder.
            }
        }
    }

    private static void requireAnswer(String fileName, int lineNo, String line, List<String> names, String name) {
        if (!names.contains(name)) {
            throw new TemplateFormatException(fileName, lineNo, "answer without {" + name + "}: " + line);
        }
    }

    private static Set<String> with(Set<String> set, String extra) {
        Set<String> out = new java.util.HashSet<>(set);
        out.add(extra);
        return Set.copyOf(out);
    }
}
