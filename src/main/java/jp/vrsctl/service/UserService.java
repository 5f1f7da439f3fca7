package jp.vrsctl.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import jp.vrsctl.crypto.Argon2Params;
import jp.vrsctl.crypto.Fingerprint;
import jp.vrsctl.crypto.Secrets;
import jp.vrsctl.crypto.WrappedSecret;
import jp.vrsctl.store.Records.PrincipalRow;
import jp.vrsctl.store.UnitOfWork;

/**
 * Users (issue 3): an admin adds, disables, resets and re-roles users without anyone else's password, by
 * sealing the role's keys to the user's public key; each user changes their own password by re-wrapping
 * their own private keys.
 */
public final class UserService {
    private static final char[] OTP_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    static final String ACTIVE = "active";
    static final String DISABLED = "disabled";

    private final Clock clock;
    private final AuditLog audit;

    public UserService(Clock clock) {
        this.clock = clock;
        this.audit = new AuditLog(clock);
    }

    /** A user as {@code user list} shows it (no secret material). */
    public record User(String id, String name, Role role, String status, boolean mustChangePassword, int failedLogins,
                       String createdAt, String kdf, String signingFingerprint) {}

    /** A new one-time password, which the caller shows once and wipes. */
    public record OneTime(User user, char[] password) {}

    static User view(PrincipalRow p) {
        return new User(p.id(), p.name(), Role.valueOf(p.role().toUpperCase(Locale.ROOT)), p.status(),
                p.mustChangePassword(), p.failedLogins(), p.createdAt(), WrappedSecret.paramsOf(p.wrapped()).encode(),
                Fingerprint.of(p.signingPublic()));
    }

    /** A one-time password: 20 symbols from an unambiguous alphabet (~99 bits), in groups of 5. */
    static char[] oneTimePassword() {
        char[] out = new char[23];
        int j = 0;
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) {
                out[j++] = '-';
            }
            out[j++] = OTP_ALPHABET[Secrets.random().nextInt(OTP_ALPHABET.length)];
        }
        return out;
    }

    public OneTime add(Session s, String name, Role role) {
        s.require(Action.ADMINISTER);
        AccessService.validateUserName(name);
        if (role == Role.RECOVERY) {
            throw new VrsException(ExitCode.USAGE, ServiceMessages.get("role.unknown", role.id()));
        }
        String now = Instant.now(clock).toString();
        char[] otp = oneTimePassword();
        try (UnitOfWork uow = s.store().write()) {
            if (uow.principalByName(s.municipality(), name).isPresent()) {
                throw new VrsException(ExitCode.CONFLICT, ServiceMessages.get("user.exists", name));
            }
            PrincipalRow p = AccessService.newPrincipal(s.municipality(), Ids.newId('U'), name, role, otp,
                    AccessService.kdfParams(), true, now);
            uow.insertPrincipal(p);
            KeyMaterial.insertAll(uow, KeyMaterial.grantsFor(role, p, s.keys()));
            audit.append(uow, s, new AuditLog.Entry(AuditLog.ADMIN, "user add", "ok", Map.of("users", 1L), List.of(),
                    Map.of("user", name, "role", role.id()), Map.of(p.id(), Json.b64(p.signingPublic()))));
            uow.commit();
            return new OneTime(view(p), otp);
        } catch (RuntimeException e) {
            Secrets.wipe(otp);
            throw e;
        }
    }

    public List<User> list(Session s) {
        s.require(Action.ADMINISTER);
        List<User> out = new ArrayList<>();
        try (UnitOfWork uow = s.store().write()) {
            for (PrincipalRow p : uow.principals(s.municipality())) {
                if (!Role.RECOVERY.id().equals(p.role())) {
                    out.add(view(p));
                }
            }
            audit.append(uow, s, new AuditLog.Entry(AuditLog.ADMIN, "user list", "ok", Map.of("users", (long) out.size()),
                    List.of(), Map.of()));
            uow.commit();
        }
        return out;
    }

    private static PrincipalRow user(UnitOfWork uow, String muni, String name) {
        return uow.principalByName(muni, name).filter(p -> !Role.RECOVERY.id().equals(p.role()))
                .orElseThrow(() -> new VrsException(ExitCode.NOT_FOUND, ServiceMessages.get("user.notfound", name)));
    }

    private static void refuseLastAdmin(UnitOfWork uow, PrincipalRow target) {
        if (!Role.ADMIN.id().equals(target.role())) {
            return;
        }
        long admins = uow.principals(target.muni()).stream()
                .filter(p -> Role.ADMIN.id().equals(p.role()) && ACTIVE.equals(p.status())).count();
        if (admins <= 1) {
            throw new VrsException(ExitCode.CONFLICT, ServiceMessages.get("user.lastadmin"));
        }
    }

    /** Disables a user and deletes everything sealed to them: their password no longer opens anything here. */
    public User disable(Session s, String name) {
        s.require(Action.ADMINISTER);
        try (UnitOfWork uow = s.store().write()) {
            PrincipalRow p = user(uow, s.municipality(), name);
            if (DISABLED.equals(p.status())) {
                throw new VrsException(ExitCode.CONFLICT, ServiceMessages.get("user.alreadydisabled", name));
            }
            refuseLastAdmin(uow, p);
            uow.deleteGrants(s.municipality(), p.id());
            PrincipalRow next = with(p, p.role(), DISABLED, p.kemPublic(), p.signingPublic(), p.wrapped(), false);
            uow.updatePrincipal(next);
            audit.append(uow, s, new AuditLog.Entry(AuditLog.ADMIN, "user disable", "ok", Map.of("users", 1L), List.of(),
                    Map.of("user", name)));
            uow.commit();
            return view(next);
        }
    }

    /** New key pairs for the user, the role's keys sealed to them afresh, and a new one-time password. */
    public OneTime reset(Session s, String name) {
        s.require(Action.ADMINISTER);
        String now = Instant.now(clock).toString();
        char[] otp = oneTimePassword();
        try (UnitOfWork uow = s.store().write()) {
            PrincipalRow p = user(uow, s.municipality(), name);
            Role role = Role.valueOf(p.role().toUpperCase(Locale.ROOT));
            PrincipalRow fresh = AccessService.newPrincipal(s.municipality(), p.id(), p.name(), role, otp,
                    AccessService.kdfParams(), true, p.createdAt());
            uow.deleteGrants(s.municipality(), p.id());
            uow.updatePrincipal(fresh);
            KeyMaterial.insertAll(uow, KeyMaterial.grantsFor(role, fresh, s.keys()));
            audit.append(uow, s, new AuditLog.Entry(AuditLog.ADMIN, "user reset", "ok", Map.of("users", 1L), List.of(),
                    Map.of("user", name, "at", now), Map.of(fresh.id(), Json.b64(fresh.signingPublic()))));
            uow.commit();
            return new OneTime(view(fresh), otp);
        } catch (RuntimeException e) {
            Secrets.wipe(otp);
            throw e;
        }
    }

    /** Seals the new role's keys to the user and deletes what the old role had. */
    public User changeRole(Session s, String name, Role role) {
        s.require(Action.ADMINISTER);
        if (role == Role.RECOVERY) {
            throw new VrsException(ExitCode.USAGE, ServiceMessages.get("role.unknown", role.id()));
        }
        try (UnitOfWork uow = s.store().write()) {
            PrincipalRow p = user(uow, s.municipality(), name);
            if (!ACTIVE.equals(p.status())) {
                throw new VrsException(ExitCode.CONFLICT, ServiceMessages.get("user.alreadydisabled", name));
            }
            if (role != Role.ADMIN) {
                refuseLastAdmin(uow, p);
            }
            String old = p.role();
            PrincipalRow next = with(p, role.id(), p.status(), p.kemPublic(), p.signingPublic(), p.wrapped(),
                    p.mustChangePassword());
            uow.deleteGrants(s.municipality(), p.id());
            uow.updatePrincipal(next);
            KeyMaterial.insertAll(uow, KeyMaterial.grantsFor(role, next, s.keys()));
            audit.append(uow, s, new AuditLog.Entry(AuditLog.ADMIN, "user role", "ok", Map.of("users", 1L), List.of(),
                    Map.of("user", name, "from", old, "to", role.id())));
            uow.commit();
            return view(next);
        }
    }

    /**
     * Changes the caller's own password: the same private keys, re-wrapped under the new password with the
     * current Argon2id parameters. Also how a new user replaces their one-time password.
     */
    public User changeOwnPassword(Session s, char[] current, char[] next) {
        s.require(Action.OWN_PASSWORD);
        Passwords.checkStrength(next);
        if (java.util.Arrays.equals(current, next)) {
            throw new VrsException(ExitCode.INVALID_INPUT, ServiceMessages.get("password.same"));
        }
        try (UnitOfWork uow = s.store().write()) {
            PrincipalRow p = uow.principal(s.municipality(), s.principalId()).orElseThrow();
            byte[] aad = KeyMaterial.principalAad(p.muni(), p.id());
            byte[] bundle = WrappedSecret.unwrap(current, p.wrapped(), aad);
            Argon2Params params = AccessService.kdfParams();
            byte[] wrapped;
            try {
                wrapped = WrappedSecret.wrap(next, params, bundle, aad);
            } finally {
                Secrets.wipe(bundle);
            }
            PrincipalRow updated = with(p, p.role(), p.status(), p.kemPublic(), p.signingPublic(), wrapped, false);
            uow.updatePrincipal(updated);
            audit.append(uow, s, new AuditLog.Entry(AuditLog.ADMIN, "user passwd", "ok", Map.of(), List.of(),
                    Map.of("kdf", params.encode())));
            uow.commit();
            return view(updated);
        }
    }

    static PrincipalRow with(PrincipalRow p, String role, String status, byte[] kemPub, byte[] sigPub, byte[] wrapped,
                             boolean mustChange) {
        return new PrincipalRow(p.muni(), p.id(), p.name(), role, status, kemPub, sigPub, wrapped, mustChange,
                p.failedLogins(), p.lastFailureAt(), p.createdAt());
    }
}
