package io.github.spatialvlm4j.datagen.qa;

/**
 * A template file that breaks the rules of {@link Templates}: the message names the file and the
 * line (1-based; the last line for a problem with the whole file, such as a missing section).
 */
public final class TemplateFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final int line;

    /**
     * @param fileName the template file, e.g. {@code left_predicate.txt}
     * @param line the 1-based line number
     * @param problem what is wrong
     */
    public TemplateFormatException(String fileName, int line, String problem) {
        super(fileName + ":" + line + ": " + problem);
        this.fileName = fileName;
        this.line = line;
    }

    /** The template file's name. */
    public String fileName() {
        return fileName;
    }

    /** The 1-based line number of the problem. */
    public int line() {
        return line;
    }
}
