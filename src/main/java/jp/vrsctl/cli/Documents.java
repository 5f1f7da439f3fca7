package jp.vrsctl.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import jp.vrsctl.io.OutputFormat;

/**
 * Prints one record with nested lists ({@code resident show}): JSON/NDJSON as a nested document, a table
 * as "field value" lines followed by one table per nested list, CSV as the top-level fields only.
 */
final class Documents {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper NDJSON = new ObjectMapper();

    private Documents() {}

    @SuppressWarnings("unchecked")
    static void print(Context ctx, OutputOptions o, Map<String, Object> doc, List<String> nested) {
        OutputFormat f = o.format();
        try {
            switch (f) {
                case JSON -> ctx.out.println(JSON.writeValueAsString(doc));
                case NDJSON -> ctx.out.println(NDJSON.writeValueAsString(doc));
                case CSV -> {
                    Printer p = new Printer();
                    List<Object> values = new ArrayList<>();
                    doc.forEach((k, v) -> {
                        if (!nested.contains(k)) {
                            p.col(k, k);
                            values.add(v);
                        }
                    });
                    p.row(values.toArray());
                    p.print(ctx, o);
                }
                default -> {
                    Printer p = new Printer().col("field", "FIELD").col("value", "VALUE");
                    doc.forEach((k, v) -> {
                        if (!nested.contains(k)) {
                            p.row(k, v == null ? null : v.toString());
                        }
                    });
                    p.print(ctx, o);
                    for (String key : nested) {
                        List<Map<String, Object>> items = (List<Map<String, Object>>) doc.get(key);
                        ctx.out.println();
                        ctx.out.println(key.toUpperCase(java.util.Locale.ROOT) + " (" + items.size() + ")");
                        if (!items.isEmpty()) {
                            Printer t = new Printer();
                            items.get(0).keySet().forEach(c -> t.col(c, c.toUpperCase(java.util.Locale.ROOT)));
                            for (Map<String, Object> it : items) {
                                t.row(it.values().toArray());
                            }
                            t.print(ctx, o);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ctx.out.flush();
    }
}
