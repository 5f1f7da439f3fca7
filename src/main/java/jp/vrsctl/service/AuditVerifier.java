package jp.vrsctl.service;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jp.vrsctl.crypto.SigningKeyPair;
import jp.vrsctl.store.Records.AuditRow;
import jp.vrsctl.store.Records.CheckpointRow;

/**
 * Checks an audit chain, entry by entry, in sequence order (design.md §5): sequence numbers without gaps or
 * repeats (deletion, insertion, reordering), each entry's previous hash and its own hash (edits), each entry's
 * signature under the key its user had at that point of the chain (re-signing with another user's key), failed
 * logins unsigned and marked, checkpoints signed with the municipality's audit key and matching the chain, and
 * the chain reaching the last checkpoint it must reach (truncation). Users' keys are learnt from the chain
 * itself: {@code init}, {@code user add}, {@code user reset} and {@code key recover} entries introduce them.
 */
public final class AuditVerifier {
    private final String muni;
    private final byte[] auditSignPublic;
    private final Map<String, byte[]> keys = new HashMap<>();
    private final Map<Long, byte[]> hashes = new HashMap<>();
    private long expectedSeq;
    private byte[] prev;
    private long count;
    private Problem problem;

    /** The first problem found: the sequence number where the chain breaks and what is wrong there. */
    public record Problem(long seq, String what) {}

    public record Result(long entries, long firstSeq, long lastSeq, int checkpoints, Problem problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    /**
     * @param firstSeq    the sequence number the input starts at (1 for a whole chain)
     * @param firstPrev   the previous hash the first entry must carry (GENESIS for a whole chain), or null to
     *                    accept whatever the first entry says (an exported segment)
     * @param initialKeys users' keys known before the first entry (a segment's header), may be empty
     */
    public AuditVerifier(String muni, byte[] auditSignPublic, long firstSeq, byte[] firstPrev,
                         Map<String, byte[]> initialKeys) {
        this.muni = muni;
        this.auditSignPublic = auditSignPublic;
        this.expectedSeq = firstSeq;
        this.prev = firstPrev;
        this.keys.putAll(initialKeys);
    }

    private void fail(long seq, String what) {
        if (problem == null || seq < problem.seq()) {
            problem = new Problem(seq, what);
        }
    }

    /** A signature to check; checked in parallel batches (Ed25519 verification dominates the cost). */
    private record SigCheck(long seq, byte[] key, byte[] hash, byte[] signature, String user) {}

    private static final int SIG_BATCH = 4096;
    private final java.util.List<SigCheck> pendingSigs = new java.util.ArrayList<>(SIG_BATCH);

    private void flushSignatures() {
        if (pendingSigs.isEmpty()) {
            return;
        }
        java.util.Optional<SigCheck> bad = pendingSigs.parallelStream()
                .filter(c -> c.signature() == null || !SigningKeyPair.verify(c.key(), c.hash(), c.signature()))
                .min(java.util.Comparator.comparingLong(SigCheck::seq));
        bad.ifPresent(c -> fail(c.seq(), ServiceMessages.get("verify.signature", c.user())));
        pendingSigs.clear();
    }

    public boolean failed() {
        return problem != null;
    }

    public void accept(AuditRow r) {
        if (problem != null) {
            return;
        }
        count++;
        if (!muni.equals(r.muni())) {
            fail(r.seq(), ServiceMessages.get("verify.othermuni"));
            return;
        }
        if (r.seq() != expectedSeq) {
            fail(Math.min(r.seq(), expectedSeq), r.seq() > expectedSeq ? ServiceMessages.get("verify.deleted")
                    : ServiceMessages.get("verify.order"));
            return;
        }
        if (prev != null && !Arrays.equals(prev, r.prevHash())) {
            fail(r.seq(), ServiceMessages.get("verify.link"));
            return;
        }
        byte[] h = AuditLog.hash(r);
        if (!Arrays.equals(h, r.hash())) {
            fail(r.seq(), ServiceMessages.get("verify.edited"));
            return;
        }
        Map<String, byte[]> introduced = introducedKeys(r);
        if (AuditLog.LOGIN_FAILED.equals(r.kind()) || AuditLog.RECOVER_FAILED.equals(r.kind())) {
            if (r.signature() != null) {
                fail(r.seq(), ServiceMessages.get("verify.failedsigned"));
                return;
            }
        } else {
            byte[] key = keys.get(r.principalId());
            if (key == null && r.seq() == 1 && introduced.containsKey(r.principalId())) {
                key = introduced.get(r.principalId()); // the init entry introduces its own signer
            }
            if (key == null) {
                fail(r.seq(), ServiceMessages.get("verify.unknownkey"));
                return;
            }
            pendingSigs.add(new SigCheck(r.seq(), key, r.hash(), r.signature(), r.principalName()));
            if (pendingSigs.size() >= SIG_BATCH) {
                flushSignatures();
            }
        }
        keys.putAll(introduced);
        hashes.put(r.seq(), r.hash());
        prev = r.hash();
        expectedSeq = r.seq() + 1;
    }

    static Map<String, byte[]> introducedKeys(AuditRow r) {
        Map<String, byte[]> out = new HashMap<>();
        if (r.publicKeys() != null) {
            @SuppressWarnings("unchecked")
            Map<String, String> m = Json.read(r.publicKeys(), Map.class);
            m.forEach((k, v) -> out.put(k, Json.unb64(v)));
        }
        return out;
    }

    /** Checks checkpoints against the chain read so far; call after the last entry. */
    public void checkpoints(List<CheckpointRow> cps) {
        flushSignatures();
        for (CheckpointRow c : cps) {
            if (problem != null) {
                return;
            }
            if (!SigningKeyPair.verify(auditSignPublic, AuditLog.checkpointMessage(muni, c.seq(), c.chainHash(), c.at()),
                    c.signature())) {
                fail(c.seq(), ServiceMessages.get("verify.checkpoint.forged"));
                return;
            }
            byte[] h = hashes.get(c.seq());
            if (h == null) {
                if (c.seq() >= expectedSeq) {
                    fail(expectedSeq, ServiceMessages.get("verify.truncated", c.seq()));
                }
                continue;
            }
            if (!Arrays.equals(h, c.chainHash())) {
                fail(c.seq(), ServiceMessages.get("verify.checkpoint.differs"));
            }
        }
    }

    public Result result(long firstSeq) {
        flushSignatures();
        return new Result(count, firstSeq, expectedSeq - 1, 0, problem);
    }

    public long lastSeq() {
        return expectedSeq - 1;
    }

    public Map<String, byte[]> keys() {
        return keys;
    }

    public Problem problem() {
        flushSignatures();
        return problem;
    }
}
