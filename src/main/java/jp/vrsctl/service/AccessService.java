package jp.vrsctl.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import jp.vrsctl.crypto.Argon2Params;
import jp.vrsctl.crypto.DataKey;
import jp.vrsctl.crypto.Kdf;
import jp.vrsctl.crypto.KemKeyPair;
import jp.vrsctl.crypto.RecoveryCode;
import jp.vrsctl.crypto.Sealer;
import jp.vrsctl.crypto.Secrets;
import jp.vrsctl.crypto.SigningKeyPair;
import jp.vrsctl.crypto.WrappedSecret;
import jp.vrsctl.crypto.WrongSecretException;
import jp.vrsctl.domain.Municipality;
import jp.vrsctl.domain.MunicipalityRegistry;
import jp.vrsctl.store.Records.DataKeyRow;
import jp.vrsctl.store.Records.GrantRow;
import jp.vrsctl.store.Records.MunicipalityRow;
import jp.vrsctl.store.Records.PrincipalRow;
import jp.vrsctl.store.Store;
import jp.vrsctl.store.UnitOfWork;

/**
 * Creating a municipality's keys ({@code init}) and unlocking a principal (login). design.md §3:
 * users hold key pairs whose private halves Argon2id wraps; data keys are sealed to their public KEM keys.
 */
public final class AccessService {
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Duration KDF_TARGET = Duration.ofMillis(500);
    private static volatile Argon2Params calibrated;

    private final Clock clock;
    private final AuditLog audit;

    public AccessService(Clock clock) {
        this.clock = clock;
        this.audit = new AuditLog(clock);
    }

    /** Argon2id parameters calibrated once per process (design.md §3), never below the floor. */
    static Argon2Params kdfParams() {
        Argon2Params p = calibrated;
        if (p == null) {
            synchronized (AccessService.class) {
                if (calibrated == null) {
                    calibrated = Kdf.calibrate(KDF_TARGET);
                }
                p = calibrated;
            }
        }
        return p;
    }

    public static String validateUserName(String name) {
        if (name == null || !USER_NAME.matcher(name).matches()) {
            throw new VrsException(ExitCode.USAGE, ServiceMessages.get("user.name.invalid"));
        }
        return name;
    }

    /** The municipality codes already in {@code store}. */
    public List<String> municipalities(Store store) {
        try (UnitOfWork uow = store.read()) {
            return uow.municipalities().stream().map(MunicipalityRow::muni).toList();
        }
    }

    /** Refuses a password that is too short or too common (exit 3), before anything is created. */
    public static void checkPassword(char[] password) {
        Passwords.checkStrength(password);
    }

    /** What {@link #init} created. The recovery code must be shown once and then wiped by the caller. */
    public record InitResult(Municipality municipality, String adminId, char[] recoveryCode, Argon2Params kdf) {}

    /**
     * Creates the municipality {@code code} in {@code store}: its data keys, the admin user (whose password
     * is {@code password}), the recovery identity, and the first audit entry.
     */
    public InitResult init(Store store, String code, String displayName, String adminName, char[] password) {
        Municipality m = MunicipalityRegistry.bundled().require(code);
        validateUserName(adminName);
        Passwords.checkStrength(password);
        String muni = m.code().value();
        Argon2Params params = kdfParams();
        String now = Instant.now(clock).toString();
        try (UnitOfWork uow = store.write()) {
            if (uow.municipality(muni).isPresent()) {
                throw new VrsException(ExitCode.CONFLICT, ServiceMessages.get("init.exists", muni));
            }
            Keyring keys = new Keyring(muni);
            for (String name : List.of(Keyring.OPS, Keyring.PII, Keyring.INDEX)) {
                keys.add(DataKey.generate(name, 1), true);
                uow.insertDataKey(new DataKeyRow(muni, name, 1, now, true, 0));
            }
            KemKeyPair auditKem = KemKeyPair.generate();
            SigningKeyPair auditSign = SigningKeyPair.generate();
            keys.addSecret(Keyring.AUDIT_SEAL, KeyMaterial.bundle(auditKem.publicKey(), auditKem.privateKey()));
            keys.addSecret(Keyring.AUDIT_SIGN, KeyMaterial.bundle(auditSign.publicKey(), auditSign.privateKey()));
            MunicipalitySettings settings = new MunicipalitySettings(Json.b64(auditKem.publicKey()),
                    Json.b64(auditSign.publicKey()), auditKem.algorithm());
            String name = displayName == null || displayName.isBlank() ? m.name() : displayName;
            uow.insertMunicipality(new MunicipalityRow(muni, name, now, settings.toJson()));

            // the admin
            PrincipalRow admin = newPrincipal(muni, Ids.newId('U'), adminName, Role.ADMIN, password, params, false, now);
            uow.insertPrincipal(admin);
            KeyMaterial.insertAll(uow, KeyMaterial.grantsFor(Role.ADMIN, admin, keys));

            // the recovery identity: every key sealed to a key pair that only the recovery code unwraps
            char[] recovery = RecoveryCode.generate();
            PrincipalRow rec = newPrincipal(muni, Ids.newId('U'), KeyMaterial.RECOVERY_NAME, Role.RECOVERY,
                    RecoveryCode.normalize(recovery), params, false, now);
            uow.insertPrincipal(rec);
            KeyMaterial.insertAll(uow, KeyMaterial.grantsFor(Role.RECOVERY, rec, keys));

            auditKem.destroy();
            auditSign.destroy();
            try (Session s = unlock(store, uow, admin, password)) {
                audit.append(uow, s, new AuditLog.Entry(AuditLog.ADMIN, "init", "ok",
                        Map.of("users", 1L), List.of(), Map.of("municipality", muni, "admin", adminName),
                        Map.of(admin.id(), Json.b64(admin.signingPublic()), rec.id(), Json.b64(rec.signingPublic()))));
            }
            keys.close();
            uow.commit();
            return new InitResult(m, admin.id(), recovery, params);
        }
    }

    /** Creates a principal row with fresh key pairs whose private halves are wrapped under {@code secret}. */
    static PrincipalRow newPrincipal(String muni, String id, String name, Role role, char[] secret,
                                     Argon2Params params, boolean mustChange, String now) {
        KemKeyPair kem = KemKeyPair.generate();
        SigningKeyPair sig = SigningKeyPair.generate();
        byte[] bundle = KeyMaterial.bundle(kem.privateKey(), sig.privateKey());
        byte[] wrapped = WrappedSecret.wrap(secret, params, bundle, KeyMaterial.principalAad(muni, id));
        Secrets.wipe(bundle);
        PrincipalRow row = new PrincipalRow(muni, id, name, role.id(), "active", kem.publicKey(), sig.publicKey(),
                wrapped, mustChange, 0, null, now);
        kem.destroy();
        sig.destroy();
        return row;
    }

    /**
     * Logs in: unwraps the user's private keys with their password and opens what is sealed to them.
     * Any failure exits 4 with the same message, whether or not the user exists, and is recorded.
     */
    public Session login(Store store, String muni, String userName, char[] password) {
        Optional<PrincipalRow> found;
        try (UnitOfWork uow = store.read()) {
            found = uow.principalByName(muni, userName == null ? "" : userName);
            if (uow.municipality(muni).isEmpty()) {
                found = Optional.empty();
            }
        }
        PrincipalRow p = found.filter(r -> "active".equals(r.status()) && !Role.RECOVERY.id().equals(r.role()))
                .orElse(null);
        if (p == null) {
            Passwords.burnEquivalentTime(kdfParams());
            recordFailure(store, muni, null, userName);
            throw authFailed();
        }
        if (throttled(p)) {
            // Repeated failures slow further attempts: during the back-off even the right password fails,
            // with the same message. Against a copy of the file only Argon2id's cost protects (docs/security.md).
            recordFailure(store, muni, p, userName);
            throw authFailed();
        }
        Session s;
        try (UnitOfWork uow = store.read()) {
            s = unlock(store, uow, p, password);
        } catch (WrongSecretException e) {
            recordFailure(store, muni, p, userName);
            throw authFailed();
        }
        // After the read unit of work is closed: a write inside it waits for its own lock (store busy).
        // Every successful login is an audit entry, signed with the user's own key (design.md §5).
        try (UnitOfWork uow = store.write()) {
            if (p.failedLogins() > 0) {
                PrincipalRow cur = uow.principal(p.muni(), p.id()).orElse(p);
                uow.updatePrincipal(new PrincipalRow(cur.muni(), cur.id(), cur.name(), cur.role(), cur.status(),
                        cur.kemPublic(), cur.signingPublic(), cur.wrapped(), cur.mustChangePassword(), 0, null,
                        cur.createdAt()));
            }
            audit.append(uow, s, new AuditLog.Entry(AuditLog.LOGIN, "login", "ok", Map.of(), List.of(), Map.of()));
            uow.commit();
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** After 5 failures, each further attempt waits 2^(n-5) seconds (at most 15 minutes) after the last one. */
    boolean throttled(PrincipalRow p) {
        if (p.failedLogins() < 5 || p.lastFailureAt() == null) {
            return false;
        }
        long delay = Math.min(900L, 1L << Math.min(20, p.failedLogins() - 5));
        Instant until = Instant.parse(p.lastFailureAt()).plusSeconds(delay);
        return Instant.now(clock).isBefore(until);
    }

    static VrsException authFailed() {
        return new VrsException(ExitCode.NOT_PERMITTED, ServiceMessages.get("auth.failed"));
    }

    /** Opens a principal's keys within an existing unit of work. */
    Session unlock(Store store, UnitOfWork uow, PrincipalRow p, char[] secret) {
        byte[] bundle = WrappedSecret.unwrap(secret, p.wrapped(), KeyMaterial.principalAad(p.muni(), p.id()));
        byte[][] parts = KeyMaterial.unbundle(bundle);
        Secrets.wipe(bundle);
        KemKeyPair kem = KemKeyPair.of(p.kemPublic(), parts[0]);
        SigningKeyPair sig = SigningKeyPair.of(p.signingPublic(), parts[1]);
        Secrets.wipe(parts[0]);
        Secrets.wipe(parts[1]);
        Keyring keys = new Keyring(p.muni());
        List<DataKeyRow> meta = uow.dataKeys(p.muni());
        for (GrantRow g : uow.grants(p.muni(), p.id())) {
            byte[] secretBytes = Sealer.open(kem, g.sealed(), KeyMaterial.GRANT_INFO,
                    KeyMaterial.grantAad(p.muni(), p.id(), g.keyName(), g.keyVersion()));
            if (g.keyName().equals(Keyring.AUDIT_SEAL) || g.keyName().equals(Keyring.AUDIT_SIGN)) {
                keys.addSecret(g.keyName(), secretBytes);
            } else if (g.keyName().startsWith(Keyring.INDEX_COLUMN_PREFIX)) {
                keys.addColumnKey(g.keyName().substring(Keyring.INDEX_COLUMN_PREFIX.length()), secretBytes);
            } else {
                boolean primary = meta.stream().anyMatch(d -> d.name().equals(g.keyName())
                        && d.version() == g.keyVersion() && d.primary());
                keys.add(DataKey.of(g.keyName(), g.keyVersion(), secretBytes), primary);
            }
            Secrets.wipe(secretBytes);
        }
        kem.destroy();
        return new Session(store, p.muni(), p.id(), p.name(), Role.valueOf(p.role().toUpperCase(java.util.Locale.ROOT)),
                keys, sig, p.mustChangePassword());
    }

    private void recordFailure(Store store, String muni, PrincipalRow p, String userName) {
        try (UnitOfWork uow = store.write()) {
            if (uow.municipality(muni).isEmpty()) {
                return;
            }
            if (p != null) {
                PrincipalRow cur = uow.principal(muni, p.id()).orElse(p);
                uow.updatePrincipal(new PrincipalRow(cur.muni(), cur.id(), cur.name(), cur.role(), cur.status(),
                        cur.kemPublic(), cur.signingPublic(), cur.wrapped(), cur.mustChangePassword(),
                        cur.failedLogins() + 1, Instant.now(clock).toString(), cur.createdAt()));
            }
            // The user name typed is not personal data of a resident; it is kept so an admin can see guessing.
            audit.appendUnsigned(uow, muni, p == null ? null : p.id(), userName, p == null ? null : p.role(),
                    new AuditLog.Entry(AuditLog.LOGIN_FAILED, "login", "denied", Map.of(), List.of(), Map.of()));
            uow.commit();
        }
    }

}
