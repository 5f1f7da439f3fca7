package jp.vrsctl.io;

import java.util.List;

/**
 * One data record of a CSV file.
 *
 * @param line   1-based physical line where the record starts (a quoted newline advances the count)
 * @param number 1-based index of the data record (the header is not counted; skipped empty lines are not counted)
 * @param fields the raw field texts, exactly as many as the header has columns (trailing empty extras dropped)
 */
public record CsvRow(long line, long number, List<String> fields) {
    /** Copies {@code fields} into an unmodifiable list. */
    public CsvRow {
        fields = List.copyOf(fields);
    }

    /** Deliberately without the field values, which may be personal data. */
    @Override
    public String toString() {
        return "CsvRow[line=" + line + ", number=" + number + ", fields=" + fields.size() + "]";
    }
}
