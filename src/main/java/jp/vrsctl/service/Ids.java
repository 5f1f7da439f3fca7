package jp.vrsctl.service;

import jp.vrsctl.crypto.Secrets;

/**
 * Random surrogate ids (design.md §3: rows carry random keys, never anything derived from a person).
 * 100 random bits in Crockford base32, with a one-letter kind prefix: {@code R} resident, {@code T} ticket,
 * {@code D} dose, {@code U} user.
 */
public final class Ids {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private Ids() {}

    public static String newId(char kind) {
        byte[] r = new byte[13];
        Secrets.publicRandom(r, 0, 13);
        StringBuilder sb = new StringBuilder(21).append(kind);
        long acc = 0;
        int bits = 0;
        int produced = 0;
        for (byte b : r) {
            acc = (acc << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5 && produced < 20) {
                bits -= 5;
                sb.append(ALPHABET[(int) ((acc >> bits) & 31)]);
                produced++;
            }
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
