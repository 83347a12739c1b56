package io.github.spatialvlm4j.datagen.pipeline;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.spatialvlm4j.datagen.qa.CaptionSimilarity;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An options record as a map that a JSON writer writes as it stands: one entry per record component, in
 * declaration order, named in snake_case ({@code minDepth} is {@code min_depth}); a nested record is a
 * nested map, an enum its lower-case name, a map's keys their strings (enums lower-case, sorted), a caption
 * similarity its class name, numbers, booleans and strings as they are. Written from the components
 * themselves, so a new option is recorded without a line here.
 */
final class OptionMaps {
    private OptionMaps() {
    }

    /** {@code options} as an ordered map (see the class notes). */
    static Map<String, Object> of(Record options) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : options.getClass().getRecordComponents()) {
            Object value;
            try {
                value = c.getAccessor().invoke(options);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Cannot read option " + c.getName() + " of " + options, e);
            }
            out.put(snake(c.getName()), value(value));
        }
        return out;
    }

    private static Object value(Object v) {
        if (v instanceof Record r) {
            return of(r);
        }
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(value(k)), value(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(OptionMaps::value).toList();
        }
        if (v instanceof CaptionSimilarity s) {
            return s.getClass().getSimpleName();
        }
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v;
        }
        throw new IllegalArgumentException("Cannot record an option of type " + v.getClass().getName());
    }

    /** Writes a map of {@link #of} (maps, lists, numbers, booleans, strings, nulls) as JSON. */
    static void write(JsonGenerator json, Object value) throws IOException {
        if (value instanceof Map<?, ?> m) {
            json.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                json.writeFieldName(String.valueOf(e.getKey()));
                write(json, e.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof List<?> l) {
            json.writeStartArray();
            for (Object x : l) {
                write(json, x);
            }
            json.writeEndArray();
        } else if (value instanceof Integer || value instanceof Long) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Float f) {
            json.writeNumber(f);
        } else if (value instanceof Number n) {
            json.writeNumber(n.doubleValue());
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value == null) {
            json.writeNull();
        } else {
            json.writeString(value.toString());
        }
    }

    /** Puts the leaves of a map of {@link #of} into {@code out}, keyed by their paths joined by dots. */
    static void flatten(String prefix, Object value, Map<String, String> out) {
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
        } else if (value instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                flatten(prefix + "." + i, l.get(i), out);
            }
        } else {
            out.put(prefix, String.valueOf(value));
        }
    }

    /** {@code camelCase} as {@code camel_case}. */
    static String snake(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch)) {
                sb.append('_').append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}
