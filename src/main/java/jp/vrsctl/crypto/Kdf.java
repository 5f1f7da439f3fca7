package jp.vrsctl.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Key derivation: Argon2id for passwords and recovery codes, HKDF-SHA256 for deriving keys from keys.
 * Both come from BouncyCastle's lightweight API, since the JDK has neither.
 */
public final class Kdf {
    /** System property that overrides {@link #calibrate(Duration)}'s target, in milliseconds. */
    public static final String TARGET_PROPERTY = "vrsctl.kdf.target-ms";

    /** Calibration raises memory up to this (64 MiB) before it raises passes, to keep within small heaps. */
    static final int CALIBRATION_MEMORY_CAP_KIB = 64 * 1024;
    private static final int CALIBRATION_ROUNDS = 6;

    private Kdf() {
    }

    /**
     * Argon2id (version 0x13) of a password.
     *
     * @param password the password; encoded as UTF-8 into a temporary array that is wiped afterwards. The
     *                 caller's array is not changed: the caller wipes it when done.
     * @param salt     at least 16 random bytes
     * @param outLen   bytes of output, at least 16
     */
    public static byte[] argon2id(char[] password, byte[] salt, Argon2Params p, int outLen) {
        if (salt.length < 16 || outLen < 16) {
            throw new IllegalArgumentException("salt and output must be at least 16 bytes");
        }
        byte[] pw = utf8(password);
        try {
            return argon2idRaw(pw, salt, null, null, p.memoryKiB(), p.iterations(), p.parallelism(), outLen);
        } finally {
            Secrets.wipe(pw);
        }
    }

    /**
     * Unchecked Argon2id with all RFC 9106 inputs; package-private so that tests can run the RFC's test
     * vector (whose m=32 KiB is far below {@link Argon2Params#FLOOR}). Production code goes through
     * {@link #argon2id(char[], byte[], Argon2Params, int)}.
     */
    static byte[] argon2idRaw(byte[] password, byte[] salt, byte[] secret, byte[] ad, int memoryKiB,
                              int iterations, int parallelism, int outLen) {
        Argon2Parameters.Builder b = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt);
        if (secret != null) {
            b.withSecret(secret);
        }
        if (ad != null) {
            b.withAdditional(ad);
        }
        Argon2Parameters params = b.build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        byte[] out = new byte[outLen];
        gen.generateBytes(password, out);
        params.clear();
        return out;
    }

    /** UTF-8 of a password without creating an immutable String copy; the caller wipes the result. */
    private static byte[] utf8(char[] password) {
        ByteBuffer buf;
        try {
            buf = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .encode(CharBuffer.wrap(password));
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(e); // cannot happen with REPLACE
        }
        byte[] out = Arrays.copyOf(buf.array(), buf.limit());
        Secrets.wipe(buf.array());
        return out;
    }

    /**
     * Chooses Argon2id parameters such that one derivation takes about {@code target} on this machine:
     * starts at {@link Argon2Params#FLOOR}, measures, and raises memory (up to 64 MiB) and then passes in
     * proportion to the shortfall, re-measuring, until within 80% of the target (at most six rounds). The
     * result is never below FLOOR. The system property {@value #TARGET_PROPERTY}, if set, replaces
     * {@code target}; with 0 nothing is measured and FLOOR is returned at once (tests use this).
     * <p>
     * The first measurement includes the JIT's warm-up, as an unlock in a fresh JVM does.
     */
    public static Argon2Params calibrate(Duration target) {
        long targetNanos = targetOverride(target).toNanos();
        Argon2Params p = Argon2Params.FLOOR;
        if (targetNanos <= 0) {
            return p;
        }
        long took = measure(p);
        for (int round = 0; round < CALIBRATION_ROUNDS && took < targetNanos * 0.8; round++) {
            Argon2Params next = scale(p, (double) targetNanos / Math.max(took, 1));
            if (next.equals(p)) {
                break;
            }
            p = next;
            took = measure(p);
        }
        return p;
    }

    private static Duration targetOverride(Duration target) {
        String prop = System.getProperty(TARGET_PROPERTY);
        if (prop == null || prop.isBlank()) {
            return target;
        }
        try {
            return Duration.ofMillis(Math.max(0, Long.parseLong(prop.trim())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Msg.get("crypto.kdf.badTarget"), e);
        }
    }

    /** Raises the cost (memory first, then passes) by about {@code factor}; never lowers it. */
    static Argon2Params scale(Argon2Params p, double factor) {
        if (factor <= 1.0) {
            return p;
        }
        int memory = p.memoryKiB();
        double remaining = factor;
        if (memory < CALIBRATION_MEMORY_CAP_KIB) {
            long wanted = (long) (memory * factor);
            memory = (int) Math.min(CALIBRATION_MEMORY_CAP_KIB, Math.max(memory, wanted / 1024 * 1024));
            remaining = factor * p.memoryKiB() / memory;
        }
        int iterations = p.iterations();
        if (remaining > 1.0) {
            iterations = (int) Math.min(Argon2Params.MAX_ITERATIONS, Math.max(iterations, Math.round(iterations * remaining)));
        }
        return new Argon2Params(memory, iterations, p.parallelism());
    }

    private static long measure(Argon2Params p) {
        byte[] salt = Secrets.randomBytes(16);
        byte[] pw = "calibration only".getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime();
        byte[] out = argon2idRaw(pw, salt, null, null, p.memoryKiB(), p.iterations(), p.parallelism(), 32);
        long took = System.nanoTime() - start;
        Secrets.wipe(out);
        return took;
    }

    /**
     * HKDF-SHA256 (RFC 5869).
     *
     * @param salt may be {@code null} (then HashLen zero bytes, as the RFC says)
     * @param info may be {@code null} (empty)
     * @param len  output length, at most 255 * 32
     */
    public static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info, int len) {
        HKDFBytesGenerator gen = new HKDFBytesGenerator(new SHA256Digest());
        gen.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[len];
        gen.generateBytes(out, 0, len);
        return out;
    }
}
