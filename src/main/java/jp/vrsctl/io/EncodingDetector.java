package jp.vrsctl.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Chooses the charset of a file for {@link Encoding#AUTO} by streaming over its bytes (constant memory).
 * Both UTF-8 and Windows-31J never use the bytes 0x0A and 0x0D inside a multi-byte character, so physical
 * lines can be counted on the bytes.
 */
final class EncodingDetector {
    private static final int BUFFER = 1 << 16;

    private EncodingDetector() {
    }

    /** The outcome: a charset, or the lines where each candidate failed. */
    record Result(Charset charset, long utf8BadLine, long windows31jBadLine) {
    }

    static Result detect(Path file) throws IOException {
        long utf8Bad = firstInvalidOffset(file, StandardCharsets.UTF_8);
        if (utf8Bad < 0) {
            return new Result(StandardCharsets.UTF_8, 0, 0);
        }
        long sjisBad = firstInvalidOffset(file, Encoding.WINDOWS_31J_CHARSET);
        if (sjisBad < 0) {
            return new Result(Encoding.WINDOWS_31J_CHARSET, 0, 0);
        }
        long[] lines = linesOf(file, utf8Bad, sjisBad);
        return new Result(null, lines[0], lines[1]);
    }

    /** Byte offset of the first byte that {@code cs} cannot decode strictly, or -1 if the whole file decodes. */
    static long firstInvalidOffset(Path file, Charset cs) throws IOException {
        CharsetDecoder decoder = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(BUFFER);
        CharBuffer out = CharBuffer.allocate(BUFFER);
        in.flip();
        long base = 0; // absolute offset of in[0]
        boolean eof = false;
        try (InputStream stream = Files.newInputStream(file)) {
            while (true) {
                CoderResult cr = decoder.decode(in, out, eof);
                if (cr.isError()) {
                    return base + in.position();
                }
                if (cr.isOverflow()) {
                    out.clear();
                    continue;
                }
                if (eof) {
                    while (decoder.flush(out).isOverflow()) {
                        out.clear();
                    }
                    return -1;
                }
                base += in.position();
                in.compact();
                int n = stream.read(in.array(), in.position(), in.remaining());
                if (n < 0) {
                    eof = true;
                } else {
                    in.position(in.position() + n);
                }
                in.flip();
            }
        }
    }

    /** The 1-based physical lines (CRLF, LF or CR) holding the bytes at the given offsets. */
    static long[] linesOf(Path file, long... offsets) throws IOException {
        long max = 0;
        for (long o : offsets) {
            max = Math.max(max, o);
        }
        long[] lines = new long[offsets.length];
        long line = 1;
        long pos = 0;
        int prev = -1;
        byte[] buf = new byte[BUFFER];
        try (InputStream stream = Files.newInputStream(file)) {
            int n;
            outer:
            while ((n = stream.read(buf)) > 0) {
                for (int i = 0; i < n; i++, pos++) {
                    record(offsets, lines, pos, line);
                    if (pos >= max) {
                        break outer;
                    }
                    int b = buf[i];
                    if (b == '\n' && prev != '\r' || b == '\r') {
                        line++;
                    }
                    prev = b;
                }
            }
        }
        record(offsets, lines, pos, line); // offsets at end of file
        return lines;
    }

    private static void record(long[] offsets, long[] lines, long pos, long line) {
        for (int k = 0; k < offsets.length; k++) {
            if (offsets[k] == pos && lines[k] == 0) {
                lines[k] = line;
            }
        }
    }
}
