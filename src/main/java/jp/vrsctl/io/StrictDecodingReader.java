package jp.vrsctl.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * A {@link Reader} that decodes strictly (malformed and unmappable input are errors, never U+FFFD or {@code ?}).
 *
 * <p>Unlike {@link java.io.InputStreamReader}, which throws away the characters it decoded in the same call
 * before an error, this reader first hands out every character that precedes the bad bytes and only then
 * throws the {@link java.nio.charset.CharacterCodingException}. The CSV tokenizer therefore knows the exact
 * line of the bad bytes.
 */
final class StrictDecodingReader extends Reader {
    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
    private boolean eof;
    private boolean flushed;
    private CoderResult pendingError;

    StrictDecodingReader(InputStream in, Charset charset) {
        this.in = in;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        bytes.flip();
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pendingError != null) {
            pendingError.throwException();
        }
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        while (true) {
            if (flushed) {
                return produced(out, off);
            }
            CoderResult cr = decoder.decode(bytes, out, eof);
            if (cr.isError()) {
                if (out.position() > off) {
                    pendingError = cr;
                    return out.position() - off;
                }
                cr.throwException();
            }
            if (cr.isOverflow()) {
                return out.position() - off;
            }
            if (eof) {
                if (decoder.flush(out).isOverflow()) {
                    return out.position() - off;
                }
                flushed = true;
                continue;
            }
            if (out.position() > off) {
                return out.position() - off;
            }
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }
    }

    private static int produced(CharBuffer out, int off) {
        int n = out.position() - off;
        return n == 0 ? -1 : n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
