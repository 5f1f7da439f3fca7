package jp.vrsctl.cli;

import java.util.ArrayList;
import java.util.List;

import jp.vrsctl.io.Column;
import jp.vrsctl.io.RecordWriter;

/** Prints records in the chosen format to stdout. */
final class Printer {
    private final List<Column> columns = new ArrayList<>();
    private final List<List<?>> rows = new ArrayList<>();

    Printer col(String key, String title) {
        columns.add(new Column(key, title));
        return this;
    }

    Printer row(Object... values) {
        rows.add(java.util.Arrays.asList(values));
        return this;
    }

    void print(Context ctx, OutputOptions o) {
        try (RecordWriter w = RecordWriter.create(o.format(), ctx.out, o.excel)) {
            w.begin(columns);
            for (List<?> r : rows) {
                w.row(r);
            }
            w.end();
        }
        ctx.out.flush();
    }

    static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
