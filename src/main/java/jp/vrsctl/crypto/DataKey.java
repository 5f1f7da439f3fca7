package jp.vrsctl.crypto;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One version of a municipality's symmetric data key (design.md §3): {@code ops}, {@code pii},
 * {@code index}, {@code audit-seal}, ... 32 random bytes. Mutable only in that {@link #destroy()} wipes it.
 * {@link #toString()} shows name and version, never the bytes.
 */
public final class DataKey {
    /** Key length in bytes (AES-256, HMAC-SHA256). */
    public static final int LENGTH = 32;
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,32}");

    private final String name;
    private final int version;
    private final byte[] bytes;
    private volatile boolean destroyed;

    private DataKey(String name, int version, byte[] bytes) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(Msg.get("crypto.key.badName"));
        }
        if (version < 0) {
            throw new IllegalArgumentException(Msg.get("crypto.key.badVersion"));
        }
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException(Msg.get("crypto.key.badLength", String.valueOf(bytes.length),
                    String.valueOf(LENGTH)));
        }
        this.name = name;
        this.version = version;
        this.bytes = bytes;
    }

    /** A fresh random key. */
    public static DataKey generate(String name, int version) {
        return new DataKey(name, version, Secrets.randomBytes(LENGTH));
    }

    /** A key from its exported bytes (copied; the caller may wipe its array). */
    public static DataKey of(String name, int version, byte[] bytes) {
        return new DataKey(name, version, bytes.clone());
    }

    public String name() {
        return name;
    }

    public int version() {
        return version;
    }

    /** A copy of the key bytes, e.g. to seal them to a user; the caller wipes it after use. */
    public byte[] exportBytes() {
        return bytes().clone();
    }

    /** The live key bytes, for this package only; never hand them out. */
    byte[] bytes() {
        if (destroyed) {
            throw new IllegalStateException(Msg.get("crypto.key.destroyed"));
        }
        return bytes;
    }

    /** Wipes the key bytes; later use throws {@link IllegalStateException}. */
    public void destroy() {
        destroyed = true;
        Arrays.fill(bytes, (byte) 0);
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "DataKey[" + name + " v" + version + (destroyed ? ", destroyed]" : "]");
    }
}
