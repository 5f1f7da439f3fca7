package jp.vrsctl.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Blind indexes (design.md §3): {@code HMAC-SHA256(columnKey, UTF-8(normalizedValue))} truncated to its first
 * 16 bytes ({@link #OUTPUT_LENGTH}), for exact-match lookups and uniqueness over sealed values. Each column has its own key,
 * {@code HKDF-SHA256(K_index, info = "vrsctl blind index v1" | municipality | column)} (parts
 * length-prefixed), so an index from one column or tenant says nothing about another, and a user can be
 * given one column's key only ({@link #ofColumnKeys}). Thread-safe; column keys are cached.
 */
public final class BlindIndex {
    /** Length of a column key in bytes. */
    public static final int LENGTH = 32;
    /**
     * Length of a blind index in bytes: the HMAC truncated to 128 bits (as RFC 2104 §5 allows). Two different
     * values of a column collide with probability about n²/2^129: below 10^-25 for the 4 million residents of
     * the largest municipality. Half the bytes of the full HMAC in every indexed row and index entry, which
     * makes the unique indexes smaller and imports faster (docs/performance.md).
     */
    public static final int OUTPUT_LENGTH = 16;
    private static final String LABEL = "vrsctl blind index v1";
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(Msg.get("crypto.unavailable", "HmacSHA256"), e);
        }
    });

    private final String municipality;
    /** K_index, or {@code null} when built from column keys only. */
    private final byte[] indexKey;
    private final Map<String, SecretKeySpec> columnKeys;

    private BlindIndex(String municipality, byte[] indexKey, Map<String, SecretKeySpec> columnKeys) {
        this.municipality = Objects.requireNonNull(municipality, "municipality");
        this.indexKey = indexKey;
        this.columnKeys = columnKeys;
    }

    /** A blind index able to compute every column, from the municipality's {@code index} data key. */
    public static BlindIndex of(DataKey indexKey, String municipality) {
        return new BlindIndex(municipality, indexKey.exportBytes(), new ConcurrentHashMap<>());
    }

    /**
     * A blind index restricted to the columns whose keys are given (e.g. a venue user holds the
     * {@code ticket} column key only). The bytes are copied.
     */
    public static BlindIndex ofColumnKeys(String municipality, Map<String, byte[]> columnKeys) {
        Map<String, SecretKeySpec> keys = new HashMap<>();
        columnKeys.forEach((column, key) -> {
            if (key.length != LENGTH) {
                throw new IllegalArgumentException(Msg.get("crypto.key.badLength", String.valueOf(key.length),
                        String.valueOf(LENGTH)));
            }
            keys.put(column, new SecretKeySpec(key, "HmacSHA256"));
        });
        return new BlindIndex(municipality, null, Map.copyOf(keys));
    }

    public String municipality() {
        return municipality;
    }

    /** Whether this instance can compute {@code column}. */
    public boolean canCompute(String column) {
        return indexKey != null || columnKeys.containsKey(column);
    }

    /** The columns whose keys are held, or {@code null} if every column can be derived. */
    public Set<String> restrictedTo() {
        return indexKey == null ? columnKeys.keySet() : null;
    }

    /**
     * The blind index of a normalised value in a column.
     *
     * @throws IllegalStateException if this instance holds no key for {@code column}
     */
    public byte[] compute(String column, String normalizedValue) {
        // One initialised Mac per thread and column: Mac.init re-derives the HMAC pads on every call, which
        // cost about as much as the MAC of a short value itself.
        java.util.Map<String, Mac> macs = perThread.get();
        Mac mac = macs.get(column);
        if (mac == null) {
            mac = HMAC.get();
            try {
                mac = (Mac) mac.clone();
                mac.init(key(column));
            } catch (GeneralSecurityException | CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
            macs.put(column, mac);
        }
        return java.util.Arrays.copyOf(mac.doFinal(normalizedValue.getBytes(StandardCharsets.UTF_8)), OUTPUT_LENGTH);
    }

    private final ThreadLocal<java.util.Map<String, Mac>> perThread = ThreadLocal.withInitial(java.util.HashMap::new);

    /**
     * A copy of one column's key, to seal to a user who may compute that column only.
     *
     * @throws IllegalStateException if this instance holds no key for {@code column}
     */
    public byte[] columnKey(String column) {
        return key(column).getEncoded();
    }

    private SecretKeySpec key(String column) {
        Objects.requireNonNull(column, "column");
        SecretKeySpec key = columnKeys.get(column);
        if (key != null) {
            return key;
        }
        if (indexKey == null) {
            throw new IllegalStateException(Msg.get("crypto.blindIndex.noColumnKey", column));
        }
        return columnKeys.computeIfAbsent(column, this::derive);
    }

    private SecretKeySpec derive(String column) {
        byte[] info = new Bytes.Writer().utf8(LABEL).utf8(municipality).utf8(column).toByteArray();
        byte[] k = Kdf.hkdfSha256(indexKey, null, info, LENGTH);
        try {
            return new SecretKeySpec(k, "HmacSHA256");
        } finally {
            Secrets.wipe(k);
        }
    }

    @Override
    public String toString() {
        return "BlindIndex[" + municipality + (indexKey == null ? ", columns " + columnKeys.keySet() : ", all columns") + "]";
    }
}
