package jp.vrsctl.service;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import jp.vrsctl.crypto.Argon2Params;
import jp.vrsctl.crypto.Kdf;

/** Password rules (issue 3 §5): at least 12 characters and not a common password. */
final class Passwords {
    static final int MIN_LENGTH = 12;
    /** A small list of common passwords of 12+ characters (a longer list can be loaded later). */
    private static final Set<String> COMMON = Set.of("password1234", "123456789012", "qwertyuiopas", "passwordpassword",
            "administrator", "adminadminadmin", "iloveyou1234", "password123456", "qwerty123456", "111111111111",
            "000000000000", "abcdefghijkl", "abc123456789", "letmein12345", "welcome12345", "p@ssw0rd1234",
            "passw0rd1234", "changeme1234", "vaccination1", "vaccination123");

    private Passwords() {}

    static void checkStrength(char[] password) {
        if (password == null || password.length < MIN_LENGTH) {
            throw new VrsException(ExitCode.INVALID_INPUT, ServiceMessages.get("password.short", MIN_LENGTH));
        }
        if (java.util.stream.IntStream.range(0, password.length).map(i -> password[i]).distinct().count() < 5) {
            throw new VrsException(ExitCode.INVALID_INPUT, ServiceMessages.get("password.simple"));
        }
        // Compared char by char so no immutable String copy of the password is ever made.
        for (String common : COMMON) {
            if (common.length() == password.length && equalsIgnoreCase(common, password)) {
                throw new VrsException(ExitCode.INVALID_INPUT, ServiceMessages.get("password.common"));
            }
        }
    }

    private static boolean equalsIgnoreCase(String a, char[] b) {
        boolean same = true;
        for (int i = 0; i < b.length; i++) {
            same &= Character.toLowerCase(a.charAt(i)) == Character.toLowerCase(b[i]);
        }
        return same;
    }

    /** Spends about as long as a real unwrap, so a missing user is not told apart by timing. */
    static void burnEquivalentTime(Argon2Params p) {
        byte[] out = Kdf.argon2id("x".toCharArray(), "vrsctl-timing-salt".getBytes(StandardCharsets.US_ASCII), p, 32);
        java.util.Arrays.fill(out, (byte) 0);
    }
}
