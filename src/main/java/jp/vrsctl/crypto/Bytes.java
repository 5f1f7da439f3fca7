package jp.vrsctl.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Package-private helpers for unambiguous (length-prefixed, big-endian) byte encodings. */
final class Bytes {
    private Bytes() {
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static int getInt(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    static void putLong(byte[] b, int off, long v) {
        putInt(b, off, (int) (v >>> 32));
        putInt(b, off + 4, (int) v);
    }

    /** Builder of a byte string made of length-prefixed parts. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

        Writer bytes(byte[] part) {
            byte[] len = new byte[4];
            putInt(len, 0, part.length);
            out.writeBytes(len);
            out.writeBytes(part);
            return this;
        }

        Writer utf8(String part) {
            return bytes(part.getBytes(StandardCharsets.UTF_8));
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
