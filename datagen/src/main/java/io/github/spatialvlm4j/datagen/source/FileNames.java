package io.github.spatialvlm4j.datagen.source;

import java.util.Collection;
import java.util.List;

/** How sources name a list of files in a message: the first few, sorted, and how many more. */
public final class FileNames {
    /** Names shown before "and N more". */
    public static final int SHOWN = 5;

    private FileNames() {
    }

    /** {@code "a.txt, b.png and 3 more"}: the first {@value #SHOWN} names in sorted order, and a count of the rest. */
    public static String firstFew(Collection<String> names) {
        List<String> sorted = names.stream().sorted().toList();
        String shown = String.join(", ", sorted.subList(0, Math.min(SHOWN, sorted.size())));
        return sorted.size() <= SHOWN ? shown : shown + " and " + (sorted.size() - SHOWN) + " more";
    }

    /** {@code "1 file"}, {@code "3 files"}. */
    public static String count(int files) {
        return files + (files == 1 ? " file" : " files");
    }
}
