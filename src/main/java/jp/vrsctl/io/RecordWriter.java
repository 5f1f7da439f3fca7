package jp.vrsctl.io;

import java.io.Closeable;
import java.io.PrintWriter;
import java.util.List;

/**
 * Writes command results as a table, JSON, NDJSON or CSV (formats.md, "Outputs").
 *
 * <p>Call {@link #begin} once, {@link #row} for each record (values in column order), then {@link #end},
 * which completes the document and flushes. {@link #close()} only flushes: it does not complete a document
 * that was not ended (so a failed command never prints output that looks whole), and it never closes the
 * {@link PrintWriter}, which belongs to the caller.
 *
 * <p>Values: {@code null} is empty (null in JSON); {@link String} as is; {@link Number} and {@link Boolean}
 * as numbers and booleans in JSON; {@code java.time} values as ISO 8601 text (times with their offset);
 * enums by name; collections as JSON arrays (joined with {@code ", "} elsewhere); anything else by
 * {@code toString()}. Identifiers must be passed as {@link String} so they stay strings in JSON.
 *
 * <p>{@link #end()} throws a {@link jp.vrsctl.VrsException} (FAILURE) if the writer reported an error (for
 * example a closed pipe), since {@link PrintWriter} itself swallows them.
 */
public interface RecordWriter extends Closeable {
    /** Starts the output with its columns. */
    void begin(List<Column> columns);

    /** Writes one record; {@code values} has one entry per column. */
    void row(List<?> values);

    /** Completes the output and flushes it. */
    void end();

    /** Flushes; does not complete the document and does not close the underlying writer. */
    @Override
    void close();

    /**
     * Creates a writer.
     *
     * @param out   where to write; for CSV it must encode UTF-8
     * @param excel for CSV only: start with a UTF-8 byte order mark and end lines with CRLF, for Excel
     */
    static RecordWriter create(OutputFormat fmt, PrintWriter out, boolean excel) {
        switch (fmt) {
            case TABLE:
                return new TableRecordWriter(out);
            case JSON:
                return new JsonRecordWriter(out, false);
            case NDJSON:
                return new JsonRecordWriter(out, true);
            case CSV:
                return new CsvRecordWriter(out, excel);
            default:
                throw new IllegalArgumentException(String.valueOf(fmt));
        }
    }
}
