package jp.vrsctl.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jp.vrsctl.crypto.Sealer;
import jp.vrsctl.store.Records.AuditRow;
import jp.vrsctl.store.Records.CheckpointRow;
import jp.vrsctl.store.UnitOfWork;

/**
 * The one place audit entries are appended (design.md §5), always inside the caller's unit of work, so an
 * entry and the change it records commit together or not at all (fail closed). Entries name subjects by
 * surrogate id only; details are sealed to the municipality's audit public key; each entry is chained to
 * the previous one by hash and signed by the user who caused it (failed logins: unsigned, marked).
 */
public final class AuditLog {
    public static final byte[] GENESIS = new byte[32];
    private static final byte[] DOMAIN = "vrsctl audit entry v1\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DETAILS_INFO = "vrsctl audit details v1".getBytes(StandardCharsets.US_ASCII);

    /** Entry kinds. */
    public static final String LOGIN = "login";
    public static final String LOGIN_FAILED = "login-failed";
    public static final String READ_INTENT = "read-intent";
    public static final String READ_DONE = "read-done";
    public static final String CHANGE = "change";
    public static final String IMPORT = "import";
    public static final String DENIED = "denied";
    public static final String FAILED = "failed";
    public static final String RECOVER_FAILED = "recover-failed";
    public static final String ADMIN = "admin";

    private final Clock clock;

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    /** What an entry says; built by the service, sealed and chained here. */
    public record Entry(String kind, String command, String outcome, Map<String, Long> counts,
                        Collection<String> subjects, Map<String, Object> details, Map<String, String> publicKeys) {

        public Entry(String kind, String command, String outcome, Map<String, Long> counts,
                     Collection<String> subjects, Map<String, Object> details) {
            this(kind, command, outcome, counts, subjects, details, null);
        }
    }

    /** Entries since the last checkpoint after which an admin's or auditor's command writes a new one. */
    public static final long CHECKPOINT_EVERY = 1000;
    private static final byte[] CHECKPOINT_DOMAIN = "vrsctl audit checkpoint v2: signatures verified\n".getBytes(StandardCharsets.US_ASCII);

    /** The sequence number the next entry will get; rows written before the entry record it. */
    public long nextSeq(UnitOfWork uow, String muni) {
        return uow.lastAudit(muni).map(a -> a.seq() + 1).orElse(1L);
    }

    /** Appends an entry caused by {@code session} with sequence number {@code seq} (from {@link #nextSeq}). */
    public long append(UnitOfWork uow, Session session, long seq, Entry e) {
        session.keys().flushEncryptionCounts(uow);
        long written = write(uow, session.municipality(), seq, session.principalId(), session.userName(),
                session.role().id(), e, session.signing() == null ? null : session.signing()::sign);
        byte[] auditSign = session.keys().secret(Keyring.AUDIT_SIGN);
        if (auditSign != null) {
            try {
                long lastCp = uow.lastCheckpoint(session.municipality()).map(CheckpointRow::seq).orElse(0L);
                if (written - lastCp >= CHECKPOINT_EVERY) {
                    try {
                        checkpoint(uow, session);
                    } catch (ChainBroken broken) {
                        // Not signed; the command goes on (an admin must still be able to investigate).
                        session.notice(ServiceMessages.get("audit.checkpoint.skipped", broken.problem().seq(),
                                broken.problem().what()));
                    }
                }
            } finally {
                java.util.Arrays.fill(auditSign, (byte) 0);
            }
        }
        return written;
    }

    /** The chain does not verify since the last checkpoint, so no checkpoint may be signed over it. */
    public static final class ChainBroken extends jp.vrsctl.VrsException {
        private static final long serialVersionUID = 1L;
        private final transient AuditVerifier.Problem problem;

        ChainBroken(AuditVerifier.Problem problem) {
            super(jp.vrsctl.ExitCode.INTEGRITY, ServiceMessages.get("audit.checkpoint.refused", problem.seq(),
                    problem.what()));
            this.problem = problem;
        }

        public AuditVerifier.Problem problem() {
            return problem;
        }
    }

    /**
     * Verifies the entries after the newest checkpoint (sequence, links, hashes and every user signature), as a
     * checkpoint's signer must before signing: a checkpoint attests that the signatures up to it were checked,
     * which is what lets {@code audit verify} skip them unless {@code --full} (design.md §5, docs/security.md).
     * The newest checkpoint itself must carry a valid signature. Costs one Ed25519 verification per entry since
     * that checkpoint (about 1,000 when admins or auditors act regularly).
     */
    public static AuditVerifier.Result verifySinceLastCheckpoint(UnitOfWork uow, String muni, byte[] auditSignPublic) {
        Optional<CheckpointRow> base = uow.lastCheckpoint(muni);
        long from = base.map(c -> c.seq() + 1).orElse(1L);
        Map<String, byte[]> keys = new java.util.HashMap<>();
        if (base.isPresent()) {
            uow.forEachKeyIntroduction(muni, from, r -> keys.putAll(AuditVerifier.introducedKeys(r)));
        }
        AuditVerifier v = new AuditVerifier(muni, auditSignPublic, from, base.map(CheckpointRow::chainHash).orElse(GENESIS),
                keys, true);
        if (base.isPresent() && !jp.vrsctl.crypto.SigningKeyPair.verify(auditSignPublic,
                checkpointMessage(muni, base.get().seq(), base.get().chainHash(), base.get().at()), base.get().signature())) {
            return new AuditVerifier.Result(0, from, from - 1, 1, 0, 0, true,
                    new AuditVerifier.Problem(base.get().seq(), ServiceMessages.get("verify.checkpoint.forged")));
        }
        if (base.isPresent()) {
            // the previous checkpoint must still match its own entry (an entry changed since it was signed)
            Optional<AuditRow> at = uow.auditAt(muni, base.get().seq());
            if (at.isEmpty() || !java.util.Arrays.equals(link(at.get()), base.get().chainHash())) {
                return new AuditVerifier.Result(0, from, from - 1, 1, 0, 0, true, new AuditVerifier.Problem(
                        base.get().seq(), ServiceMessages.get("verify.checkpoint.differs")));
            }
        }
        uow.forEachAudit(muni, from, v::accept);
        return v.finish(from);
    }

    /**
     * Signs a checkpoint over the newest entry's chain hash with the municipality's audit signing key (held by
     * admins and auditors only), after verifying the entries since the previous checkpoint
     * ({@link #verifySinceLastCheckpoint}); throws {@link ChainBroken} (exit 7) if they do not verify. Returns
     * null when there is no entry or the session lacks the key.
     */
    public CheckpointRow checkpoint(UnitOfWork uow, Session session) {
        byte[] bundle = session.keys().secret(Keyring.AUDIT_SIGN);
        if (bundle == null) {
            throw new jp.vrsctl.VrsException(jp.vrsctl.ExitCode.NOT_PERMITTED,
                    ServiceMessages.get("keys.missing", Keyring.AUDIT_SIGN));
        }
        Optional<AuditRow> last = uow.lastAudit(session.municipality());
        if (last.isEmpty()) {
            return null;
        }
        byte[][] parts = KeyMaterial.unbundle(bundle);
        java.util.Arrays.fill(bundle, (byte) 0);
        jp.vrsctl.crypto.SigningKeyPair key = jp.vrsctl.crypto.SigningKeyPair.of(parts[0], parts[1]);
        try {
            String at = now();
            AuditRow a = last.get();
            Optional<CheckpointRow> newest = uow.lastCheckpoint(session.municipality());
            if (newest.isPresent() && newest.get().seq() == a.seq()) {
                return newest.get();
            }
            MunicipalitySettings settings = uow.municipality(session.municipality())
                    .map(m -> MunicipalitySettings.parse(m.settingsJson()))
                    .orElseThrow(() -> new IllegalStateException("no municipality"));
            AuditVerifier.Result checked = verifySinceLastCheckpoint(uow, session.municipality(),
                    settings.auditSignPublicKey());
            if (!checked.ok()) {
                throw new ChainBroken(checked.problem());
            }
            byte[] chain = link(a);
            byte[] sig = key.sign(checkpointMessage(session.municipality(), a.seq(), chain, at));
            CheckpointRow cp = new CheckpointRow(session.municipality(), a.seq(), chain, at, session.principalId(), sig);
            uow.insertCheckpoint(cp);
            return cp;
        } finally {
            key.destroy();
            java.util.Arrays.fill(parts[1], (byte) 0);
        }
    }

    /** The bytes a checkpoint signature covers. */
    public static byte[] checkpointMessage(String muni, long seq, byte[] chainHash, String at) {
        byte[] body = (muni + "\n" + seq + "\n" + java.util.HexFormat.of().formatHex(chainHash) + "\n" + at)
                .getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[CHECKPOINT_DOMAIN.length + body.length];
        System.arraycopy(CHECKPOINT_DOMAIN, 0, out, 0, CHECKPOINT_DOMAIN.length);
        System.arraycopy(body, 0, out, CHECKPOINT_DOMAIN.length, body.length);
        return out;
    }

    private String now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    public long append(UnitOfWork uow, Session session, Entry e) {
        return append(uow, session, nextSeq(uow, session.municipality()), e);
    }

    /**
     * Records a refused attempt (wrong role, one-time password not yet changed) in its own transaction, so the
     * trail shows attempts that changed nothing (design.md §4).
     */
    public void denied(Session session, String command) {
        try (UnitOfWork uow = session.store().write()) {
            append(uow, session, new Entry(DENIED, command, "denied", Map.of(), java.util.List.of(), Map.of()));
            uow.commit();
        }
    }

    /** Writes the completion entries (counts) of reads whose output has been printed (design.md §5). */
    public void completeReads(Session session) {
        java.util.List<Session.PendingRead> reads = session.takePendingReads();
        if (reads.isEmpty()) {
            return;
        }
        try (UnitOfWork uow = session.store().write()) {
            for (Session.PendingRead r : reads) {
                append(uow, session, new Entry(READ_DONE, r.command(), "ok", Map.of("records", r.count()),
                        r.subjects(), Map.of()));
            }
            uow.commit();
        }
    }

    /** Records an attempt refused for its input or the store's state (exit 3, 5, 6, 7), in its own transaction. */
    public void failed(Session session, String command, int exitCode) {
        try (UnitOfWork uow = session.store().write()) {
            append(uow, session, new Entry(FAILED, command, "exit " + exitCode, Map.of(), java.util.List.of(), Map.of()));
            uow.commit();
        }
    }

    /** Appends an unsigned entry (a failed login has no unlocked key to sign with). */
    public long appendUnsigned(UnitOfWork uow, String muni, String principalId, String userName, String role, Entry e) {
        return write(uow, muni, nextSeq(uow, muni), principalId, userName, role, e, null);
    }

    interface SignFn {
        byte[] sign(byte[] message);
    }

    private long write(UnitOfWork uow, String muni, long seq, String principalId, String userName, String role,
                       Entry e, SignFn signer) {
        Optional<AuditRow> last = uow.lastAudit(muni);
        long expected = last.map(a -> a.seq() + 1).orElse(1L);
        if (seq != expected) {
            throw new IllegalStateException("audit sequence out of order");
        }
        byte[] prev = last.map(AuditLog::link).orElse(GENESIS);
        String at = now();
        String counts = e.counts() == null || e.counts().isEmpty() ? null : Json.string(e.counts());
        String subjects = e.subjects() == null || e.subjects().isEmpty() ? null : String.join(" ", e.subjects());
        byte[] details = null;
        if (e.details() != null && !e.details().isEmpty()) {
            MunicipalitySettings settings = uow.municipality(muni).map(m -> MunicipalitySettings.parse(m.settingsJson()))
                    .orElseThrow(() -> new IllegalStateException("no municipality"));
            details = Sealer.seal(settings.auditSealPublicKey(), Json.bytes(e.details()), DETAILS_INFO,
                    (muni + "|" + seq).getBytes(StandardCharsets.UTF_8));
        }
        String keys = e.publicKeys() == null || e.publicKeys().isEmpty() ? null
                : Json.string(new java.util.TreeMap<>(e.publicKeys()));
        AuditRow unsigned = new AuditRow(muni, seq, at, principalId, userName, role, e.kind(), e.command(), e.outcome(),
                counts, subjects, details, keys, prev, null, null);
        byte[] hash = hash(unsigned);
        byte[] sig = signer == null ? null : signer.sign(hash);
        uow.insertAudit(new AuditRow(muni, seq, at, principalId, userName, role, e.kind(), e.command(), e.outcome(),
                counts, subjects, details, keys, prev, hash, sig));
        return seq;
    }

    private static final byte[] LINK_DOMAIN = "vrsctl audit link v1\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * What the next entry's {@code prev_hash} and a checkpoint's chain hash are: SHA-256 over a domain tag, the
     * entry's hash and its signature (a marker when unsigned). So the chain covers every signature as well as
     * every entry: a signature destroyed or replaced before a checkpoint breaks the link to the next entry and
     * the checkpoint, without verifying any signature (docs/security.md).
     */
    public static byte[] link(byte[] hash, byte[] signature) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(LINK_DOMAIN);
            md.update(hash);
            if (signature == null) {
                md.update((byte) 0);
            } else {
                md.update((byte) 1);
                md.update(signature);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The link of a stored entry ({@link #link}). */
    public static byte[] link(AuditRow r) {
        return link(r.hash(), r.signature());
    }

    /** The chain hash of an entry: SHA-256 over a domain tag, the previous link and the entry's fields. */
    public static byte[] hash(AuditRow r) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("muni", r.muni());
        canonical.put("seq", r.seq());
        canonical.put("at", r.at());
        canonical.put("principal", r.principalId());
        canonical.put("user", r.principalName());
        canonical.put("role", r.role());
        canonical.put("kind", r.kind());
        canonical.put("command", r.command());
        canonical.put("outcome", r.outcome());
        canonical.put("counts", r.countsJson());
        canonical.put("subjects", r.subjects());
        canonical.put("details", Json.b64(r.details()));
        canonical.put("publicKeys", r.publicKeys());
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(DOMAIN);
            md.update(r.prevHash());
            md.update(Json.bytes(canonical));
            return md.digest();
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
