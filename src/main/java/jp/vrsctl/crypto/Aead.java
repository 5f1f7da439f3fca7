package jp.vrsctl.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM over the versions of one data key, in the style of Tink: callers see seal and open, never
 * nonces or key bytes. Sealed format:
 * <pre>[format=1 : 1][key version : 4, big-endian][random nonce : 12][ciphertext + tag : n + 16]</pre>
 * The associated data is {@link AeadContext#encode(String, int)} with this key's name and the version in
 * the header, so a value opens only in the row, column, version and tenant it was sealed for.
 * <p>
 * New values are sealed under the primary version; any held version opens. Thread-safe. The JDK's GCM
 * (which uses AES-NI and carry-less multiply instructions) is used through one {@link Cipher} per thread.
 */
public final class Aead {
    /** The format byte of values sealed by this class. */
    public static final byte FORMAT = 1;
    static final int HEADER = 1 + 4;
    static final int NONCE = 12;
    static final int TAG = 16;
    static final int OVERHEAD = HEADER + NONCE + TAG;
    /**
     * Random 96-bit nonces stay safe for about 2^32 encryptions under one key (NIST SP 800-38D); callers
     * should rotate once a version's persisted count reaches this much lower mark.
     */
    public static final long ROTATE_AFTER = 1L << 30;

    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(Msg.get("crypto.unavailable", "AES/GCM/NoPadding"), e);
        }
    });

    private final String keyName;
    private final int primaryVersion;
    private final Map<Integer, SecretKeySpec> keys;
    private final Map<Integer, AtomicLong> counts;
    private final SecretKeySpec primaryKey;
    private final AtomicLong primaryCount;

    private Aead(String keyName, int primaryVersion, Map<Integer, SecretKeySpec> keys, Map<Integer, AtomicLong> counts) {
        this.keyName = keyName;
        this.primaryVersion = primaryVersion;
        this.keys = keys;
        this.counts = counts;
        this.primaryKey = keys.get(primaryVersion);
        this.primaryCount = counts.get(primaryVersion);
    }

    /**
     * An Aead over the given versions of one key.
     *
     * @param versions       versions of one key name, each version once (the bytes are copied)
     * @param primaryVersion the version new values are sealed under; must be among {@code versions}
     */
    public static Aead of(List<DataKey> versions, int primaryVersion) {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException(Msg.get("crypto.aead.noKeys"));
        }
        String name = versions.get(0).name();
        Map<Integer, SecretKeySpec> keys = new HashMap<>();
        Map<Integer, AtomicLong> counts = new HashMap<>();
        for (DataKey k : versions) {
            if (!k.name().equals(name)) {
                throw new IllegalArgumentException(Msg.get("crypto.aead.mixedNames"));
            }
            if (keys.putIfAbsent(k.version(), new SecretKeySpec(k.bytes(), "AES")) != null) {
                throw new IllegalArgumentException(Msg.get("crypto.aead.duplicateVersion", String.valueOf(k.version())));
            }
            counts.put(k.version(), new AtomicLong());
        }
        if (!keys.containsKey(primaryVersion)) {
            throw new IllegalArgumentException(Msg.get("crypto.aead.noPrimary", String.valueOf(primaryVersion)));
        }
        return new Aead(name, primaryVersion, Map.copyOf(keys), Map.copyOf(counts));
    }

    /** The key name, e.g. {@code ops}. */
    public String keyName() {
        return keyName;
    }

    public int primaryVersion() {
        return primaryVersion;
    }

    /** The versions this Aead can open. */
    public Set<Integer> versions() {
        return keys.keySet();
    }

    /** Seals {@code plaintext} for {@code ctx} under the primary version. */
    public byte[] seal(byte[] plaintext, AeadContext ctx) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] out = new byte[OVERHEAD + plaintext.length];
        out[0] = FORMAT;
        Bytes.putInt(out, 1, primaryVersion);
        byte[] nonce = new byte[NONCE];
        Secrets.publicRandom(nonce, 0, NONCE);
        System.arraycopy(nonce, 0, out, HEADER, NONCE);
        Cipher cipher = GCM.get();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, primaryKey, new GCMParameterSpec(TAG * 8, nonce));
            cipher.updateAAD(ctx.encode(keyName, primaryVersion));
            cipher.doFinal(plaintext, 0, plaintext.length, out, HEADER + NONCE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e); // only on a broken JDK: key and sizes are ours
        }
        primaryCount.incrementAndGet();
        return out;
    }

    /**
     * Opens a value sealed by {@link #seal} for the same context, under whichever held version its header
     * names.
     *
     * @throws IntegrityException if the value is malformed, names a version not held, was sealed for
     *                            another context, or was altered
     */
    public byte[] open(byte[] sealed, AeadContext ctx) {
        int version = keyVersionOf(sealed);
        SecretKeySpec key = keys.get(version);
        if (key == null) {
            throw new IntegrityException(Msg.get("crypto.integrity.unknownKeyVersion", keyName, String.valueOf(version)));
        }
        Cipher cipher = GCM.get();
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, sealed, HEADER, NONCE));
            cipher.updateAAD(ctx.encode(keyName, version));
            return cipher.doFinal(sealed, HEADER + NONCE, sealed.length - HEADER - NONCE);
        } catch (GeneralSecurityException e) {
            throw new IntegrityException(Msg.get("crypto.integrity.aead", ctx.municipality(), ctx.table(),
                    ctx.column(), ctx.rowId()), e);
        }
    }

    /** {@link #seal} of the UTF-8 bytes of {@code plaintext}. */
    public byte[] sealString(String plaintext, AeadContext ctx) {
        return seal(plaintext.getBytes(StandardCharsets.UTF_8), ctx);
    }

    /** {@link #open} decoded as UTF-8. */
    public String openString(byte[] sealed, AeadContext ctx) {
        return new String(open(sealed, ctx), StandardCharsets.UTF_8);
    }

    /**
     * The key version named in a sealed value's header.
     *
     * @throws IntegrityException if the value is too short or of an unknown format
     */
    public static int keyVersionOf(byte[] sealed) {
        if (sealed == null || sealed.length < OVERHEAD || sealed[0] != FORMAT) {
            throw new IntegrityException(Msg.get("crypto.integrity.malformed"));
        }
        return Bytes.getInt(sealed, 1);
    }

    /** Whether a sealed value is under the primary version (if not, a reseal would move it there). */
    public boolean isUnderPrimary(byte[] sealed) {
        return keyVersionOf(sealed) == primaryVersion;
    }

    /**
     * How many values this instance has sealed under {@code version} (0 for a version it does not hold).
     * Counts start at 0 for each instance; the store adds them to its persisted totals.
     */
    public long encryptions(int version) {
        AtomicLong c = counts.get(version);
        return c == null ? 0 : c.get();
    }

    /** A snapshot of {@link #encryptions(int)} for every held version, ordered by version. */
    public Map<Integer, Long> encryptionCounts() {
        Map<Integer, Long> snapshot = new TreeMap<>();
        counts.forEach((v, c) -> snapshot.put(v, c.get()));
        return Collections.unmodifiableMap(snapshot);
    }

    @Override
    public String toString() {
        return "Aead[" + keyName + ", primary v" + primaryVersion + ", versions " + new TreeMap<>(keys).keySet() + "]";
    }
}
