package jp.vrsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.vrsctl.crypto.Aead;
import jp.vrsctl.crypto.AeadContext;
import jp.vrsctl.crypto.IntegrityException;
import jp.vrsctl.crypto.RecoveryCode;
import jp.vrsctl.service.AccessService;
import jp.vrsctl.service.Session;
import jp.vrsctl.store.Store;

/**
 * Users and keys over their life (issue 3): role changes and rotation by an admin alone, reseal, disable,
 * reset, recover, password rules and login back-off. Each test has its own store.
 */
class UserLifecycleTest {
    @TempDir
    Path dir;

    static final String[] SEALED = {"resident", "resident_history", "ticket", "ticket_history", "dose", "dose_history"};

    static List<JsonNode> records(Cli.Result r) throws Exception {
        JsonNode doc = new ObjectMapper().readTree(r.out());
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : doc.isArray() ? doc : doc.path("records")) {
            out.add(n);
        }
        return out;
    }

    static JsonNode user(UserFixture fx, String name) throws Exception {
        Cli.Result r = fx.as(Cli.ADMIN).run("user", "list", "-o", "json");
        assertEquals(0, r.code(), r::toString);
        for (JsonNode n : records(r)) {
            if (n.get("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no user " + name + " in " + r);
    }

    /** resident show by 宛名番号, My Number file and ticket: all three find the same person. */
    static void lookUp(UserFixture fx, String user, UserFixture.Person p) throws Exception {
        Cli cli = fx.as(user);
        Path mn = cli.write("mn-" + p.addressNumber(), p.myNumber() + "\n");
        List<String[]> ways = List.of(
                new String[] {"resident", "show", p.addressNumber(), "-o", "json"},
                new String[] {"resident", "show", "--my-number-file", mn.toString(), "-o", "json"},
                new String[] {"resident", "show", "--ticket", p.ticket(), "-o", "json"});
        for (String[] args : ways) {
            Cli.Result r = cli.run(args);
            assertEquals(0, r.code(), () -> user + " " + args[2] + ": " + r);
            JsonNode doc = new ObjectMapper().readTree(r.out());
            assertEquals(p.addressNumber(), doc.get("address_number").asText(), r::toString);
            assertEquals(p.name(), doc.get("name").asText(), r::toString);
            assertEquals(p.address(), doc.get("address").asText(), "the address (K_pii) reads back");
            String masked = doc.get("my_number").asText();
            assertTrue(masked.endsWith(p.myNumber().substring(8)) && !masked.equals(p.myNumber()),
                    "the My Number reads back (masked)");
        }
    }

    @Test
    void roleChangeAndRotationByAdminAloneKeepUsersWorking() throws Exception {
        UserFixture fx = new UserFixture(dir).residents(2).standardUsers();
        // From here on the admin acts alone: nothing below uses op1's or venue1's password until the checks.
        Cli admin = fx.as(Cli.ADMIN);
        Cli.Result r = admin.run("user", "role", UserFixture.VENUE, "operator");
        assertEquals(0, r.code(), r::toString);
        r = admin.run("key", "rotate");
        assertEquals(0, r.code(), r::toString);
        fx.residents(2); // people 3 and 4, sealed under the new key versions
        r = admin.run("user", "role", UserFixture.OPERATOR, "venue");
        assertEquals(0, r.code(), r::toString);
        r = admin.run("user", "role", UserFixture.OPERATOR, "operator");
        assertEquals(0, r.code(), r::toString);

        // Now the other users, with the passwords they set themselves before all this.
        for (String u : List.of(UserFixture.OPERATOR, UserFixture.VENUE)) {
            for (UserFixture.Person p : fx.people) {
                lookUp(fx, u, p);
            }
            Cli.Result list = fx.as(u).run("resident", "list", "-o", "json");
            assertEquals(0, list.code(), list::toString);
            assertEquals(4, records(list).size(), list::toString);
            // and they write under the new version: a dose recorded now opens for the others
        }
        r = fx.as(UserFixture.VENUE).run("dose", "record", "--ticket", fx.people.get(0).ticket(), "--birth-date",
                fx.people.get(0).birthDate(), "--date", "2024-05-20", "--product", "コミナティ", "--lot", "AB1");
        assertEquals(0, r.code(), r::toString);
        r = fx.as(UserFixture.OPERATOR).run("dose", "list", "--resident", fx.people.get(0).addressNumber(), "-o",
                "json");
        assertEquals(0, r.code(), r::toString);
        assertEquals(1, records(r).size(), r::toString);
        // the key versions each user holds: both versions of K_ops and K_pii, one K_index
        for (String u : List.of(UserFixture.OPERATOR, UserFixture.VENUE)) {
            assertEquals(List.of("index#1", "ops#1", "ops#2", "pii#1", "pii#2"), grants(fx, u), u);
        }
        // the auditor still logs in (no data key was sealed to them by the rotation)
        r = fx.as(UserFixture.AUDITOR).run("key", "upgrade-kdf");
        assertEquals(0, r.code(), r::toString);
        assertEquals(List.of("audit-seal#1", "audit-sign#1"), grants(fx, UserFixture.AUDITOR));
    }

    static List<String> grants(UserFixture fx, String user) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = fx.jdbc(); PreparedStatement st = c.prepareStatement(
                "SELECT g.key_name, g.key_version FROM key_grant g JOIN principal p ON p.muni = g.muni"
                        + " AND p.id = g.principal_id WHERE p.name = ? ORDER BY 1, 2")) {
            st.setString(1, user);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "#" + rs.getInt(2));
                }
            }
        }
        return out;
    }

    /** Key version of every sealed blob in the six sealed tables: "table.column" -> versions seen. */
    static Map<String, List<Integer>> blobVersions(UserFixture fx) throws Exception {
        Map<String, List<Integer>> out = new HashMap<>();
        try (Connection c = fx.jdbc()) {
            for (String table : SEALED) {
                boolean resident = table.startsWith("resident");
                String cols = resident ? "ops, pii" : "ops";
                try (PreparedStatement st = c.prepareStatement("SELECT " + cols + " FROM " + table);
                     ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(table + ".ops", k -> new ArrayList<>()).add(Aead.keyVersionOf(rs.getBytes(1)));
                        if (resident) {
                            out.computeIfAbsent(table + ".pii", k -> new ArrayList<>())
                                    .add(Aead.keyVersionOf(rs.getBytes(2)));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** A store with history in every sealed table: a changed resident, a voided ticket, a corrected dose. */
    static UserFixture storeWithHistory(Path dir) throws Exception {
        UserFixture fx = new UserFixture(dir).residents(3).standardUsers();
        Cli admin = fx.as(Cli.ADMIN);
        Cli.Result r = admin.run("resident", "flag", "0002", "--moved-out", "2024-05-01", "--reason", "test");
        assertEquals(0, r.code(), r::toString);
        r = admin.run("ticket", "void", fx.people.get(2).ticket(), "--reason", "test");
        assertEquals(0, r.code(), r::toString);
        r = admin.run("dose", "record", "--ticket", fx.people.get(0).ticket(), "--birth-date",
                fx.people.get(0).birthDate(), "--date", "2024-05-20", "--product", "コミナティ", "--lot", "AB1", "-o",
                "json");
        assertEquals(0, r.code(), r::toString);
        String doseId = new ObjectMapper().readTree(r.out()).get("dose_id").asText();
        r = admin.run("dose", "correct", doseId, "--lot", "AB2", "--reason", "typo");
        assertEquals(0, r.code(), r::toString);
        Map<String, List<Integer>> v = blobVersions(fx);
        for (String t : List.of("resident_history.ops", "resident_history.pii", "ticket_history.ops",
                "dose_history.ops", "dose.ops", "ticket.ops", "resident.pii")) {
            assertTrue(v.containsKey(t) && !v.get(t).isEmpty(), "fixture has rows in " + t);
        }
        return fx;
    }

    @Test
    void rotateWithResealLeavesNoCiphertextUnderTheOldVersion() throws Exception {
        UserFixture fx = storeWithHistory(dir);
        for (List<Integer> versions : blobVersions(fx).values()) {
            assertTrue(versions.stream().allMatch(x -> x == 1));
        }
        Cli admin = fx.as(Cli.ADMIN);
        Cli.Result r = admin.run("key", "rotate", "--reseal");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("0 still under an older key version"), r::toString);

        Map<String, List<Integer>> after = blobVersions(fx);
        assertEquals(SEALED.length + 2, after.size(), after::toString);
        for (Map.Entry<String, List<Integer>> e : after.entrySet()) {
            assertTrue(e.getValue().stream().allMatch(x -> x == 2), () -> e.getKey() + " still has " + e.getValue());
        }

        r = admin.run("key", "status", "-o", "json");
        assertEquals(0, r.code(), r::toString);
        Map<String, Integer> primary = new HashMap<>();
        for (JsonNode k : records(r)) {
            if (k.get("primary").asBoolean()) {
                assertEquals(null, primary.put(k.get("key").asText(), k.get("version").asInt()), "one primary per key");
            }
        }
        assertEquals(2, primary.get("ops"), r::toString);
        assertEquals(2, primary.get("pii"), r::toString);
        assertEquals(1, primary.get("index"), "K_index is not rotated: " + r);
        // encryptions are counted per key version: at least every re-encrypted column under v2
        long ops = 0;
        long pii = 0;
        for (Map.Entry<String, List<Integer>> e : after.entrySet()) {
            if (e.getKey().endsWith(".pii")) {
                pii += e.getValue().size();
            } else {
                ops += e.getValue().size();
            }
        }
        for (JsonNode k : records(r)) {
            long n = k.get("encryptions").asLong();
            int v = k.get("version").asInt();
            switch (k.get("key").asText() + "#" + v) {
                case "ops#1", "pii#1" -> assertTrue(n > 0, r::toString);
                case "ops#2" -> assertTrue(n >= ops, ops + " ops columns, counted " + n);
                case "pii#2" -> assertTrue(n >= pii, pii + " pii columns, counted " + n);
                default -> { }
            }
        }

        // resuming a finished reseal finds nothing to do
        r = admin.run("key", "rotate", "--reseal-only");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains(", 0 column(s) re-encrypted; 0 still"), r::toString);

        // everything reads back, for the users whose passwords the admin never had
        for (UserFixture.Person p : fx.people) {
            lookUp(fx, UserFixture.OPERATOR, p);
        }
        r = fx.as(UserFixture.OPERATOR).run("dose", "list", "-o", "json");
        assertEquals(0, r.code(), r::toString);
        assertEquals("AB2", records(r).get(0).get("lot").asText());
        r = fx.as(UserFixture.OPERATOR).run("ticket", "list", "-o", "json");
        assertEquals(0, r.code(), r::toString);
        assertEquals(3, records(r).size(), r::toString);
        r = fx.as(UserFixture.VENUE).run("dose", "record", "--ticket", fx.people.get(1).ticket(), "--birth-date",
                fx.people.get(1).birthDate(), "--date", "2024-05-21", "--product", "コミナティ", "--lot", "AB3");
        assertEquals(0, r.code(), r::toString);
    }

    static Path copyStore(UserFixture fx, String name) throws Exception {
        // only while no command runs: every command closes the store, so the WAL is checkpointed
        Path copy = fx.cli.dir.resolve(name);
        Files.copy(fx.storeFile(), copy, StandardCopyOption.REPLACE_EXISTING);
        for (String suffix : List.of("-wal", "-shm")) {
            Path side = fx.cli.dir.resolve("vrs.db" + suffix);
            if (Files.exists(side)) {
                Files.copy(side, fx.cli.dir.resolve(name + suffix), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return copy;
    }

    @Test
    void disabledUserPasswordNoLongerOpensTheLiveStoreAndTheirGrantsAreGone() throws Exception {
        UserFixture fx = new UserFixture(dir).residents(2).standardUsers();
        assertFalse(grants(fx, UserFixture.OPERATOR).isEmpty());
        Cli.Result r = fx.as(Cli.ADMIN).run("user", "disable", UserFixture.OPERATOR);
        assertEquals(0, r.code(), r::toString);
        assertEquals(List.of(), grants(fx, UserFixture.OPERATOR), "nothing stays sealed to a disabled user");
        for (String[] args : List.of(new String[] {"resident", "list"}, new String[] {"user", "passwd",
                "--new-password-file", fx.cli.passwordFile("x", "some new passphrase").toString()})) {
            r = fx.as(UserFixture.OPERATOR).run(args);
            assertEquals(4, r.code(), r::toString);
            assertTrue(r.err().contains("Authentication failed"), r::toString);
        }
        assertEquals("disabled", user(fx, UserFixture.OPERATOR).get("status").asText());
        // the others are unaffected
        lookUp(fx, Cli.ADMIN, fx.people.get(0));
        assertEquals(0, fx.as(UserFixture.VENUE).run("key", "upgrade-kdf").code());
        // disabling again is a conflict, the last admin cannot be disabled
        assertEquals(6, fx.as(Cli.ADMIN).run("user", "disable", UserFixture.OPERATOR).code());
        assertEquals(6, fx.as(Cli.ADMIN).run("user", "disable", Cli.ADMIN).code());
    }

    /**
     * The documented limitation (README / {@code user disable --help}): a byte copy of the store file made
     * BEFORE the user was disabled still holds what was sealed to them then, so their password opens that
     * copy. The live store guarantees only the test above. {@code key rotate --reseal} afterwards means the
     * keys in such a copy no longer open anything written or re-encrypted in the live store.
     */
    @Test
    void storeCopyMadeBeforeDisablingStillOpensWithTheDisabledUsersPassword_documentedLimitation() throws Exception {
        UserFixture fx = new UserFixture(dir).residents(2).standardUsers();
        Path copy = copyStore(fx, "before-disable.db");
        Cli.Result r = fx.as(Cli.ADMIN).run("user", "disable", UserFixture.OPERATOR);
        assertEquals(0, r.code(), r::toString);
        r = fx.as(Cli.ADMIN).run("key", "rotate", "--reseal");
        assertEquals(0, r.code(), r::toString);

        // live store: refused
        assertEquals(4, fx.as(UserFixture.OPERATOR).run("resident", "show", "0001").code());
        // the old copy: still opens, and the disabled user reads a resident there
        Cli old = fx.as(UserFixture.OPERATOR);
        String live = old.env.get("VRSCTL_STORE");
        old.env.put("VRSCTL_STORE", "sqlite:" + copy);
        try {
            r = old.run("resident", "show", "0001", "-o", "json");
            assertEquals(0, r.code(), r::toString);
            assertEquals(fx.people.get(0).name(), new ObjectMapper().readTree(r.out()).get("name").asText());
        } finally {
            old.env.put("VRSCTL_STORE", live);
        }

        // ...but the keys from that copy do not open the live store's data after rotate --reseal
        try (Store copyStore = Store.open("sqlite:" + copy, false);
             Session s = new AccessService(fx.cli.clock).login(copyStore, Cli.MUNI, UserFixture.OPERATOR,
                     fx.passwords.get(UserFixture.OPERATOR).toCharArray());
             Connection c = fx.jdbc();
             PreparedStatement st = c.prepareStatement("SELECT id, version, ops, pii FROM resident");
             ResultSet rs = st.executeQuery()) {
            int n = 0;
            while (rs.next()) {
                String id = rs.getString(1);
                long version = rs.getLong(2);
                byte[] ops = rs.getBytes(3);
                byte[] pii = rs.getBytes(4);
                assertEquals(2, Aead.keyVersionOf(pii));
                assertThrows(IntegrityException.class,
                        () -> s.keys().pii().open(pii, new AeadContext(Cli.MUNI, "resident", id, "pii", version)));
                assertThrows(IntegrityException.class,
                        () -> s.keys().ops().open(ops, new AeadContext(Cli.MUNI, "resident", id, "ops", version)));
                n++;
            }
            assertEquals(2, n);
        }
    }

    @Test
    void resetGivesNewKeyPairsAndTheOldPasswordStopsWorking() throws Exception {
        UserFixture fx = new UserFixture(dir).residents(1).standardUsers();
        String before = user(fx, UserFixture.OPERATOR).get("signing_key").asText();
        Path otp = dir.resolve("otp-reset");
        Cli.Result r = fx.as(Cli.ADMIN).run("user", "reset", UserFixture.OPERATOR, "--password-out", otp.toString());
        assertEquals(0, r.code(), r::toString);
        String oneTime = UserFixture.read(otp);
        UserFixture.assertOwnerOnly(otp);
        UserFixture.assertNoSecret(r.all(), oneTime, "the one-time password");
        JsonNode after = user(fx, UserFixture.OPERATOR);
        assertNotEquals(before, after.get("signing_key").asText(), "new signing key pair");
        assertTrue(after.get("must_change_password").asBoolean());

        // the old password no longer opens anything
        r = fx.as(UserFixture.OPERATOR).run("resident", "list");
        assertEquals(4, r.code(), r::toString);
        assertTrue(r.err().contains("Authentication failed"), r::toString);
        // the one-time password logs in, but only for user passwd
        fx.cli.loginAs(Cli.MUNI, UserFixture.OPERATOR, fx.cli.passwordFile("op1-otp2", oneTime));
        r = fx.cli.run("resident", "list");
        assertEquals(4, r.code(), r::toString);
        assertTrue(r.err().contains("user passwd"), r::toString);
        r = fx.cli.run("user", "passwd", "--new-password-file",
                fx.cli.passwordFile("op1-next", "a fresh passphrase after reset").toString());
        assertEquals(0, r.code(), r::toString);
        fx.passwordChanged(UserFixture.OPERATOR, "a fresh passphrase after reset");
        lookUp(fx, UserFixture.OPERATOR, fx.people.get(0));
        // the one-time password is spent
        fx.cli.loginAs(Cli.MUNI, UserFixture.OPERATOR, fx.cli.passwordFile("op1-otp2", oneTime));
        assertEquals(4, fx.cli.run("resident", "list").code());
    }

    @Test
    void aOneTimePasswordOnlyRunsUserPasswd() throws Exception {
        UserFixture fx = new UserFixture(dir).residents(1);
        Cli admin = fx.as(Cli.ADMIN);
        // no terminal and no --password-out: refused before anything is created
        Cli.Result r = admin.run("user", "add", "newbie", "--role", "operator");
        assertEquals(2, r.code(), r::toString);
        r = admin.run("user", "add", "newbie", "--role", "operator", "--password-out", "otp-newbie");
        assertEquals(0, r.code(), r::toString);
        // an existing --password-out file is never overwritten
        r = admin.run("user", "add", "newbie2", "--role", "operator", "--password-out", "otp-newbie");
        assertEquals(6, r.code(), r::toString);
        String oneTime = UserFixture.read(dir.resolve("otp-newbie"));
        assertEquals(1, countUsers(fx, "newbie"));
        assertEquals(0, countUsers(fx, "newbie2"));

        Cli cli = fx.cli;
        cli.loginAs(Cli.MUNI, "newbie", cli.passwordFile("newbie-otp", oneTime));
        for (String[] args : List.of(new String[] {"resident", "list"}, new String[] {"resident", "show", "0001"},
                new String[] {"key", "upgrade-kdf"}, new String[] {"ticket", "list"})) {
            r = cli.run(args);
            assertEquals(4, r.code(), () -> String.join(" ", args) + " with a one-time password");
            assertTrue(r.err().contains("user passwd"), r::toString);
        }
        // the new password must differ from the one-time one
        r = cli.run("user", "passwd", "--new-password-file", cli.passwordFile("newbie-same", oneTime).toString());
        assertEquals(3, r.code(), r::toString);
        r = cli.run("user", "passwd", "--new-password-file", cli.passwordFile("newbie-own", "newbie's own phrase").toString());
        assertEquals(0, r.code(), r::toString);
        fx.passwordChanged("newbie", "newbie's own phrase");
        lookUp(fx, "newbie", fx.people.get(0));
        assertFalse(user(fx, "newbie").get("must_change_password").asBoolean());
    }

    static int countUsers(UserFixture fx, String name) throws Exception {
        try (Connection c = fx.jdbc(); PreparedStatement st = c.prepareStatement(
                "SELECT count(*) FROM principal WHERE name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void recoverGivesTheAdminANewPassword() throws Exception {
        UserFixture fx = new UserFixture(dir).residents(1).standardUsers();
        Path recovery = dir.resolve("recovery-" + Cli.MUNI + ".txt");
        assertTrue(Files.exists(recovery));
        UserFixture.assertOwnerOnly(recovery);
        Cli cli = fx.cli;
        // no login: drop the admin's password from the environment
        cli.env.remove("VRSCTL_PASSWORD_FILE");
        cli.env.remove("VRSCTL_USER");
        Path next = cli.passwordFile("alice-recovered", "recovered admin passphrase");

        // a wrong code (well-formed, or not) is refused with exit 4 and changes nothing
        Path wrong = cli.write("wrong-recovery.txt", new String(RecoveryCode.generate()) + "\n");
        Path garbage = cli.write("garbage-recovery.txt", "not a recovery code\n");
        for (Path bad : List.of(wrong, garbage)) {
            Cli.Result r = cli.run("key", "recover", "-u", Cli.ADMIN, "--recovery-file", bad.toString(),
                    "--new-password-file", next.toString());
            assertEquals(4, r.code(), r::toString);
        }
        assertEquals(0, fx.as(Cli.ADMIN).run("user", "list").code(), "the old password still works");
        String before = user(fx, Cli.ADMIN).get("signing_key").asText();

        cli.env.remove("VRSCTL_PASSWORD_FILE");
        cli.env.remove("VRSCTL_USER");
        Cli.Result r = cli.run("key", "recover", "-u", Cli.ADMIN, "--recovery-file", recovery.toString(),
                "--new-password-file", next.toString());
        assertEquals(0, r.code(), r::toString);
        // recovering a non-admin is refused
        r = cli.run("key", "recover", "-u", UserFixture.OPERATOR, "--recovery-file", recovery.toString(),
                "--new-password-file", next.toString());
        assertEquals(5, r.code(), r::toString);

        assertEquals(4, fx.as(Cli.ADMIN).run("user", "list").code(), "the old admin password is dead");
        fx.passwordChanged(Cli.ADMIN, "recovered admin passphrase");
        assertNotEquals(before, user(fx, Cli.ADMIN).get("signing_key").asText(), "new key pairs");
        lookUp(fx, Cli.ADMIN, fx.people.get(0));
        // the admin's new keys administer: a rotation reaches the operator, who still reads
        assertEquals(0, fx.as(Cli.ADMIN).run("key", "rotate").code());
        lookUp(fx, UserFixture.OPERATOR, fx.people.get(0));
    }

    @Test
    void passwordRules() throws Exception {
        UserFixture fx = new UserFixture(dir).standardUsers();
        for (String bad : List.of("short pw 1", "password1234", "PASSWORD1234", "")) {
            Cli.Result r = fx.as(UserFixture.OPERATOR).run("user", "passwd", "--new-password-file",
                    fx.cli.passwordFile("bad", bad).toString());
            assertEquals(3, r.code(), r::toString);
        }
        // same as the current one
        Cli.Result r = fx.as(UserFixture.OPERATOR).run("user", "passwd", "--new-password-file",
                fx.cli.passwordFile("same", fx.passwords.get(UserFixture.OPERATOR)).toString());
        assertEquals(3, r.code(), r::toString);
        // nothing was written: the password is unchanged
        assertEquals(0, fx.as(UserFixture.OPERATOR).run("key", "upgrade-kdf").code());
        // 12 characters exactly is enough
        r = fx.as(UserFixture.OPERATOR).run("user", "passwd", "--new-password-file",
                fx.cli.passwordFile("twelve", "abcdef-12345").toString());
        assertEquals(0, r.code(), r::toString);
        fx.passwordChanged(UserFixture.OPERATOR, "abcdef-12345");
        assertEquals(0, fx.as(UserFixture.OPERATOR).run("key", "upgrade-kdf").code());
    }

    @Test
    void loginBackOffAfterFiveFailures() throws Exception {
        UserFixture fx = new UserFixture(dir).standardUsers();
        Cli cli = fx.cli;
        Path wrong = cli.passwordFile("op1-wrong", "not the right passphrase");
        for (int i = 0; i < 5; i++) {
            cli.loginAs(Cli.MUNI, UserFixture.OPERATOR, wrong);
            Cli.Result r = cli.run("key", "upgrade-kdf");
            assertEquals(4, r.code(), r::toString);
        }
        Cli.Result refused = fx.as(UserFixture.OPERATOR).run("key", "upgrade-kdf");
        assertEquals(4, refused.code(), "during the back-off even the right password fails: " + refused);
        assertTrue(refused.err().contains("Authentication failed"), refused::toString);
        assertEquals(6, user(fx, UserFixture.OPERATOR).get("failed_logins").asInt());
        // other users are not slowed
        assertEquals(0, fx.as(UserFixture.VENUE).run("key", "upgrade-kdf").code());

        // one second later: still within the (now 2 s) back-off, and the attempt lengthens it
        cli.clock = Clock.fixed(cli.clock.instant().plusSeconds(1), ZoneOffset.UTC);
        assertEquals(4, fx.as(UserFixture.OPERATOR).run("key", "upgrade-kdf").code());
        // well past it: the right password works again
        cli.clock = Clock.fixed(cli.clock.instant().plus(Duration.ofMinutes(20)), ZoneOffset.UTC);
        Cli.Result ok = fx.as(UserFixture.OPERATOR).run("key", "upgrade-kdf");
        assertEquals(0, ok.code(), ok::toString);
        assertEquals(0, user(fx, UserFixture.OPERATOR).get("failed_logins").asInt(), "a success resets the count");
    }
}
