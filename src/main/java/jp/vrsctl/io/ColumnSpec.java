package jp.vrsctl.io;

import java.util.Objects;

/**
 * A column an import understands (formats.md tables).
 *
 * @param key      the program's name for the column (usually the English header)
 * @param english  the English header name
 * @param japanese the Japanese header name
 * @param required whether the file must have the column (a column may be present and its cells empty;
 *                 whether an empty cell is allowed is the domain's decision)
 */
public record ColumnSpec(String key, String english, String japanese, boolean required) {
    public ColumnSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(english, "english");
        Objects.requireNonNull(japanese, "japanese");
    }

    /** A required column whose key is its English name. */
    public static ColumnSpec required(String english, String japanese) {
        return new ColumnSpec(english, english, japanese, true);
    }

    /** An optional column whose key is its English name. */
    public static ColumnSpec optional(String english, String japanese) {
        return new ColumnSpec(english, english, japanese, false);
    }
}
