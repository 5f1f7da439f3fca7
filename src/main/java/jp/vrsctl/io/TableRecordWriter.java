package jp.vrsctl.io;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligned columns for a person: a heading row of titles, a rule, then the rows, columns separated by two
 * spaces and padded by display width ({@link DisplayWidth}), numbers right-aligned.
 *
 * <p>All rows are buffered to measure the columns, so memory grows with the output: tables are for people;
 * large outputs should use {@code -o ndjson} or {@code -o csv}, which stream. Control characters in values
 * (line ends, TAB, ESC, C1 controls) are shown as a space, so data can neither break the alignment nor send
 * escape sequences to the terminal.
 */
final class TableRecordWriter extends AbstractRecordWriter {
    private static final String GAP = "  ";

    private final List<String[]> rows = new ArrayList<>();
    private final List<boolean[]> numeric = new ArrayList<>();

    TableRecordWriter(PrintWriter out) {
        super(out);
    }

    @Override
    void writeBegin(List<Column> columns) {
        // the heading is written with the rows at end(), once the widths are known
    }

    @Override
    void writeRow(List<?> values) {
        String[] cells = new String[values.size()];
        boolean[] right = new boolean[values.size()];
        for (int i = 0; i < cells.length; i++) {
            Object v = Values.unwrap(values.get(i));
            cells[i] = printable(Values.text(v));
            right[i] = v instanceof Number;
        }
        rows.add(cells);
        numeric.add(right);
    }

    @Override
    void writeEnd() {
        List<Column> columns = columns();
        int n = columns.size();
        String[] titles = new String[n];
        int[] widths = new int[n];
        for (int i = 0; i < n; i++) {
            titles[i] = printable(columns.get(i).title());
            widths[i] = DisplayWidth.of(titles[i]);
        }
        for (String[] cells : rows) {
            for (int i = 0; i < n; i++) {
                widths[i] = Math.max(widths[i], DisplayWidth.of(cells[i]));
            }
        }
        writeLine(titles, new boolean[n], widths);
        String[] rules = new String[n];
        for (int i = 0; i < n; i++) {
            rules[i] = "-".repeat(widths[i]);
        }
        writeLine(rules, new boolean[n], widths);
        for (int r = 0; r < rows.size(); r++) {
            writeLine(rows.get(r), numeric.get(r), widths);
        }
        rows.clear();
        numeric.clear();
    }

    private void writeLine(String[] cells, boolean[] right, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(GAP);
            }
            String pad = " ".repeat(widths[i] - DisplayWidth.of(cells[i]));
            if (right[i]) {
                sb.append(pad).append(cells[i]);
            } else {
                sb.append(cells[i]).append(pad);
            }
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        sb.setLength(end);
        out.write(sb.append('\n').toString());
    }

    /** Replaces control characters with a space. */
    static String printable(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                if (sb == null) {
                    sb = new StringBuilder(s.length()).append(s, 0, i);
                }
                sb.append(' ');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
