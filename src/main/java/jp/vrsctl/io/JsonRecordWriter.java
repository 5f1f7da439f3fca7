package jp.vrsctl.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.List;

/**
 * JSON output (one document: an array of objects keyed by column key, pretty-printed) or NDJSON (one compact
 * object a line), written with Jackson's streaming {@link JsonGenerator}. Non-ASCII text (Japanese, surrogate
 * pairs such as 𠮷) is written as is, not as {@code \\u} escapes.
 */
final class JsonRecordWriter extends AbstractRecordWriter {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private final boolean lines;
    private final JsonGenerator gen;

    JsonRecordWriter(PrintWriter out, boolean lines) {
        super(out);
        this.lines = lines;
        try {
            this.gen = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (lines) {
            gen.setPrettyPrinter(new MinimalPrettyPrinter(""));
        } else {
            gen.useDefaultPrettyPrinter();
        }
    }

    @Override
    void writeBegin(List<Column> columns) {
        if (!lines) {
            io(() -> gen.writeStartArray());
        }
    }

    @Override
    void writeRow(List<?> values) {
        io(() -> {
            gen.writeStartObject();
            List<Column> columns = columns();
            for (int i = 0; i < values.size(); i++) {
                gen.writeFieldName(columns.get(i).key());
                writeValue(values.get(i));
            }
            gen.writeEndObject();
            if (lines) {
                gen.writeRaw('\n');
            }
        });
    }

    @Override
    void writeEnd() {
        io(() -> {
            if (!lines) {
                gen.writeEndArray();
                gen.writeRaw('\n');
            }
            gen.flush();
        });
    }

    @Override
    public void close() {
        io(gen::flush);
        super.close();
    }

    private void writeValue(Object value) throws IOException {
        Object v = Values.unwrap(value);
        if (v == null) {
            gen.writeNull();
        } else if (v instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (v instanceof BigDecimal d) {
            gen.writeNumber(d);
        } else if (v instanceof BigInteger n) {
            gen.writeNumber(n);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                gen.writeNumber(d);
            } else {
                gen.writeString(v.toString());
            }
        } else if (v instanceof Number n) {
            gen.writeNumber(n.longValue());
        } else if (v instanceof TemporalAccessor t) {
            gen.writeString(Values.temporal(t));
        } else if (v instanceof Collection<?> c) {
            gen.writeStartArray();
            for (Object e : c) {
                writeValue(e);
            }
            gen.writeEndArray();
        } else {
            gen.writeString(Values.text(v));
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    /** PrintWriter never throws; Jackson's IOException can then only be a bug, and end() checks the writer. */
    private static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
