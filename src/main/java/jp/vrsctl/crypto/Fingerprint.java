package jp.vrsctl.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Short, human-comparable fingerprints of public keys, for operators to confirm a key out of band. */
public final class Fingerprint {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Fingerprint() {
    }

    /**
     * The first 16 bytes of SHA-256 of the key, as lower-case hex in eight groups of four separated by
     * spaces, e.g. {@code 3f2a 9c1b 0d4e 77a0 5b12 c3d4 e5f6 0718}.
     */
    public static String of(byte[] publicKey) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(publicKey);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(Msg.get("crypto.unavailable", "SHA-256"), e);
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 2 == 0) {
                sb.append(' ');
            }
            sb.append(HEX[(digest[i] >> 4) & 0xf]).append(HEX[digest[i] & 0xf]);
        }
        return sb.toString();
    }
}
