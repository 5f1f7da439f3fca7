package jp.vrsctl.crypto;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id cost parameters (RFC 9106, version 0x13). No setting weaker than {@link #FLOOR} can be
 * constructed (design.md §3), and absurdly high settings are refused too, so a tampered blob in the store
 * cannot make an unlock exhaust memory.
 *
 * @param memoryKiB   memory in KiB, at least 19456 (19 MiB)
 * @param iterations  passes over memory, at least 2
 * @param parallelism lanes, at least 1
 */
public record Argon2Params(int memoryKiB, int iterations, int parallelism) {

    /** The weakest setting allowed anywhere: m=19 MiB, t=2, p=1 (OWASP's minimum for Argon2id). */
    public static final Argon2Params FLOOR = new Argon2Params(19456, 2, 1);

    /** Upper limits: 1 GiB of memory, 1000 passes, 64 lanes. */
    static final int MAX_MEMORY_KIB = 1 << 20;
    static final int MAX_ITERATIONS = 1000;
    static final int MAX_PARALLELISM = 64;

    private static final Pattern ENCODED = Pattern.compile("argon2id\\$m=([0-9]{1,10}),t=([0-9]{1,10}),p=([0-9]{1,10})");

    /** @throws IllegalArgumentException if any parameter is below {@link #FLOOR} or above the limits */
    public Argon2Params {
        if (memoryKiB < 19456 || iterations < 2 || parallelism < 1) {
            throw new IllegalArgumentException(Msg.get("crypto.argon2.belowFloor", str(memoryKiB), str(iterations),
                    str(parallelism), "19456", "2", "1"));
        }
        if (memoryKiB > MAX_MEMORY_KIB || iterations > MAX_ITERATIONS || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException(Msg.get("crypto.argon2.aboveLimit", str(memoryKiB), str(iterations),
                    str(parallelism), str(MAX_MEMORY_KIB), str(MAX_ITERATIONS), str(MAX_PARALLELISM)));
        }
    }

    // MessageFormat would print 19456 as "19,456"; pass numbers as strings.
    private static String str(int n) {
        return Integer.toString(n);
    }

    /** The text form, e.g. {@code argon2id$m=19456,t=2,p=1}. */
    public String encode() {
        return "argon2id$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism;
    }

    /**
     * Parses {@link #encode()}'s form.
     *
     * @throws IllegalArgumentException if malformed, below {@link #FLOOR} or above the limits
     */
    public static Argon2Params decode(String encoded) {
        Matcher m = ENCODED.matcher(encoded);
        if (!m.matches()) {
            throw new IllegalArgumentException(Msg.get("crypto.argon2.malformed"));
        }
        try {
            return new Argon2Params(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Msg.get("crypto.argon2.malformed"), e);
        }
    }

    @Override
    public String toString() {
        return encode();
    }
}
