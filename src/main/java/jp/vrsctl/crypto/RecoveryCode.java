package jp.vrsctl.crypto;

import java.util.Arrays;

/**
 * Recovery codes (design.md §3): 34 random Crockford base32 symbols (170 bits) followed by 6 check
 * symbols, shown in ten groups of four, e.g. {@code 7K3M-Q0ZX-...}. Use {@link #normalize(char[])} of
 * what is typed as the secret for {@link WrappedSecret}, after {@link #looksValid(char[])} has accepted it.
 * <p>
 * The check symbols are the BCH code of Bech32 (BIP-173), computed over the symbol values (no
 * human-readable part, final constant 1). It is hand-written here because no library offers it over
 * Crockford's alphabet; it detects every error touching up to four symbols, so any single mistyped
 * symbol or swap of two symbols is caught before Argon2id runs. Crockford's own mod-37 check symbol
 * needs five extra symbols ({@code *~$=U}) that are awkward to read aloud, so it is not used.
 */
public final class RecoveryCode {
    /** Random symbols in a code. */
    public static final int DATA_SYMBOLS = 34;
    /** Check symbols appended. */
    public static final int CHECK_SYMBOLS = 6;
    /** Symbols in a normalised code. */
    public static final int LENGTH = DATA_SYMBOLS + CHECK_SYMBOLS;
    /** Bits of entropy in a code: 34 * 5. */
    public static final int ENTROPY_BITS = DATA_SYMBOLS * 5;

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    private RecoveryCode() {
    }

    /** A fresh code, formatted {@code XXXX-XXXX-...} (49 characters). The caller wipes it after showing it. */
    public static char[] generate() {
        byte[] random = Secrets.randomBytes(DATA_SYMBOLS);
        int[] values = new int[LENGTH];
        for (int i = 0; i < DATA_SYMBOLS; i++) {
            values[i] = random[i] & 31; // 256 is a multiple of 32, so each symbol is uniform
        }
        Secrets.wipe(random);
        int check = polymod(values, DATA_SYMBOLS + CHECK_SYMBOLS) ^ 1; // trailing zeros stand for the check
        for (int i = 0; i < CHECK_SYMBOLS; i++) {
            values[DATA_SYMBOLS + i] = (check >>> (5 * (CHECK_SYMBOLS - 1 - i))) & 31;
        }
        char[] out = new char[LENGTH + LENGTH / 4 - 1];
        int pos = 0;
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                out[pos++] = '-';
            }
            out[pos++] = ALPHABET[values[i]];
        }
        Arrays.fill(values, 0);
        return out;
    }

    /**
     * What was typed, in canonical form: upper case, spaces and hyphens dropped, {@code O} read as
     * {@code 0} and {@code I}/{@code L} as {@code 1} (Crockford). Other characters are kept, so that
     * {@link #looksValid} rejects them. The input is not changed.
     */
    public static char[] normalize(char[] typed) {
        char[] buf = new char[typed.length];
        int n = 0;
        for (char c : typed) {
            if (c == '-' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                continue;
            }
            char u = Character.toUpperCase(c);
            if (u == 'O') {
                u = '0';
            } else if (u == 'I' || u == 'L') {
                u = '1';
            }
            buf[n++] = u;
        }
        char[] out = Arrays.copyOf(buf, n);
        Secrets.wipe(buf);
        return out;
    }

    /** Whether what was typed (formatted or not) is a well-formed code with a matching check. */
    public static boolean looksValid(char[] typed) {
        char[] code = normalize(typed);
        int[] values = new int[code.length];
        try {
            if (code.length != LENGTH) {
                return false;
            }
            for (int i = 0; i < code.length; i++) {
                values[i] = valueOf(code[i]);
                if (values[i] < 0) {
                    return false;
                }
            }
            return polymod(values, LENGTH) == 1;
        } finally {
            Secrets.wipe(code);
            Arrays.fill(values, 0);
        }
    }

    private static int valueOf(char c) {
        for (int i = 0; i < ALPHABET.length; i++) {
            if (ALPHABET[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** Bech32's checksum polynomial over the first {@code n} values. */
    private static int polymod(int[] values, int n) {
        int chk = 1;
        for (int i = 0; i < n; i++) {
            int top = chk >>> 25;
            chk = (chk & 0x1ffffff) << 5 ^ values[i];
            for (int g = 0; g < 5; g++) {
                if (((top >>> g) & 1) != 0) {
                    chk ^= GENERATOR[g];
                }
            }
        }
        return chk;
    }
}
