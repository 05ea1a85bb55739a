package dev.warden.core.validation;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What text Warden accepts: any Unicode text as given (no normalisation: what a partner wrote is what
 * the operator reads), except a NUL character, which PostgreSQL cannot store, and an unpaired UTF-16
 * surrogate, which no encoding can write and which would not survive an export. Refused with the
 * field's JSON pointer, wherever the text sits in a request or a snapshot.
 */
public final class Texts {
    private static final int MAX_DEPTH = 32;

    private Texts() {}

    /** Why this text is refused, or empty when it is accepted. */
    public static Optional<String> refusal(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return Optional.of("contains a NUL character (U+0000) at position " + i);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of("contains an unpaired UTF-16 surrogate at position " + i);
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("contains an unpaired UTF-16 surrogate at position " + i);
            }
        }
        return Optional.empty();
    }

    /**
     * Every refused text in a bound request or document: records by component name, lists by index,
     * maps by key (keys are text too), each error at its JSON pointer under {@code base}.
     */
    public static List<FieldError> check(@Nullable Object value, String base) {
        List<FieldError> errors = new ArrayList<>();
        walk(value, base, errors, 0);
        return errors;
    }

    private static void walk(@Nullable Object value, String pointer, List<FieldError> errors, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof CharSequence text) {
            refusal(text).ifPresent(why -> errors.add(new FieldError(pointer, why)));
        } else if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                walk(read(record, component), pointer + "/" + component.getName(), errors, depth + 1);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), pointer + "/" + i, errors, depth + 1);
            }
        } else if (value instanceof Collection<?> items) {
            for (Object item : items) {
                walk(item, pointer, errors, depth + 1);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                String at = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
                refusal(key).ifPresent(why -> errors.add(new FieldError(at, "the key " + why)));
                walk(e.getValue(), at, errors, depth + 1);
            }
        } else if (value instanceof Optional<?> optional) {
            walk(optional.orElse(null), pointer, errors, depth);
        }
        // Numbers, booleans, enums, instants and dates hold no free text.
    }

    private static @Nullable Object read(Record record, RecordComponent component) {
        try {
            var accessor = component.getAccessor();
            accessor.trySetAccessible(); // request bodies are often package-private records
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component + " of a " + record.getClass(), e);
        }
    }
}
