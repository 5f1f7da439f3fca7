package jp.vrsctl.crypto;

import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

/** Randomness and wiping of secrets held in arrays. */
public final class Secrets {
    /**
     * One shared generator: the JDK's NIST SP 800-90A DRBG at 256-bit strength, seeded from the operating
     * system. Chosen over {@code SecureRandom.getInstanceStrong()}, which on Linux reads the blocking
     * {@code /dev/random} and can stall on old kernels, and over the platform default, whose algorithm
     * differs between Linux and Windows. It is thread-safe.
     */
    private static final SecureRandom RANDOM = create();

    private Secrets() {
    }

    private static SecureRandom create() {
        try {
            return SecureRandom.getInstance("DRBG", DrbgParameters.instantiation(256,
                    DrbgParameters.Capability.RESEED_ONLY, "vrsctl".getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    /** Overwrites a password or other secret characters with zeros; {@code null} is ignored. */
    public static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }

    /** Overwrites key material with zeros; {@code null} is ignored. */
    public static void wipe(byte[] secret) {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** The shared cryptographically strong generator. */
    public static SecureRandom random() {
        return RANDOM;
    }

    /** {@code n} fresh random bytes. */
    public static byte[] randomBytes(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n < 0");
        }
        byte[] out = new byte[n];
        RANDOM.nextBytes(out);
        return out;
    }

    /** Per-thread buffer of random bytes for values that are public (nonces, surrogate ids). */
    private static final int BUFFER = 4096;
    private static final ThreadLocal<byte[]> BUF = ThreadLocal.withInitial(() -> new byte[BUFFER]);
    private static final ThreadLocal<int[]> POS = ThreadLocal.withInitial(() -> new int[] {BUFFER});

    /**
     * Fills {@code out[off..off+len)} with random bytes for a value that is <em>public</em> once used: a GCM
     * nonce or a surrogate id. Drawn from the same DRBG in 4 KiB blocks per thread: one DRBG call per ~300
     * nonces instead of one each (the per-call cost dominated sealing of small values). Never use for keys.
     */
    public static void publicRandom(byte[] out, int off, int len) {
        byte[] buf = BUF.get();
        int[] pos = POS.get();
        int done = 0;
        while (done < len) {
            if (pos[0] == BUFFER) {
                RANDOM.nextBytes(buf);
                pos[0] = 0;
            }
            int n = Math.min(len - done, BUFFER - pos[0]);
            System.arraycopy(buf, pos[0], out, off + done, n);
            Arrays.fill(buf, pos[0], pos[0] + n, (byte) 0); // a byte is handed out once, never again
            pos[0] += n;
            done += n;
        }
    }
}
