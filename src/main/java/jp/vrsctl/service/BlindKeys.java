package jp.vrsctl.service;

/** Helpers over blind-index values. */
final class BlindKeys {
    private BlindKeys() {}

    /** The first 8 bytes of a blind index as a long (an in-memory set key; a collision is 2^-64 per pair). */
    static long prefix(byte[] bidx) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (bidx[i] & 0xff);
        }
        return v;
    }
}
