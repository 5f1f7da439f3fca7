package jp.vrsctl.io;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import jp.vrsctl.ExitCode;
import jp.vrsctl.Messages;
import jp.vrsctl.VrsException;

/**
 * Writes a CSV file in UTF-8 or Windows-31J with strict encoding (formats.md, "Ticket print file"): a
 * character the charset cannot hold is never written as {@code ?}; {@link #writeRow} refuses the whole row
 * (nothing of it is written) with an {@link InputException} that gives the field and code-point offsets.
 *
 * <p>"Cannot hold" (see {@link #unencodable}) is stricter than {@link CharsetEncoder#canEncode}: a character
 * that the charset would map one way only (Windows-31J writes ¥ U+00A5 as 0x5C, which reads back as {@code \},
 * and ¢ U+00A2 as 0x8191, which reads back as ￠ U+FFE0) counts as unencodable, and in a non-Unicode charset
 * so do private-use characters (外字, U+E000–U+F8FF and planes 15–16): Windows-31J would write them to its
 * user-defined area, where each print vendor has its own glyphs. In UTF-8 only lone surrogates are refused.
 */
public final class CsvFileWriter implements Closeable {
    private static final Messages MSG = Messages.of(CsvFileWriter.class);

    private final Path file;
    private final Charset charset;
    private final String lineEnd;
    private final boolean formulaGuard;
    private final Writer out;
    private final StringBuilder line = new StringBuilder();
    private long rows;
    private boolean closed;

    private CsvFileWriter(Path file, OutputStream stream, Charset charset, boolean bom, String lineEnd,
                          boolean formulaGuard) throws IOException {
        this.file = file;
        this.charset = charset;
        this.lineEnd = lineEnd;
        this.formulaGuard = formulaGuard;
        CharsetEncoder encoder = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.out = new BufferedWriter(new OutputStreamWriter(stream, encoder), 1 << 16);
        if (bom) {
            out.write('\uFEFF');
        }
    }

    /**
     * Creates (or truncates) {@code file}.
     *
     * @param cs           UTF-8 or windows-31j (any charset works; these two are what vendors take)
     * @param bom          start with a byte order mark (UTF-8 only)
     * @param lineEnd      {@code "\n"}, {@code "\r\n"} or {@code "\r"}
     * @param formulaGuard prefix fields that start with {@code = + - @} TAB or CR with {@code '}
     */
    public static CsvFileWriter create(Path file, Charset cs, boolean bom, String lineEnd, boolean formulaGuard) {
        check(cs, bom, lineEnd);
        try {
            return new CsvFileWriter(file, Files.newOutputStream(file), cs, bom, lineEnd, formulaGuard);
        } catch (IOException e) {
            throw new VrsException(ExitCode.FAILURE, MSG.get("io.writeFailed", file.toString()), e);
        }
    }

    /**
     * Creates a new file with mode 0600 where the file system supports POSIX modes, for files that may hold
     * personal data (rejects files, exports). Never overwrites.
     *
     * @throws VrsException {@link ExitCode#CONFLICT} if the file already exists
     */
    public static CsvFileWriter createNew(Path file, Charset cs, boolean bom, String lineEnd, boolean formulaGuard) {
        check(cs, bom, lineEnd);
        try {
            TempFiles.createNewPrivate(file);
        } catch (FileAlreadyExistsException e) {
            throw new VrsException(ExitCode.CONFLICT, MSG.get("io.exists", file.toString()), e);
        } catch (IOException e) {
            throw new VrsException(ExitCode.FAILURE, MSG.get("io.writeFailed", file.toString()), e);
        }
        try {
            OutputStream stream = Files.newOutputStream(file, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            return new CsvFileWriter(file, stream, cs, bom, lineEnd, formulaGuard);
        } catch (IOException e) {
            throw new VrsException(ExitCode.FAILURE, MSG.get("io.writeFailed", file.toString()), e);
        }
    }

    private static void check(Charset cs, boolean bom, String lineEnd) {
        if (!List.of("\n", "\r\n", "\r").contains(lineEnd)) {
            throw new IllegalArgumentException("line end must be LF, CRLF or CR");
        }
        if (bom && !cs.equals(StandardCharsets.UTF_8)) {
            throw new IllegalArgumentException("a byte order mark is for UTF-8 only");
        }
    }

    /**
     * The code-point offsets (0-based, counted in code points) of the characters in {@code text} that
     * {@code cs} cannot hold faithfully (see the class comment). Empty if the text can be written.
     */
    public static List<Integer> unencodable(String text, Charset cs) {
        boolean unicode = cs.equals(StandardCharsets.UTF_8) || cs.name().startsWith("UTF-");
        List<Integer> bad = null;
        CharsetEncoder encoder = null;
        boolean asciiCompatible = isAsciiCompatible(cs);
        int offset = 0;
        for (int i = 0; i < text.length(); offset++) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            boolean ok;
            if (cp < 0x80 && asciiCompatible) {
                ok = true;
            } else if (Character.isSurrogate((char) cp) && n == 1) {
                ok = false; // a lone surrogate is not a character
            } else if (unicode) {
                ok = true;
            } else if (isPrivateUse(cp)) {
                ok = false;
            } else {
                if (encoder == null) {
                    encoder = cs.newEncoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT);
                }
                ok = roundTrips(text.substring(i, i + n), encoder, cs);
            }
            if (!ok) {
                if (bad == null) {
                    bad = new ArrayList<>();
                }
                bad.add(offset);
            }
            i += n;
        }
        return bad == null ? List.of() : Collections.unmodifiableList(bad);
    }

    private static boolean isAsciiCompatible(Charset cs) {
        return cs.equals(StandardCharsets.UTF_8) || cs.equals(Encoding.WINDOWS_31J_CHARSET)
                || cs.equals(StandardCharsets.US_ASCII) || cs.equals(StandardCharsets.ISO_8859_1);
    }

    private static boolean isPrivateUse(int cp) {
        return Character.getType(cp) == Character.PRIVATE_USE;
    }

    private static boolean roundTrips(String ch, CharsetEncoder encoder, Charset cs) {
        try {
            encoder.reset();
            ByteBuffer bytes = encoder.encode(CharBuffer.wrap(ch));
            CharBuffer back = cs.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return back.toString().equals(ch);
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * Writes one record. Either the whole row is written or, if a field holds a character the charset
     * cannot hold, nothing is and an {@link InputException} (INVALID_INPUT) names the row, the field and the
     * code-point offsets (never the text, which may be a name).
     */
    public void writeRow(List<String> fields) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        line.setLength(0);
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i) == null ? "" : fields.get(i);
            List<Integer> bad = unencodable(field, charset);
            if (!bad.isEmpty()) {
                throw unencodableField(i, field, bad);
            }
            if (i > 0) {
                line.append(',');
            }
            CsvText.appendField(line, formulaGuard ? CsvText.guard(field) : field);
        }
        line.append(lineEnd);
        try {
            out.write(line.toString());
        } catch (CharacterCodingException e) {
            // unencodable() guards every field; reaching here would be a bug, still never write a substitute
            throw new InputException(file.toString(), 0, null,
                    MSG.get("csv.unencodable", String.valueOf(rows + 1), charset.name(), "?", "?"));
        } catch (IOException e) {
            throw new VrsException(ExitCode.FAILURE, MSG.get("io.writeFailed", file.toString()), e);
        }
        rows++;
    }

    private InputException unencodableField(int index, String field, List<Integer> bad) {
        String offsets = bad.stream().map(String::valueOf).collect(Collectors.joining(", "));
        String codes = bad.stream()
                .map(o -> String.format("U+%04X", field.codePointAt(field.offsetByCodePoints(0, o))))
                .collect(Collectors.joining(", "));
        return new InputException(file.toString(), 0, "#" + (index + 1),
                MSG.get("csv.unencodable", String.valueOf(rows + 1), charset.name(), offsets, codes));
    }

    /** The number of rows written so far. */
    public long rowsWritten() {
        return rows;
    }

    /** The file being written. */
    public Path file() {
        return file;
    }

    /** Flushes and closes the file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new VrsException(ExitCode.FAILURE, MSG.get("io.writeFailed", file.toString()), e);
        }
    }

    /** Closes and deletes the file, for an export that stops half-way. */
    public void abort() {
        try {
            closed = true;
            out.close();
        } catch (IOException e) {
            // the file is deleted below anyway
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new VrsException(ExitCode.FAILURE, MSG.get("io.writeFailed", file.toString()), e);
        }
    }
}
