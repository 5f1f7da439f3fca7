package jp.vrsctl.service;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import jp.vrsctl.crypto.Fingerprint;
import jp.vrsctl.crypto.KemKeyPair;
import jp.vrsctl.crypto.Sealer;
import jp.vrsctl.crypto.SigningKeyPair;
import jp.vrsctl.store.Records.AuditRow;
import jp.vrsctl.store.Records.CheckpointRow;
import jp.vrsctl.store.UnitOfWork;

/** The audit trail (issue 4): list, export, verify, checkpoint, subject. */
public final class AuditService {
    public static final String FORMAT = "vrsctl-audit-v2";
    private static final HexFormat HEX = HexFormat.of();

    private final Clock clock;
    private final AuditLog audit;

    public AuditService(Clock clock) {
        this.clock = clock;
        this.audit = new AuditLog(clock);
    }

    /** Filters for list and export; null means any. Times are ISO instants (UTC) compared as text. */
    public record Filter(String since, String until, String user, String kind, String subject) {
        boolean test(AuditRow r) {
            return (since == null || r.at().compareTo(since) >= 0) && (until == null || r.at().compareTo(until) < 0)
                    && (user == null || user.equals(r.principalName())) && (kind == null || kind.equals(r.kind()))
                    && (subject == null || (r.subjects() != null && List.of(r.subjects().split(" ")).contains(subject)));
        }
    }

    /** An entry as list shows it; {@code details} only when asked for and the caller holds the audit key. */
    public record Entry(AuditRow row, Map<String, Object> details) {}

    private MunicipalitySettings settings(UnitOfWork uow, String muni) {
        return uow.municipality(muni).map(m -> MunicipalitySettings.parse(m.settingsJson())).orElseThrow();
    }

    public List<Entry> list(Session s, Filter f, boolean withDetails, Integer limit) {
        s.require(Action.AUDIT_READ);
        List<Entry> out = new ArrayList<>();
        KemKeyPair auditKey = withDetails ? auditKem(s) : null;
        try (UnitOfWork uow = s.store().write()) {
            java.util.ArrayDeque<AuditRow> kept = new java.util.ArrayDeque<>();
            uow.forEachAudit(s.municipality(), 1, r -> {
                if (f.test(r)) {
                    kept.addLast(r);
                    if (limit != null && kept.size() > limit) {
                        kept.removeFirst(); // keep the newest N
                    }
                }
            });
            for (AuditRow r : kept) {
                out.add(new Entry(r, auditKey == null ? null : openDetails(auditKey, r)));
            }
            audit.append(uow, s, new AuditLog.Entry(AuditLog.ADMIN, "audit list", "ok",
                    Map.of("entries", (long) out.size()), List.of(), Map.of("details", withDetails)));
            uow.commit();
        } finally {
            if (auditKey != null) {
                auditKey.destroy();
            }
        }
        return out;
    }

    private static KemKeyPair auditKem(Session s) {
        byte[] bundle = s.keys().secret(Keyring.AUDIT_SEAL);
        if (bundle == null) {
            throw new VrsException(ExitCode.NOT_PERMITTED, ServiceMessages.get("keys.missing", Keyring.AUDIT_SEAL));
        }
        byte[][] parts = KeyMaterial.unbundle(bundle);
        java.util.Arrays.fill(bundle, (byte) 0);
        return KemKeyPair.of(parts[0], parts[1]);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> openDetails(KemKeyPair key, AuditRow r) {
        if (r.details() == null) {
            return Map.of();
        }
        byte[] plain = Sealer.open(key, r.details(), "vrsctl audit details v1".getBytes(StandardCharsets.US_ASCII),
                (r.muni() + "|" + r.seq()).getBytes(StandardCharsets.UTF_8));
        return Json.read(plain, Map.class);
    }

    // ------------------------------------------------------------------ export

    /** @param unverified null, or why no checkpoint was signed (the chain does not verify since the last one) */
    public record ExportResult(long entries, long checkpoints, long firstSeq, long lastSeq, String unverified) {
        public ExportResult(long entries, long checkpoints, long firstSeq, long lastSeq) {
            this(entries, checkpoints, firstSeq, lastSeq, null);
        }
    }

    /**
     * Writes the verifiable NDJSON form: a header (format, municipality, audit public key, the users' keys the
     * chain introduced before the first exported entry), the entries, then the checkpoints in range. A fresh
     * checkpoint is signed first (design.md §5: at every export).
     */
    public ExportResult export(Session s, Filter f, OutputStream os) {
        s.require(Action.AUDIT_READ);
        long[] counts = new long[4];
        counts[2] = -1;
        String[] unverifiedHolder = new String[1];
        try (UnitOfWork uow = s.store().write()) {
            audit.append(uow, s, new AuditLog.Entry(AuditLog.ADMIN, "audit export", "ok", Map.of(), List.of(),
                    Map.of("since", String.valueOf(f.since()), "until", String.valueOf(f.until()))));
            String unverified = null;
            try {
                audit.checkpoint(uow, s);
            } catch (AuditLog.ChainBroken broken) {
                // the export goes on (it is the evidence), without a checkpoint over a chain that does not verify
                unverified = broken.getMessage();
            }
            MunicipalitySettings st = settings(uow, s.municipality());
            Map<Long, CheckpointRow> checkpointAt = new HashMap<>();
            for (CheckpointRow c : uow.checkpoints(s.municipality())) {
                checkpointAt.put(c.seq(), c);
            }
            Map<String, String> keysBefore = new java.util.TreeMap<>();
            List<AuditRow> rows = new ArrayList<>();
            Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
            // The range is contiguous in sequence: from the first entry at or after --since to the last before --until.
            Predicate<AuditRow> inTime = r -> (f.since() == null || r.at().compareTo(f.since()) >= 0)
                    && (f.until() == null || r.at().compareTo(f.until()) < 0);
            boolean[] started = {false};
            List<AuditRow> buffer = new ArrayList<>();
            uow.forEachAudit(s.municipality(), 1, r -> {
                if (!started[0]) {
                    if (inTime.test(r)) {
                        started[0] = true;
                        counts[2] = r.seq();
                        try {
                            writeHeader(w, s.municipality(), st, keysBefore, r.seq(), r.prevHash());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    } else {
                        AuditVerifier.introducedKeys(r).forEach((k, v) -> keysBefore.put(k, Json.b64(v)));
                        return;
                    }
                }
                if (f.until() != null && r.at().compareTo(f.until()) >= 0) {
                    return;
                }
                try {
                    w.write(Json.MAPPER.writeValueAsString(entryJson(r)));
                    w.write('\n');
                    CheckpointRow c = checkpointAt.get(r.seq());
                    if (c != null) { // each checkpoint right after the entry it covers (format v2)
                        w.write(Json.MAPPER.writeValueAsString(checkpointJson(c)));
                        w.write('\n');
                        counts[1]++;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                counts[0]++;
                counts[3] = r.seq();
            });
            if (!started[0]) {
                writeHeader(w, s.municipality(), st, keysBefore, 0, AuditLog.GENESIS);
            }
            w.flush();
            uow.commit();
            unverifiedHolder[0] = unverified;
            assert rows.isEmpty() && buffer.isEmpty();
        } catch (IOException e) {
            throw new VrsException(ExitCode.FAILURE, ServiceMessages.get("import.io", "audit export", e.getMessage()), e);
        }
        return new ExportResult(counts[0], counts[1], counts[2], counts[3], unverifiedHolder[0]);
    }

    private static void writeHeader(Writer w, String muni, MunicipalitySettings st, Map<String, String> keys, long first,
                                    byte[] prev) throws IOException {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("type", "header");
        h.put("format", FORMAT);
        h.put("municipality", muni);
        h.put("audit_sign_public", st.auditSignPublic());
        h.put("audit_sign_fingerprint", Fingerprint.of(st.auditSignPublicKey()));
        h.put("first_seq", first);
        h.put("first_prev_hash", HEX.formatHex(prev));
        h.put("keys", keys);
        w.write(Json.MAPPER.writeValueAsString(h));
        w.write('\n');
    }

    static Map<String, Object> entryJson(AuditRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "entry");
        m.put("seq", r.seq());
        m.put("at", r.at());
        m.put("principal_id", r.principalId());
        m.put("user", r.principalName());
        m.put("role", r.role());
        m.put("kind", r.kind());
        m.put("command", r.command());
        m.put("outcome", r.outcome());
        m.put("counts", r.countsJson());
        m.put("subjects", r.subjects());
        m.put("details", Json.b64(r.details()));
        m.put("public_keys", r.publicKeys());
        m.put("prev_hash", HEX.formatHex(r.prevHash()));
        m.put("hash", HEX.formatHex(r.hash()));
        m.put("signature", Json.b64(r.signature()));
        return m;
    }

    static Map<String, Object> checkpointJson(CheckpointRow c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "checkpoint");
        m.put("municipality", c.muni());
        m.put("seq", c.seq());
        m.put("chain_hash", HEX.formatHex(c.chainHash()));
        m.put("at", c.at());
        m.put("principal_id", c.principalId());
        m.put("signature", Json.b64(c.signature()));
        return m;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static AuditRow entryFromJson(String muni, JsonNode n) {
        return new AuditRow(muni, n.get("seq").asLong(), text(n, "at"), text(n, "principal_id"), text(n, "user"),
                text(n, "role"), text(n, "kind"), text(n, "command"), text(n, "outcome"), text(n, "counts"),
                text(n, "subjects"), Json.unb64(text(n, "details")), text(n, "public_keys"),
                hex(text(n, "prev_hash")), hex(text(n, "hash")), Json.unb64(text(n, "signature")));
    }

    static CheckpointRow checkpointFromJson(JsonNode n) {
        return new CheckpointRow(text(n, "municipality"), n.get("seq").asLong(), hex(text(n, "chain_hash")),
                text(n, "at"), text(n, "principal_id"), Json.unb64(text(n, "signature")));
    }

    private static byte[] hex(String s) {
        return s == null ? null : HEX.parseHex(s);
    }

    // ------------------------------------------------------------------ verify

    /** A checkpoint kept outside the store (by an auditor's cron job), with the audit public key it was signed by. */
    public record KeptCheckpoint(CheckpointRow checkpoint, byte[] auditSignPublic) {}

    public static KeptCheckpoint readKept(Path file) {
        try {
            JsonNode n = Json.MAPPER.readTree(Files.readAllBytes(file));
            return new KeptCheckpoint(checkpointFromJson(n), Json.unb64(text(n, "audit_sign_public")));
        } catch (IOException | RuntimeException e) {
            throw new VrsException(ExitCode.INVALID_INPUT, ServiceMessages.get("audit.checkpoint.bad", file));
        }
    }

    /**
     * Verifies the store's chain for this municipality, and optionally against a kept checkpoint. Unless
     * {@code full}, user signatures up to the newest matching checkpoint are taken as attested by it
     * ({@link AuditVerifier}).
     */
    public AuditVerifier.Result verifyStore(Session s, KeptCheckpoint kept, boolean full) {
        s.require(Action.AUDIT_READ);
        AuditVerifier v;
        try (UnitOfWork uow = s.store().read()) {
            MunicipalitySettings st = settings(uow, s.municipality());
            v = new AuditVerifier(s.municipality(), st.auditSignPublicKey(), 1, AuditLog.GENESIS, Map.of(), full);
            for (CheckpointRow c : uow.checkpoints(s.municipality())) {
                v.checkpoint(c);
            }
            if (kept != null) {
                checkKept(v, kept, st.auditSignPublicKey(), s.municipality());
                v.checkpoint(kept.checkpoint());
            }
            uow.forEachAudit(s.municipality(), 1, v::accept);
        }
        AuditVerifier.Result r = v.finish(1);
        try (UnitOfWork uow = s.store().write()) {
            audit.append(uow, s, new AuditLog.Entry(AuditLog.ADMIN, "audit verify", r.ok() ? "ok" : "failed",
                    Map.of("entries", r.entries(), "signatures", r.signatures(), "full", full ? 1L : 0L), List.of(), Map.of()));
            uow.commit();
        }
        return r;
    }

    private static void checkKept(AuditVerifier v, KeptCheckpoint kept, byte[] storeKey, String muni) {
        if (!java.util.Arrays.equals(kept.auditSignPublic(), storeKey)) {
            // The store's audit key is not the one the kept checkpoint was signed with: someone replaced it.
            v.checkpoint(new CheckpointRow(muni, kept.checkpoint().seq(), kept.checkpoint().chainHash(),
                    kept.checkpoint().at(), kept.checkpoint().principalId(), new byte[64]));
        }
    }

    /** Verifies an exported NDJSON file; needs no store. */
    public static AuditVerifier.Result verifyFile(InputStream in, KeptCheckpoint kept, boolean full) {
        try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            String line = r.readLine();
            if (line == null) {
                throw new VrsException(ExitCode.INVALID_INPUT, ServiceMessages.get("audit.file.empty"));
            }
            JsonNode h = Json.MAPPER.readTree(line);
            if (!"header".equals(text(h, "type")) || !FORMAT.equals(text(h, "format"))) {
                throw new VrsException(ExitCode.INVALID_INPUT, ServiceMessages.get("audit.file.format"));
            }
            String muni = text(h, "municipality");
            byte[] auditKey = Json.unb64(text(h, "audit_sign_public"));
            long first = h.get("first_seq").asLong();
            Map<String, byte[]> keys = new HashMap<>();
            h.get("keys").fields().forEachRemaining(e -> keys.put(e.getKey(), Json.unb64(e.getValue().asText())));
            byte[] firstPrev = first == 1 ? AuditLog.GENESIS : null;
            AuditVerifier v = new AuditVerifier(muni, auditKey, first == 0 ? 1 : first, firstPrev, keys, full);
            if (kept != null) {
                checkKept(v, kept, auditKey, muni);
                v.checkpoint(kept.checkpoint());
            }
            long lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = Json.MAPPER.readTree(line);
                String type = text(n, "type");
                if ("entry".equals(type)) {
                    v.accept(entryFromJson(muni, n));
                } else if ("checkpoint".equals(type)) {
                    v.checkpoint(checkpointFromJson(n));
                } else {
                    throw new VrsException(ExitCode.INVALID_INPUT, ServiceMessages.get("audit.file.line", lineNo));
                }
            }
            return v.finish(first);
        } catch (IOException e) {
            throw new VrsException(ExitCode.INVALID_INPUT, ServiceMessages.get("audit.file.format"), e);
        }
    }

    // ------------------------------------------------------------------ checkpoint, subject

    /** Signs a checkpoint now and returns it with the audit public key, for keeping outside the store. */
    public Map<String, Object> checkpoint(Session s) {
        s.require(Action.AUDIT_READ);
        try (UnitOfWork uow = s.store().write()) {
            audit.append(uow, s, new AuditLog.Entry(AuditLog.ADMIN, "audit checkpoint", "ok", Map.of(), List.of(),
                    Map.of()));
            CheckpointRow cp = audit.checkpoint(uow, s);
            MunicipalitySettings st = settings(uow, s.municipality());
            uow.commit();
            Map<String, Object> m = checkpointJson(cp);
            m.put("audit_sign_public", st.auditSignPublic());
            return m;
        }
    }

    /** The surrogate id to search the trail for, from a My Number, 宛名番号 or ticket (admin only). */
    public String subject(Session s, ResidentService.Selector sel) {
        s.require(Action.AUDIT_SUBJECT);
        try (UnitOfWork uow = s.store().write()) {
            String id = ResidentService.find(s, uow, sel).id();
            audit.append(uow, s, new AuditLog.Entry(AuditLog.READ_INTENT, "audit subject", "ok", Map.of(),
                    List.of(id), Map.of()));
            uow.commit();
            return id;
        }
    }

    static boolean verifySignature(byte[] key, byte[] msg, byte[] sig) {
        return SigningKeyPair.verify(key, msg, sig);
    }
}
