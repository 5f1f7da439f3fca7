package jp.vrsctl.io;

import java.io.PrintWriter;
import java.util.List;
import jp.vrsctl.ExitCode;
import jp.vrsctl.Messages;
import jp.vrsctl.VrsException;

/** The begin/row/end protocol and error checking shared by the writers. */
abstract class AbstractRecordWriter implements RecordWriter {
    private static final Messages MSG = Messages.of(AbstractRecordWriter.class);

    protected final PrintWriter out;
    private List<Column> columns;
    private boolean ended;

    AbstractRecordWriter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public final void begin(List<Column> columns) {
        if (this.columns != null) {
            throw new IllegalStateException("begin() called twice");
        }
        this.columns = List.copyOf(columns);
        writeBegin(this.columns);
    }

    @Override
    public final void row(List<?> values) {
        if (columns == null || ended) {
            throw new IllegalStateException("row() outside begin()/end()");
        }
        if (values.size() != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " values, got " + values.size());
        }
        writeRow(values);
    }

    @Override
    public final void end() {
        if (columns == null || ended) {
            throw new IllegalStateException("end() without begin()");
        }
        ended = true;
        writeEnd();
        out.flush();
        if (out.checkError()) {
            throw new VrsException(ExitCode.FAILURE, MSG.get("output.writeFailed"));
        }
    }

    @Override
    public void close() {
        out.flush();
    }

    protected final List<Column> columns() {
        return columns;
    }

    abstract void writeBegin(List<Column> columns);

    abstract void writeRow(List<?> values);

    abstract void writeEnd();
}
