package jp.vrsctl.io;

import java.io.PrintWriter;
import java.util.List;

/**
 * CSV output: a header of column keys, RFC 4180 quoting, LF line ends (CRLF and a UTF-8 BOM with
 * {@code excel}); text cells that look like formulas are prefixed with {@code '}. Streams row by row.
 */
final class CsvRecordWriter extends AbstractRecordWriter {
    private final boolean excel;
    private final String lineEnd;
    private final StringBuilder line = new StringBuilder();

    CsvRecordWriter(PrintWriter out, boolean excel) {
        super(out);
        this.excel = excel;
        this.lineEnd = excel ? "\r\n" : "\n";
    }

    @Override
    void writeBegin(List<Column> columns) {
        if (excel) {
            out.write('\uFEFF');
        }
        line.setLength(0);
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            CsvText.appendField(line, CsvText.guard(columns.get(i).key()));
        }
        out.write(line.append(lineEnd).toString());
    }

    @Override
    void writeRow(List<?> values) {
        line.setLength(0);
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            Object v = values.get(i);
            String text = Values.text(v);
            CsvText.appendField(line, Values.isText(v) ? CsvText.guard(text) : text);
        }
        out.write(line.append(lineEnd).toString());
    }

    @Override
    void writeEnd() {
        // nothing to close: CSV has no trailer
    }
}
