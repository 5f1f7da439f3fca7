package jp.vrsctl.io;

import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

/** Text forms of output values, shared by the writers. */
final class Values {
    private Values() {
    }

    /** The value as text; {@code null} becomes {@code ""}. */
    static String text(Object value) {
        Object v = unwrap(value);
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof TemporalAccessor t) {
            return temporal(t);
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(Values::text).collect(Collectors.joining(", "));
        }
        return v.toString();
    }

    /** Whether the value is text that a person typed (subject to the CSV formula guard). */
    static boolean isText(Object value) {
        Object v = unwrap(value);
        return !(v == null || v instanceof Number || v instanceof Boolean || v instanceof TemporalAccessor);
    }

    static Object unwrap(Object value) {
        if (value instanceof Optional<?> o) {
            return o.orElse(null);
        }
        return value;
    }

    /** ISO 8601; zoned times are written with their offset only (no region id). */
    static String temporal(TemporalAccessor t) {
        if (t instanceof ZonedDateTime z) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(z);
        }
        return t.toString(); // LocalDate, OffsetDateTime, Instant, ... print ISO 8601 already
    }
}
