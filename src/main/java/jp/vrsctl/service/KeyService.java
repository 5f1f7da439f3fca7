package jp.vrsctl.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import jp.vrsctl.crypto.Aead;
import jp.vrsctl.crypto.AeadContext;
import jp.vrsctl.crypto.Argon2Params;
import jp.vrsctl.crypto.DataKey;
import jp.vrsctl.crypto.RecoveryCode;
import jp.vrsctl.crypto.Secrets;
import jp.vrsctl.crypto.WrappedSecret;
import jp.vrsctl.crypto.WrongSecretException;
import jp.vrsctl.store.Records.DataKeyRow;
import jp.vrsctl.store.Records.PrincipalRow;
import jp.vrsctl.store.Records.SealedRow;
import jp.vrsctl.store.Store;
import jp.vrsctl.store.UnitOfWork;

/** Data keys (issue 3 §4): status, rotate (+ reseal), recover, upgrade-kdf. */
public final class KeyService {
    static final int RESEAL_BATCH = 500;

    private final Clock clock;
    private final AuditLog audit;

    public KeyService(Clock clock) {
        this.clock = clock;
        this.audit = new AuditLog(clock);
    }

    public record KeyVersion(String name, int version, boolean primary, String createdAt, long encryptions,
                             String algorithm) {}

    public record Status(List<KeyVersion> keys, List<UserService.User> users, Map<String, String> algorithms) {}

    public Status status(Session s) {
        s.require(Action.ADMINISTER);
        List<KeyVersion> keys = new ArrayList<>();
        List<UserService.User> users = new ArrayList<>();
        try (UnitOfWork uow = s.store().write()) {
            s.keys().flushEncryptionCounts(uow);
            for (DataKeyRow d : uow.dataKeys(s.municipality())) {
                keys.add(new KeyVersion(d.name(), d.version(), d.primary(), d.createdAt(), d.encryptions(),
                        d.name().equals(Keyring.INDEX) ? "HMAC-SHA256 (HKDF per column)" : "AES-256-GCM"));
            }
            for (PrincipalRow p : uow.principals(s.municipality())) {
                users.add(UserService.view(p));
            }
            audit.append(uow, s, new AuditLog.Entry(AuditLog.ADMIN, "key status", "ok", Map.of(), List.of(), Map.of()));
            uow.commit();
        }
        Map<String, String> alg = new LinkedHashMap<>();
        alg.put("data", "AES-256-GCM, 96-bit random nonce, AAD binds municipality/table/row/column/version");
        alg.put("blind-index", "HMAC-SHA256, column keys by HKDF-SHA256 from K_index");
        alg.put("key-sealing", "HPKE base mode, X-Wing (ML-KEM-768 + X25519), HKDF-SHA256, AES-256-GCM");
        alg.put("user-signing", "Ed25519");
        alg.put("password", "Argon2id (parameters per user)");
        return new Status(keys, users, alg);
    }

    /** What a rotation did. */
    public record Rotation(Map<String, Integer> newVersions, int principalsSealed, ResealProgress reseal) {}

    public record ResealProgress(long rowsChecked, long columnsResealed, long remainingOld) {}

    /**
     * New versions of K_ops and K_pii, sealed to every active principal whose role holds them; new data is
     * sealed under them, old data stays readable. K_index is not rotated (lookups must keep working).
     */
    public Rotation rotate(Session s, boolean reseal, LongConsumer progress) {
        s.require(Action.ADMINISTER);
        String now = Instant.now(clock).toString();
        Map<String, Integer> versions = new LinkedHashMap<>();
        int sealedTo = 0;
        try (UnitOfWork uow = s.store().write()) {
            s.keys().flushEncryptionCounts(uow);
            List<DataKeyRow> meta = uow.dataKeys(s.municipality());
            List<PrincipalRow> principals = uow.principals(s.municipality()).stream()
                    .filter(p -> UserService.ACTIVE.equals(p.status())).toList();
            for (String name : List.of(Keyring.OPS, Keyring.PII)) {
                int next = meta.stream().filter(d -> d.name().equals(name)).mapToInt(DataKeyRow::version).max()
                        .orElse(0) + 1;
                DataKey key = DataKey.generate(name, next);
                uow.insertDataKey(new DataKeyRow(s.municipality(), name, next, now, true, 0));
                uow.setPrimaryDataKey(s.municipality(), name, next);
                for (PrincipalRow p : principals) {
                    Role role = Role.valueOf(p.role().toUpperCase(Locale.ROOT));
                    boolean holds = name.equals(Keyring.OPS) ? role.holdsOps() : role.holdsPii();
                    if (holds) {
                        uow.insertGrant(KeyMaterial.seal(p, name, next, key.exportBytes()));
                        sealedTo++;
                    }
                }
                s.keys().add(key, true);
                versions.put(name, next);
            }
            audit.append(uow, s, new AuditLog.Entry(AuditLog.ADMIN, "key rotate", "ok",
                    Map.of("grants", (long) sealedTo), List.of(), new LinkedHashMap<>(versions)));
            uow.commit();
        }
        ResealProgress rp = reseal ? reseal(s, progress) : null;
        return new Rotation(versions, sealedTo, rp);
    }

    /**
     * Re-encrypts every sealed column (current rows and history) still under an older key version, in
     * batches that each commit, so an interrupted run resumes where it stopped when run again.
     */
    public ResealProgress reseal(Session s, LongConsumer progress) {
        s.require(Action.ADMINISTER);
        long checked = 0;
        long resealed = 0;
        String muni = s.municipality();
        Aead ops = s.keys().ops();
        Aead pii = s.keys().pii();
        for (String table : UnitOfWork.SEALED_TABLES.keySet().stream().sorted().toList()) {
            String base = table.endsWith("_history") ? table.substring(0, table.length() - "_history".length()) : table;
            String afterId = "";
            long afterVersion = -1;
            while (true) {
                try (UnitOfWork uow = s.store().write()) {
                    List<SealedRow> batch = uow.sealedBatch(muni, table, afterId, afterVersion, RESEAL_BATCH);
                    if (batch.isEmpty()) {
                        break;
                    }
                    long n = 0;
                    for (SealedRow row : batch) {
                        for (Map.Entry<String, byte[]> col : row.columns().entrySet()) {
                            Aead a = col.getKey().equals("pii") ? pii : ops;
                            if (Aead.keyVersionOf(col.getValue()) == a.primaryVersion()) {
                                continue;
                            }
                            AeadContext ctx = new AeadContext(muni, base, row.id(), col.getKey(), row.version());
                            byte[] plain = a.open(col.getValue(), ctx);
                            uow.updateSealed(muni, table, row.id(), row.version(), col.getKey(), a.seal(plain, ctx));
                            Secrets.wipe(plain);
                            n++;
                        }
                        checked++;
                    }
                    SealedRow last = batch.get(batch.size() - 1);
                    afterId = last.id();
                    afterVersion = last.version();
                    resealed += n;
                    if (n > 0) {
                        audit.append(uow, s, new AuditLog.Entry(AuditLog.ADMIN, "key rotate --reseal", "ok",
                                Map.of("columns", n), List.of(), Map.of("table", table)));
                    }
                    uow.commit();
                    if (progress != null) {
                        progress.accept(checked);
                    }
                }
            }
        }
        return new ResealProgress(checked, resealed, countOld(s));
    }

    /** How many sealed columns are not under the primary key version (0 after a complete reseal). */
    public long countOld(Session s) {
        long old = 0;
        Aead ops = s.keys().ops();
        Aead pii = s.keys().pii();
        try (UnitOfWork uow = s.store().read()) {
            for (String table : UnitOfWork.SEALED_TABLES.keySet()) {
                String afterId = "";
                long afterVersion = -1;
                List<SealedRow> batch;
                while (!(batch = uow.sealedBatch(s.municipality(), table, afterId, afterVersion, 5000)).isEmpty()) {
                    for (SealedRow row : batch) {
                        for (Map.Entry<String, byte[]> col : row.columns().entrySet()) {
                            Aead a = col.getKey().equals("pii") ? pii : ops;
                            if (Aead.keyVersionOf(col.getValue()) != a.primaryVersion()) {
                                old++;
                            }
                        }
                    }
                    afterId = batch.get(batch.size() - 1).id();
                    afterVersion = batch.get(batch.size() - 1).version();
                }
            }
        }
        return old;
    }

    /**
     * Recovery: the recovery code unlocks the recovery identity, which gives admin user {@code userName} new
     * key pairs and a new password, with the data keys sealed to them afresh. No old secret is re-wrapped.
     */
    public UserService.User recover(Store store, String muni, char[] recoveryCode, String userName, char[] newPassword) {
        Passwords.checkStrength(newPassword);
        char[] code = RecoveryCode.normalize(recoveryCode);
        try {
            if (!RecoveryCode.looksValid(code)) {
                // The checksum is not secret: say it is a typo before spending an Argon2id derivation.
                recoverFailed(store, muni, userName);
                throw new VrsException(ExitCode.NOT_PERMITTED, ServiceMessages.get("key.recover.typo"));
            }
            AccessService access = new AccessService(clock);
            PrincipalRow rec;
            try (UnitOfWork uow = store.read()) {
                rec = uow.principalByName(muni, KeyMaterial.RECOVERY_NAME).orElseThrow(AccessService::authFailed);
            }
            String now = Instant.now(clock).toString();
            try (UnitOfWork uow = store.write(); Session rs = access.unlock(store, uow, rec, code)) {
                PrincipalRow target = uow.principalByName(muni, userName)
                        .filter(p -> Role.ADMIN.id().equals(p.role()))
                        .orElseThrow(() -> new VrsException(ExitCode.NOT_FOUND,
                                ServiceMessages.get("key.recover.noadmin", userName)));
                PrincipalRow fresh = AccessService.newPrincipal(muni, target.id(), target.name(), Role.ADMIN,
                        newPassword, AccessService.kdfParams(), false, target.createdAt());
                fresh = new PrincipalRow(fresh.muni(), fresh.id(), fresh.name(), fresh.role(), UserService.ACTIVE,
                        fresh.kemPublic(), fresh.signingPublic(), fresh.wrapped(), false, 0, null, fresh.createdAt());
                uow.deleteGrants(muni, target.id());
                uow.updatePrincipal(fresh);
                KeyMaterial.insertAll(uow, KeyMaterial.grantsFor(Role.ADMIN, fresh, rs.keys()));
                audit.append(uow, rs, new AuditLog.Entry(AuditLog.ADMIN, "key recover", "ok", Map.of("users", 1L),
                        List.of(), Map.of("user", userName, "at", now),
                        Map.of(fresh.id(), Json.b64(fresh.signingPublic()))));
                uow.commit();
                return UserService.view(fresh);
            } catch (WrongSecretException e) {
                recoverFailed(store, muni, userName);
                throw AccessService.authFailed();
            }
        } finally {
            Secrets.wipe(code);
        }
    }

    /** A failed recovery attempt is chained unsigned (no key is unlocked), like a failed login. */
    private void recoverFailed(Store store, String muni, String userName) {
        try (UnitOfWork uow = store.write()) {
            if (uow.municipality(muni).isPresent()) {
                audit.appendUnsigned(uow, muni, null, userName, null, new AuditLog.Entry(AuditLog.RECOVER_FAILED,
                        "key recover", "denied", Map.of(), List.of(), Map.of()));
                uow.commit();
            }
        }
    }

    /** Re-wraps the caller's private keys with today's Argon2id parameters (never weaker than the floor). */
    public UserService.User upgradeKdf(Session s, char[] password) {
        s.require(Action.OWN_PASSWORD);
        if (s.mustChangePassword()) { // a one-time password only runs user passwd; never re-wrap under it
            throw new VrsException(ExitCode.NOT_PERMITTED, ServiceMessages.get("auth.mustchange"));
        }
        try (UnitOfWork uow = s.store().write()) {
            PrincipalRow p = uow.principal(s.municipality(), s.principalId()).orElseThrow();
            byte[] aad = KeyMaterial.principalAad(p.muni(), p.id());
            byte[] bundle = WrappedSecret.unwrap(password, p.wrapped(), aad);
            Argon2Params params = AccessService.kdfParams();
            Argon2Params old = WrappedSecret.paramsOf(p.wrapped());
            byte[] wrapped;
            try {
                wrapped = WrappedSecret.wrap(password, params, bundle, aad);
            } finally {
                Secrets.wipe(bundle);
            }
            PrincipalRow updated = UserService.with(p, p.role(), p.status(), p.kemPublic(), p.signingPublic(), wrapped,
                    p.mustChangePassword());
            uow.updatePrincipal(updated);
            audit.append(uow, s, new AuditLog.Entry(AuditLog.ADMIN, "key upgrade-kdf", "ok", Map.of(), List.of(),
                    Map.of("from", old.encode(), "to", params.encode())));
            uow.commit();
            return UserService.view(updated);
        }
    }
}
