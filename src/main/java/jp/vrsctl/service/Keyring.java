package jp.vrsctl.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import jp.vrsctl.crypto.Aead;
import jp.vrsctl.crypto.BlindIndex;
import jp.vrsctl.crypto.DataKey;

/**
 * The data keys one unlocked principal holds, opened from what is sealed to them. What is absent here is
 * absent for cryptographic reasons, not by a check: a venue user's keyring has no K_pii at all.
 */
public final class Keyring implements AutoCloseable {
    /** Key names as stored in {@code data_key} and {@code key_grant}. */
    public static final String OPS = "ops";
    public static final String PII = "pii";
    public static final String INDEX = "index";
    /** A single blind-index column key, sealed to venue users instead of the whole K_index. */
    public static final String INDEX_COLUMN_PREFIX = "index:";
    public static final String AUDIT_SEAL = "audit-seal";
    public static final String AUDIT_SIGN = "audit-sign";

    private final String muni;
    private final Map<String, List<DataKey>> keys = new HashMap<>();
    private final Map<String, Integer> primary = new HashMap<>();
    private final Map<String, byte[]> columnKeys = new HashMap<>();
    private final Map<String, byte[]> secrets = new HashMap<>();
    private Aead ops;
    private Aead pii;
    private BlindIndex index;

    public Keyring(String muni) {
        this.muni = muni;
    }

    public String municipality() {
        return muni;
    }

    /** Adds one opened key version; {@code isPrimary} marks the version new data is sealed with. */
    public void add(DataKey key, boolean isPrimary) {
        if (key.name().startsWith(INDEX_COLUMN_PREFIX)) {
            columnKeys.put(key.name().substring(INDEX_COLUMN_PREFIX.length()), key.exportBytes());
        } else {
            keys.computeIfAbsent(key.name(), k -> new ArrayList<>()).add(key);
            if (isPrimary) {
                primary.put(key.name(), key.version());
            }
        }
        ops = null;
        pii = null;
        index = null;
        flushed.clear(); // new Aead instances count from zero (flush before adding keys to keep counts exact)
    }

    /** Adds one blind-index column key (a venue user holds only the ticket column's). */
    public void addColumnKey(String column, byte[] key) {
        columnKeys.put(column, key.clone());
        index = null;
    }

    /** Adds a non-AEAD secret (the audit KEM private key, the audit signing key). */
    public void addSecret(String name, byte[] secret) {
        secrets.put(name, secret.clone());
    }

    /** A copy of a non-AEAD secret, or null if this principal does not hold it. */
    public byte[] secret(String name) {
        byte[] s = secrets.get(name);
        return s == null ? null : s.clone();
    }

    private final Map<String, Long> flushed = new HashMap<>();

    /**
     * Adds the encryptions made under each key version since the last call to the store's counters
     * (design.md §3: count encryptions per key version; rotate well before 2^32). Called by the audit log,
     * which every writing unit of work goes through.
     */
    public void flushEncryptionCounts(jp.vrsctl.store.UnitOfWork uow) {
        for (String name : new String[] {OPS, PII}) {
            if (!keys.containsKey(name)) {
                continue;
            }
            Aead a = name.equals(OPS) ? ops() : pii();
            for (DataKey k : keys.get(name)) {
                long total = a.encryptions(k.version());
                String key = name + "#" + k.version();
                long done = flushed.getOrDefault(key, 0L);
                if (total > done) {
                    uow.addEncryptions(municipality(), name, k.version(), total - done);
                    flushed.put(key, total);
                }
            }
        }
    }

    public boolean has(String name) {
        return keys.containsKey(name);
    }

    public List<DataKey> versions(String name) {
        return List.copyOf(keys.getOrDefault(name, List.of()));
    }

    public Aead ops() {
        if (ops == null) {
            ops = aead(OPS);
        }
        return ops;
    }

    public Aead pii() {
        if (pii == null) {
            pii = aead(PII);
        }
        return pii;
    }

    public boolean hasPii() {
        return keys.containsKey(PII);
    }

    private Aead aead(String name) {
        List<DataKey> versions = keys.get(name);
        if (versions == null || versions.isEmpty()) {
            throw new VrsException(ExitCode.NOT_PERMITTED, ServiceMessages.get("keys.missing", name));
        }
        Integer p = primary.get(name);
        int version = p != null ? p : versions.get(versions.size() - 1).version();
        return Aead.of(versions, version);
    }

    public BlindIndex index() {
        if (index == null) {
            List<DataKey> full = keys.get(INDEX);
            if (full != null && !full.isEmpty()) {
                index = BlindIndex.of(full.get(0), muni);
            } else if (!columnKeys.isEmpty()) {
                index = BlindIndex.ofColumnKeys(muni, columnKeys);
            } else {
                throw new VrsException(ExitCode.NOT_PERMITTED, ServiceMessages.get("keys.missing", INDEX));
            }
        }
        return index;
    }

    @Override
    public void close() {
        for (List<DataKey> list : keys.values()) {
            for (DataKey k : list) {
                k.destroy();
            }
        }
        for (byte[] b : columnKeys.values()) {
            java.util.Arrays.fill(b, (byte) 0);
        }
        for (byte[] b : secrets.values()) {
            java.util.Arrays.fill(b, (byte) 0);
        }
        keys.clear();
        columnKeys.clear();
        secrets.clear();
    }
}
