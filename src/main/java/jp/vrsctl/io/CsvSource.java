package jp.vrsctl.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import jp.vrsctl.ExitCode;
import jp.vrsctl.Messages;
import jp.vrsctl.VrsException;

/**
 * A streaming reader of one input CSV file (formats.md, top section; domain.md §5).
 *
 * <p>The bytes are decoded first (strictly: a byte sequence the charset cannot decode is an error, never a
 * U+FFFD or {@code ?}), then split; so a CP932 character whose second byte is 0x5C (such as 構, 0x8D5C)
 * never matters. A UTF-8 byte order mark is stripped. With {@link Encoding#AUTO}, valid UTF-8 is UTF-8,
 * otherwise Windows-31J if the whole file decodes cleanly, otherwise the file is refused.
 *
 * <p>Records follow RFC 4180 (see {@link CsvTokenizer}). The first record is the header. Completely empty
 * lines are skipped, and so are records whose fields are all empty (the {@code ,,,,} lines that spreadsheets
 * write). Empty fields beyond the header's width are ignored (in the header too: the header's trailing
 * empty names are dropped); a non-empty one is an error. A record with fewer fields than the header is an
 * error. A field may hold at most {@value #MAX_FIELD_LENGTH} characters (UTF-16 units) and the header at
 * most {@value #MAX_COLUMNS} columns, so memory stays bounded whatever the file holds. Values are returned
 * raw: validating them (and recognising spreadsheet damage such as {@code 3.79474E+11}) is the domain's job.
 *
 * <p>Not thread-safe. Close it to release the file (and the temporary copy of a stream read with AUTO).
 */
public final class CsvSource implements Closeable {
    /** The longest field accepted, in characters. */
    public static final int MAX_FIELD_LENGTH = 100_000;
    /** The most columns a header may have. */
    public static final int MAX_COLUMNS = 1_000;

    private static final Messages MSG = Messages.of(CsvSource.class);

    private final String file;
    private final Charset charset;
    private final StrictDecodingReader reader;
    private final CsvTokenizer tokenizer;
    private final Path tempCopy;
    private final List<String> header;
    private final long headerLine;
    private long number;
    private boolean eof;

    private CsvSource(String file, Charset charset, InputStream in, Path tempCopy) {
        this.file = file;
        this.charset = charset;
        this.tempCopy = tempCopy;
        this.reader = new StrictDecodingReader(in, charset);
        this.tokenizer = new CsvTokenizer(reader, file, charsetLabel(charset), MAX_FIELD_LENGTH);
        try {
            tokenizer.skipByteOrderMark();
            List<String> first = tokenizer.readRecord(-1, MAX_COLUMNS);
            if (first == null) {
                throw new InputException(file, 0, null, MSG.get("csv.noHeader"));
            }
            int width = first.size();
            while (width > 0 && first.get(width - 1).isEmpty()) {
                width--;
            }
            if (width == 0) {
                throw new InputException(file, tokenizer.recordLine(), null, MSG.get("csv.noHeader"));
            }
            this.header = List.copyOf(first.subList(0, width));
            this.headerLine = tokenizer.recordLine();
            tokenizer.columnNames(header);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /**
     * Opens a file. With {@link Encoding#AUTO} the file is read once more beforehand to choose the charset.
     *
     * @throws InputException if the file is not valid in the encoding, or has no header
     * @throws VrsException   {@link ExitCode#NOT_FOUND} if the file does not exist, {@link ExitCode#FAILURE}
     *                        if it cannot be read
     */
    public static CsvSource open(Path file, Encoding enc) {
        return open(file, file.toString(), enc, null);
    }

    /**
     * Opens a stream (for example standard input). With {@link Encoding#AUTO} the stream is first copied to a
     * temporary file (mode 0600 where supported, deleted on {@link #close()}) so that it can be read twice
     * with constant memory. The stream is closed when this source is closed.
     *
     * @param displayName the name used in error messages
     */
    public static CsvSource open(InputStream in, String displayName, Encoding enc) {
        if (enc != Encoding.AUTO) {
            return new CsvSource(displayName, enc.fixedCharset().orElseThrow(), in, null);
        }
        Path temp;
        try (InputStream source = in) {
            temp = TempFiles.createPrivate("vrsctl-input-", ".csv");
            try {
                Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
        } catch (IOException e) {
            throw new VrsException(ExitCode.FAILURE, MSG.get("io.readFailed", displayName), e);
        }
        return open(temp, displayName, enc, temp);
    }

    private static CsvSource open(Path path, String displayName, Encoding enc, Path tempCopy) {
        try {
            Charset cs = enc.fixedCharset().orElse(null);
            if (cs == null) {
                EncodingDetector.Result r = EncodingDetector.detect(path);
                if (r.charset() == null) {
                    throw new InputException(displayName, Math.max(r.utf8BadLine(), r.windows31jBadLine()), null,
                            MSG.get("csv.neither", String.valueOf(r.utf8BadLine()),
                                    String.valueOf(r.windows31jBadLine())));
                }
                cs = r.charset();
            }
            return new CsvSource(displayName, cs, Files.newInputStream(path), tempCopy);
        } catch (NoSuchFileException e) {
            deleteTemp(tempCopy);
            throw new VrsException(ExitCode.NOT_FOUND, MSG.get("io.notFound", displayName), e);
        } catch (AccessDeniedException e) {
            deleteTemp(tempCopy);
            throw new VrsException(ExitCode.FAILURE, MSG.get("io.accessDenied", displayName), e);
        } catch (IOException e) {
            deleteTemp(tempCopy);
            throw new VrsException(ExitCode.FAILURE, MSG.get("io.readFailed", displayName), e);
        } catch (RuntimeException e) {
            deleteTemp(tempCopy);
            throw e;
        }
    }

    /** The display name used in error messages. */
    public String file() {
        return file;
    }

    /** The charset the file is decoded with (UTF-8 or windows-31j). */
    public Charset charset() {
        return charset;
    }

    /** The header: the first record's fields, raw (BOM stripped, trailing empty names dropped). */
    public List<String> header() {
        return header;
    }

    /** The physical line of the header (1 unless the file starts with empty lines). */
    public long headerLine() {
        return headerLine;
    }

    /**
     * The next data record, or {@code null} at the end of the file (and on every call after that).
     *
     * @throws InputException for a malformed record; the source should not be read further after that
     */
    public CsvRow next() {
        while (!eof) {
            List<String> fields = tokenizer.readRecord(header.size(), MAX_COLUMNS);
            if (fields == null) {
                eof = true;
                break;
            }
            if (fields.stream().allMatch(String::isEmpty)) {
                continue;
            }
            if (fields.size() < header.size()) {
                throw new InputException(file, tokenizer.recordLine(), null,
                        MSG.get("csv.fewerFields", header.size(), fields.size()));
            }
            return new CsvRow(tokenizer.recordLine(), ++number, fields);
        }
        return null;
    }

    /** Closes the file and deletes the temporary copy, if any. */
    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            reader.close();
        } catch (IOException e) {
            // nothing was written; a failure to close an input changes nothing
        }
        deleteTemp(tempCopy);
    }

    private static void deleteTemp(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // best effort: the copy is mode 0600 in the temporary directory
            }
        }
    }

    private static String charsetLabel(Charset cs) {
        return cs.equals(StandardCharsets.UTF_8) ? "UTF-8" : "Windows-31J";
    }
}
