package jp.vrsctl.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jp.vrsctl.crypto.SigningKeyPair;
import jp.vrsctl.store.Records.AuditRow;
import jp.vrsctl.store.Records.CheckpointRow;

/**
 * Checks an audit chain, entry by entry, in sequence order (design.md §5): sequence numbers without gaps or
 * repeats (deletion, insertion, reordering), each entry's previous hash and its own hash (edits), each entry's
 * signature under the key its user had at that point of the chain (re-signing with another user's key), failed
 * logins unsigned and marked, each entry's link (its hash and its signature, {@link AuditLog#link}) in the
 * next entry's previous hash and in checkpoints, checkpoints signed with the municipality's audit key and matching the chain, and
 * the chain reaching the last checkpoint it must reach (truncation). Users' keys are learnt from the chain
 * itself: {@code init}, {@code user add}, {@code user reset} and {@code key recover} entries introduce them.
 *
 * <p><b>Which user signatures are checked.</b> A checkpoint is signed only after its signer's process has
 * verified every entry since the previous checkpoint, user signatures included ({@link AuditLog#checkpoint}),
 * so a valid checkpoint that matches the chain attests the signatures of the entries up to it (and, since the
 * links cover the signature bytes, that they are still the ones checked). By default
 * ({@code full = false}) the verifier therefore checks every hash, link and checkpoint, and the user signatures
 * of the entries after the newest matching checkpoint only; with {@code full = true} it checks every user
 * signature, trusting no checkpoint signer (docs/security.md, "Audit trail"). Ed25519 verification is what
 * costs: about 40 µs an entry on two cores here, against about 5 µs for the rest.
 *
 * <p>Checkpoints are given with {@link #checkpoint} before the entry they cover (a store's checkpoints, a
 * checkpoint kept outside the store) or right after it (an exported file, where each checkpoint follows its
 * entry). Only the hashes of those sequence numbers are compared, so memory does not grow with the chain.
 */
public final class AuditVerifier {
    private final String muni;
    private final byte[] auditSignPublic;
    private final boolean full;
    private final long firstSeq;
    private final Map<String, byte[]> keys = new HashMap<>();
    /** Checkpoints whose entry has not been read yet, by sequence number. */
    private final TreeMap<Long, CheckpointRow> ahead = new TreeMap<>();
    private long expectedSeq;
    private byte[] prev;
    private long count;
    private long signaturesChecked;
    private long attestedUpTo;
    private int checkpointsSeen;
    private Problem problem;
    /** A forged checkpoint, reported when the entries before it have been checked (the first problem wins). */
    private Problem forged;

    /** The first problem found: the sequence number where the chain breaks and what is wrong there. */
    public record Problem(long seq, String what) {}

    /**
     * @param signatures   user signatures checked
     * @param attestedUpTo the newest checkpoint matching the chain (0 if none): user signatures up to it were
     *                     attested by that checkpoint and, unless {@code full}, not checked again
     */
    public record Result(long entries, long firstSeq, long lastSeq, int checkpoints, long signatures,
                         long attestedUpTo, boolean full, Problem problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    /**
     * @param firstSeq    the sequence number the input starts at (1 for a whole chain)
     * @param firstPrev   the previous hash the first entry must carry (GENESIS for a whole chain), or null to
     *                    accept whatever the first entry says (an exported segment)
     * @param initialKeys users' keys known before the first entry (a segment's header), may be empty
     * @param full        check every user signature, not only those after the newest checkpoint
     */
    public AuditVerifier(String muni, byte[] auditSignPublic, long firstSeq, byte[] firstPrev,
                         Map<String, byte[]> initialKeys, boolean full) {
        this.muni = muni;
        this.auditSignPublic = auditSignPublic;
        this.firstSeq = firstSeq;
        this.expectedSeq = firstSeq;
        this.prev = firstPrev;
        this.keys.putAll(initialKeys);
        this.full = full;
    }

    private void fail(long seq, String what) {
        if (problem == null || seq < problem.seq()) {
            problem = new Problem(seq, what);
        }
    }

    /** A signature to check; checked in parallel batches (Ed25519 verification dominates the cost). */
    private record SigCheck(long seq, byte[] key, byte[] hash, byte[] signature, String user) {}

    private static final int SIG_BATCH = 4096;
    private final List<SigCheck> pendingSigs = new ArrayList<>(SIG_BATCH);

    private void flushSignatures() {
        if (pendingSigs.isEmpty()) {
            return;
        }
        signaturesChecked += pendingSigs.size();
        Optional<SigCheck> bad = pendingSigs.parallelStream()
                .filter(c -> c.signature() == null || !SigningKeyPair.verify(c.key(), c.hash(), c.signature()))
                .min(Comparator.comparingLong(SigCheck::seq));
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
        if (forged != null && r.seq() >= forged.seq()) {
            fail(forged.seq(), forged.what());
            return;
        }
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
        prev = AuditLog.link(r);
        expectedSeq = r.seq() + 1;
        count++; // entries read and linked (so ENTRIES and LAST agree when the chain breaks)
        CheckpointRow cp = ahead.remove(r.seq());
        if (cp != null) {
            matched(cp, prev);
        }
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

    /**
     * A checkpoint: its signature is checked at once; its chain hash when its entry is read (or now, if it covers
     * the entry just read). One covering an entry read earlier than that, or before this input's first entry, is
     * out of place and is reported (an exported file puts each checkpoint right after its entry).
     */
    public void checkpoint(CheckpointRow c) {
        if (problem != null) {
            return;
        }
        checkpointsSeen++;
        if (!muni.equals(c.muni()) || !SigningKeyPair.verify(auditSignPublic,
                AuditLog.checkpointMessage(muni, c.seq(), c.chainHash(), c.at()), c.signature())) {
            if (forged == null || c.seq() < forged.seq()) {
                forged = new Problem(c.seq(), ServiceMessages.get("verify.checkpoint.forged"));
            }
            return;
        }
        long last = expectedSeq - 1;
        if (c.seq() > last) {
            CheckpointRow other = ahead.putIfAbsent(c.seq(), c);
            if (other != null && !Arrays.equals(other.chainHash(), c.chainHash())) {
                fail(c.seq(), ServiceMessages.get("verify.checkpoint.differs"));
            }
        } else if (c.seq() == last && last >= firstSeq) {
            matched(c, prev);
        } else if (c.seq() >= firstSeq) {
            fail(c.seq(), ServiceMessages.get("verify.checkpoint.place"));
        }
        // a checkpoint before this input's first entry (kept outside a segment) cannot be compared: ignored
    }

    private void matched(CheckpointRow c, byte[] hash) {
        if (!Arrays.equals(hash, c.chainHash())) {
            fail(c.seq(), ServiceMessages.get("verify.checkpoint.differs"));
            return;
        }
        attestedUpTo = Math.max(attestedUpTo, c.seq());
        if (!full) {
            // the checkpoint's signer verified these signatures before signing it (AuditLog.checkpoint)
            pendingSigs.removeIf(s -> s.seq() <= c.seq());
        }
    }

    /** Checks what is left after the last entry: pending signatures and checkpoints the chain never reached. */
    public Result finish(long resultFirstSeq) {
        flushSignatures();
        if (forged != null) {
            fail(forged.seq(), forged.what());
        }
        if (problem == null && !ahead.isEmpty()) {
            fail(expectedSeq, ServiceMessages.get("verify.truncated", ahead.lastKey()));
        }
        return new Result(count, resultFirstSeq, expectedSeq - 1, checkpointsSeen, signaturesChecked, attestedUpTo,
                full, problem);
    }

    public long lastSeq() {
        return expectedSeq - 1;
    }

    public byte[] lastHash() {
        return prev;
    }

    public Map<String, byte[]> keys() {
        return keys;
    }
}
