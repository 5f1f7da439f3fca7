package jp.vrsctl.io;

import java.util.Locale;
import jp.vrsctl.ExitCode;
import jp.vrsctl.Messages;
import jp.vrsctl.VrsException;

/** The {@code -o} output formats (formats.md, "Outputs"). */
public enum OutputFormat {
    /** Aligned columns for a person at a terminal (buffers all rows; use NDJSON or CSV for large outputs). */
    TABLE,
    /** One JSON document: an array of objects. */
    JSON,
    /** One JSON object a line, streamed. */
    NDJSON,
    /** RFC 4180 CSV in UTF-8, streamed, with a formula-injection guard. */
    CSV;

    /**
     * Parses an option value case-insensitively ({@code table}, {@code json}, {@code ndjson}, {@code csv}).
     *
     * @throws VrsException with {@link ExitCode#USAGE} for any other value
     */
    public static OutputFormat parse(String value) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (OutputFormat f : values()) {
            if (f.name().equals(v)) {
                return f;
            }
        }
        throw new VrsException(ExitCode.USAGE,
                Messages.of(OutputFormat.class).get("output.unknownFormat", String.valueOf(value)));
    }
}
