package jp.vrsctl.io;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import jp.vrsctl.ExitCode;
import jp.vrsctl.Messages;
import jp.vrsctl.VrsException;

/**
 * RFC 4180 tokenizer: a small hand-written state machine over a {@link Reader} with its own char buffer.
 *
 * <p>Written by hand rather than taken from a library because (1) every error must name the exact physical
 * line (and column) where it happens, including decoding errors, NUL characters and quotes that are never
 * closed, which general-purpose parsers do not report; (2) it must stream with constant memory over strictly
 * decoded input and bound the size of any field; and (3) jackson-dataformat-csv is not on the classpath.
 *
 * <p>Line numbers are physical: CRLF, LF and CR each end a line (mixed in one file), also inside quoted
 * fields. Errors about a character (NUL, a stray quote, bad bytes) name the line of that character; errors
 * about a record name the line where it starts; an unterminated quote names the line where the quote opened.
 */
final class CsvTokenizer {
    private static final Messages MSG = Messages.of(CsvTokenizer.class);
    private static final int EOF = -1;

    private final Reader in;
    private final String file;
    private final String charsetName;
    private final int maxFieldLength;
    private final char[] buf = new char[1 << 16];
    private final StringBuilder field = new StringBuilder();
    private int pos;
    private int lim;
    private long line = 1;
    private long recordLine;
    private List<String> columnNames = List.of();

    CsvTokenizer(Reader in, String file, String charsetName, int maxFieldLength) {
        this.in = in;
        this.file = file;
        this.charsetName = charsetName;
        this.maxFieldLength = maxFieldLength;
    }

    /** Names used for the column in error messages (field index to header text). */
    void columnNames(List<String> names) {
        this.columnNames = List.copyOf(names);
    }

    /** The line where the record last returned by {@link #readRecord} starts. */
    long recordLine() {
        return recordLine;
    }

    /** Skips a leading U+FEFF (byte order mark), if any. */
    void skipByteOrderMark() {
        if (peek() == '\uFEFF') {
            pos++;
        }
    }

    /**
     * Reads the next record, skipping completely empty lines.
     *
     * @param width the number of fields expected (the header's), or a negative number for the header itself,
     *              which may then have up to {@code maxColumns} fields
     * @return the fields (at most {@code width}; empty fields beyond it are dropped), or {@code null} at EOF
     */
    List<String> readRecord(int width, int maxColumns) {
        int c;
        while (true) {
            c = read();
            if (c == EOF) {
                return null;
            }
            if (c == '\r' || c == '\n') {
                endLine(c);
                continue;
            }
            break;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>(width > 0 ? width : 16);
        int index = 0;
        while (true) {
            field.setLength(0);
            if (c == '"') {
                c = readQuoted(index);
            } else {
                c = readUnquoted(c, index);
            }
            addField(fields, index, width, maxColumns);
            index++;
            if (c == ',') {
                c = read();
                continue;
            }
            if (c != EOF) {
                endLine(c);
            }
            return fields;
        }
    }

    /** Reads an unquoted field starting with {@code c}; returns the delimiter that ended it. */
    private int readUnquoted(int c, int index) {
        while (c != ',' && c != '\r' && c != '\n' && c != EOF) {
            if (c == '"') {
                throw fail(line, index, "csv.strayQuote");
            }
            append(c, index);
            c = read();
        }
        return c;
    }

    /** Reads a quoted field whose opening quote was just consumed; returns the delimiter after it. */
    private int readQuoted(int index) {
        long start = line;
        while (true) {
            int c = read();
            if (c == EOF) {
                throw fail(start, index, "csv.unterminatedQuote", String.valueOf(start));
            }
            if (c == '"') {
                if (peek() == '"') {
                    pos++;
                    append('"', index);
                    continue;
                }
                int next = read();
                if (next != ',' && next != '\r' && next != '\n' && next != EOF) {
                    throw fail(line, index, "csv.textAfterQuote");
                }
                return next;
            }
            append(c, index);
            if (c == '\r') {
                if (peek() == '\n') {
                    pos++;
                    append('\n', index);
                }
                line++;
            } else if (c == '\n') {
                line++;
            }
        }
    }

    private void append(int c, int index) {
        if (c == 0) {
            throw fail(line, index, "csv.nul");
        }
        if (field.length() >= maxFieldLength) {
            throw fail(recordLine, index, "csv.fieldTooLong", maxFieldLength);
        }
        field.append((char) c);
    }

    private void addField(List<String> fields, int index, int width, int maxColumns) {
        if (width < 0) {
            if (index >= maxColumns) {
                throw fail(recordLine, index, "csv.tooManyColumns", maxColumns);
            }
            fields.add(field.toString());
        } else if (index < width) {
            fields.add(field.toString());
        } else if (field.length() > 0) {
            throw fail(recordLine, index, "csv.extraField", index + 1, width);
        }
        // else: an empty column beyond the header, ignored
    }

    /** Consumes a line end whose first character {@code c} was just read (CR, LF, or CR LF). */
    private void endLine(int c) {
        if (c == '\r' && peek() == '\n') {
            pos++;
        }
        line++;
    }

    private int read() {
        if (pos == lim && !fill()) {
            return EOF;
        }
        return buf[pos++];
    }

    private int peek() {
        if (pos == lim && !fill()) {
            return EOF;
        }
        return buf[pos];
    }

    private boolean fill() {
        try {
            int n;
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
            if (n < 0) {
                return false;
            }
            pos = 0;
            lim = n;
            return true;
        } catch (CharacterCodingException e) {
            throw new InputException(file, line, null, MSG.get("csv.badBytes", charsetName));
        } catch (IOException e) {
            throw new VrsException(ExitCode.FAILURE, MSG.get("io.readFailed", file), e);
        }
    }

    private InputException fail(long atLine, int index, String key, Object... args) {
        String column = index < columnNames.size() ? HeaderMap.safeName(columnNames.get(index)) : null;
        if (column == null || column.isEmpty()) {
            column = "#" + (index + 1);
        }
        return new InputException(file, atLine, column, MSG.get(key, args));
    }
}
