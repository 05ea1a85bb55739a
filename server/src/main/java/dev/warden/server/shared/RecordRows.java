package dev.warden.server.shared;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanUtils;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.util.ClassUtils;

/**
 * Maps rows to a record by its components' names ({@code partnerId} reads {@code partner_id}), finding
 * the columns once per query from the result's metadata.
 *
 * <p>This replaces {@code JdbcClient}'s {@code query(Class)} for records: Spring's mapper looks every component up
 * by name on every row, trying the camelCase name first, and H2 answers each miss with an exception it
 * builds (and, with its file trace on, writes to disk) — a fifth of a request's time on a large list.
 * Values are converted as Spring's mapper converts them. Use one mapper per query: it remembers the
 * column positions of the result it first saw.
 */
public final class RecordRows<T extends Record> implements RowMapper<T> {
    private static final ClassValue<Shape<?>> SHAPES = new ClassValue<>() {
        @Override
        protected Shape<?> computeValue(Class<?> type) {
            return new Shape<>(type.asSubclass(Record.class));
        }
    };

    private final Shape<T> shape;
    private int @Nullable [] columns;

    private RecordRows(Shape<T> shape) {
        this.shape = shape;
    }

    /** A new mapper for one query. */
    @SuppressWarnings("unchecked")
    public static <T extends Record> RowMapper<T> of(Class<T> type) {
        return new RecordRows<>((Shape<T>) SHAPES.get(type));
    }

    @Override
    public T mapRow(ResultSet rs, int rowNum) throws SQLException {
        int[] at = columns;
        if (at == null) {
            at = shape.positions(rs.getMetaData());
            columns = at;
        }
        Object[] args = new Object[at.length];
        for (int i = 0; i < at.length; i++) {
            Object value = shape.readers[i].read(rs, at[i]);
            // Conversion only when the driver's value is not already of the component's type: looking
            // a converter up for every value was a third of the time spent mapping a page of tickets.
            args[i] = value == null || shape.boxed[i].isInstance(value)
                    ? value
                    : shape.conversion.convert(value, shape.types[i]);
        }
        return BeanUtils.instantiateClass(shape.constructor, args);
    }

    /** Reads one column as one component's type, or null for SQL NULL. */
    @FunctionalInterface
    private interface Reader {
        @Nullable
        Object read(ResultSet rs, int column) throws SQLException;
    }

    /**
     * The reader for a component's type: the getter Spring's {@link JdbcUtils#getResultSetValue} would call,
     * chosen once instead of for every value.
     */
    private static Reader reader(Class<?> type) {
        if (type == String.class) {
            return ResultSet::getString;
        }
        if (type == int.class || type == Integer.class) {
            return (rs, c) -> orNull(rs, rs.getInt(c));
        }
        if (type == long.class || type == Long.class) {
            return (rs, c) -> orNull(rs, rs.getLong(c));
        }
        if (type == double.class || type == Double.class) {
            return (rs, c) -> orNull(rs, rs.getDouble(c));
        }
        if (type == boolean.class || type == Boolean.class) {
            return (rs, c) -> orNull(rs, rs.getBoolean(c));
        }
        return (rs, c) -> JdbcUtils.getResultSetValue(rs, c, type);
    }

    private static @Nullable Object orNull(ResultSet rs, Object value) throws SQLException {
        return rs.wasNull() ? null : value;
    }

    /** What a record class needs for mapping, computed once per class. */
    private static final class Shape<T extends Record> {
        final Constructor<T> constructor;
        final String[] names;
        final TypeDescriptor[] types;
        final Reader[] readers;
        final Class<?>[] boxed;
        final ConversionService conversion = DefaultConversionService.getSharedInstance();

        Shape(Class<T> type) {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] parameterTypes =
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            try {
                constructor = type.getDeclaredConstructor(parameterTypes);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("record without a canonical constructor: " + type, e);
            }
            names = new String[components.length];
            types = new TypeDescriptor[components.length];
            readers = new Reader[components.length];
            boxed = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                names[i] = components[i].getName();
                types[i] = new TypeDescriptor(new MethodParameter(constructor, i));
                readers[i] = reader(parameterTypes[i]);
                boxed[i] = ClassUtils.resolvePrimitiveIfNecessary(parameterTypes[i]);
            }
        }

        int[] positions(ResultSetMetaData meta) throws SQLException {
            Map<String, Integer> byLabel = new HashMap<>();
            for (int c = meta.getColumnCount(); c >= 1; c--) {
                byLabel.put(JdbcUtils.lookupColumnName(meta, c).toLowerCase(Locale.ROOT), c);
            }
            int[] out = new int[names.length];
            for (int i = 0; i < names.length; i++) {
                Integer c = byLabel.get(names[i].toLowerCase(Locale.ROOT));
                if (c == null) {
                    c = byLabel.get(JdbcUtils.convertPropertyNameToUnderscoreName(names[i]));
                }
                if (c == null) {
                    throw new InvalidDataAccessApiUsageException("the query has no column for "
                            + constructor.getDeclaringClass().getSimpleName() + "." + names[i] + " (looked for "
                            + JdbcUtils.convertPropertyNameToUnderscoreName(names[i]) + ")");
                }
                out[i] = c;
            }
            return out;
        }
    }
}
