package jp.vrsctl.service;

import jp.vrsctl.crypto.Secrets;

/**
 * Surrogate ids (design.md §3: rows carry random keys, never anything derived from a person), ULID-like:
 * 45 bits of milliseconds then 55 random bits, 20 Crockford base32 characters after a one-letter kind prefix
 * ({@code R} resident, {@code T} ticket, {@code D} dose, {@code U} user). The time prefix makes a bulk import
 * append to the primary-key B-tree instead of inserting at random places (measured: a large share of the
 * import's SQLite time); it reveals only when the row was created, which {@code updated_at} shows anyway.
 */
public final class Ids {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private Ids() {}

    public static String newId(char kind) {
        byte[] r = new byte[7];
        Secrets.publicRandom(r, 0, 7);
        StringBuilder sb = new StringBuilder(21).append(kind);
        long millis = System.currentTimeMillis() & ((1L << 45) - 1);
        for (int shift = 40; shift >= 0; shift -= 5) {
            sb.append(ALPHABET[(int) ((millis >>> shift) & 31)]);
        }
        long acc = 0;
        for (byte b : r) {
            acc = (acc << 8) | (b & 0xff);
        }
        // 56 random bits, of which the top 55 are used: 11 characters
        for (int shift = 51; shift >= 1; shift -= 5) {
            sb.append(ALPHABET[(int) ((acc >>> shift) & 31)]);
        }
        return sb.toString();
    }

    /** Whether {@code s} looks like an id of the given kind (used to tell an id from a 宛名番号 on the command line). */
    public static boolean looksLike(String s, char kind) {
        if (s == null || s.length() != 21 || s.charAt(0) != kind) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (new String(ALPHABET).indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
