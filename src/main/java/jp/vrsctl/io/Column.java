package jp.vrsctl.io;

import java.util.Objects;

/**
 * An output column.
 *
 * @param key   the machine name: the JSON key and the CSV header
 * @param title the heading shown in a table
 */
public record Column(String key, String title) {
    public Column {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(title, "title");
    }

    /** A column whose title is its key. */
    public static Column of(String key) {
        return new Column(key, key);
    }
}
