package jp.vrsctl.service;

import java.util.ArrayList;
import java.util.List;

import jp.vrsctl.VrsException;
import jp.vrsctl.io.CsvRow;
import jp.vrsctl.io.HeaderMap;
import jp.vrsctl.io.InputException;

/** Collects the problems of one CSV row, each naming file, line and column (formats.md "Errors on input"). */
final class RowErrors {
    private final String file;
    private final HeaderMap header;
    private final CsvRow row;
    private final List<String> problems = new ArrayList<>();

    RowErrors(String file, HeaderMap header, CsvRow row) {
        this.file = file;
        this.header = header;
        this.row = row;
    }

    interface Parser<T> {
        T parse(String raw);
    }

    /** Parses a required column; records a problem and returns null when it is missing or invalid. */
    <T> T required(String key, Parser<T> parser) {
        String raw = header.get(row, key);
        if (raw == null || raw.isBlank()) {
            add(key, ServiceMessages.get("import.required"));
            return null;
        }
        return parse(key, raw, parser);
    }

    /** Parses an optional column; null when absent or empty. */
    <T> T optional(String key, Parser<T> parser) {
        String raw = header.get(row, key);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return parse(key, raw, parser);
    }

    private <T> T parse(String key, String raw, Parser<T> parser) {
        try {
            return parser.parse(raw);
        } catch (VrsException e) {
            add(key, e.getMessage());
            return null;
        }
    }

    void add(String key, String problem) {
        String column = key == null ? null : header.headerName(key);
        problems.add(new InputException(file, row.line(), column, problem).getMessage());
    }

    boolean ok() {
        return problems.isEmpty();
    }

    List<String> problems() {
        return problems;
    }

    String joined() {
        return String.join("; ", problems);
    }
}
