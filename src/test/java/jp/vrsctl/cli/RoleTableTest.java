package jp.vrsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The role table of design.md §4, as a test: every command that exists x every role -> allowed (any exit
 * code but 4), or exit 4 with "Not permitted: the ROLE role may not run ...". One store holds a user of each
 * role, each of whom has replaced their one-time password. {@code audit ...} does not exist yet; {@code init}
 * needs no login and is tested on its own below.
 */
class RoleTableTest {
    enum R {
        ADMIN(Cli.ADMIN), OPERATOR(UserFixture.OPERATOR), VENUE(UserFixture.VENUE), AUDITOR(UserFixture.AUDITOR);

        final String user;

        R(String user) {
            this.user = user;
        }

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Index of the resident whose ticket this role records a dose on (people 1..4). */
        int own() {
            return ordinal();
        }
    }

    static final Set<R> ALL = EnumSet.allOf(R.class);
    static final Set<R> ADMIN_ONLY = EnumSet.of(R.ADMIN);
    static final Set<R> DATA = EnumSet.of(R.ADMIN, R.OPERATOR);
    static final Set<R> DOSE_RECORD = EnumSet.of(R.ADMIN, R.OPERATOR, R.VENUE);

    /**
     * One command of the table. {@code strict}: every allowed role must get exit 0; otherwise a later allowed
     * role may meet what an earlier one did (a ticket already voided: exit 6), which is not a refusal.
     */
    record Cmd(String name, Set<R> allowed, boolean strict, Function<R, String[]> args) {
        @Override
        public String toString() {
            return name;
        }
    }

    @TempDir
    static Path dir;
    static UserFixture fx;
    static String doseShown;
    static String doseVoided;

    @BeforeAll
    static void store() throws Exception {
        fx = new UserFixture(dir).residents(10).standardUsers();
        fx.addUser("spare1", "operator");
        fx.addUser("spare2", "operator");
        fx.addUser("spare3", "operator");
        Cli cli = fx.as(Cli.ADMIN);
        UserFixture.Person a = fx.people.get(6);
        UserFixture.Person b = fx.people.get(7);
        cli.write("doses.csv", "ticket_number,birth_date,dose_number,dose_date,product,lot\n"
                + a.ticket() + "," + a.birthDate() + ",1,2024-05-01,コミナティ,FJ0520\n"
                + b.ticket() + "," + b.birthDate() + ",1,2024-05-02,コミナティ,FJ0521\n");
        Cli.Result r = cli.run("dose", "import", "doses.csv");
        assertEquals(0, r.code(), r::toString);
        r = cli.run("dose", "list", "-o", "json");
        assertEquals(0, r.code(), r::toString);
        List<String> ids = new ArrayList<>();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        for (JsonNode n : doc.isArray() ? doc : doc.path("records")) {
            ids.add(n.get("id").asText());
        }
        assertEquals(2, ids.size(), r::toString);
        doseShown = ids.get(0);
        doseVoided = ids.get(1);
    }

    static final Set<String> KEY_CHANGING = Set.of("user passwd", "key rotate", "user role", "user reset",
            "user disable");

    static String[] a(String... s) {
        return s;
    }

    static List<Cmd> table() {
        List<Cmd> t = new ArrayList<>();
        // residents
        t.add(new Cmd("resident import", DATA, true, r -> a("resident", "import", "residents-1.csv")));
        t.add(new Cmd("resident show", DATA, true, r -> a("resident", "show", "0001")));
        t.add(new Cmd("resident list", DATA, true, r -> a("resident", "list")));
        t.add(new Cmd("resident flag", DATA, true, r -> a("resident", "flag", "0005", "--moved-out", "2024-05-01",
                "--reason", "role table")));
        // tickets
        t.add(new Cmd("ticket issue", DATA, false, r -> a("ticket", "issue", "0009", "--dose", "2")));
        t.add(new Cmd("ticket import", DATA, true, r -> a("ticket", "import", "tickets-1.csv")));
        t.add(new Cmd("ticket void", DATA, false, r -> a("ticket", "void", fx.people.get(5).ticket(), "--reason",
                "role table")));
        t.add(new Cmd("ticket reissue", DATA, false, r -> a("ticket", "reissue", fx.people.get(9).ticket(),
                "--reason", "lost")));
        t.add(new Cmd("ticket list", DATA, true, r -> a("ticket", "list")));
        t.add(new Cmd("ticket export", DATA, true, r -> a("ticket", "export", "--out", "export-" + r.id() + ".csv",
                "--encoding", "utf-8")));
        // doses: each role records on its own resident's ticket
        t.add(new Cmd("dose record", DOSE_RECORD, true, r -> {
            UserFixture.Person p = fx.people.get(r.own());
            return a("dose", "record", "--ticket", p.ticket(), "--birth-date", p.birthDate(), "--date", "2024-05-20",
                    "--product", "コミナティ", "--lot", "AB12" + r.ordinal());
        }));
        t.add(new Cmd("dose import", DATA, true, r -> a("dose", "import", "doses.csv")));
        t.add(new Cmd("dose list", DATA, true, r -> a("dose", "list")));
        t.add(new Cmd("dose show", DATA, true, r -> a("dose", "show", doseShown)));
        t.add(new Cmd("dose correct", DATA, true, r -> a("dose", "correct", doseShown, "--lot", "CD34" + r.ordinal(),
                "--reason", "role table")));
        t.add(new Cmd("dose void", DATA, false, r -> a("dose", "void", doseVoided, "--reason", "role table")));
        t.add(new Cmd("dose confirm", DATA, false, r -> a("dose", "confirm", doseShown, "--reason", "role table")));
        // users
        t.add(new Cmd("user add", ADMIN_ONLY, true, r -> a("user", "add", "new-" + r.id(), "--role", "venue",
                "--password-out", "otp-new-" + r.id())));
        t.add(new Cmd("user list", ADMIN_ONLY, true, r -> a("user", "list")));
        t.add(new Cmd("user disable", ADMIN_ONLY, true, r -> a("user", "disable", "spare1")));
        t.add(new Cmd("user reset", ADMIN_ONLY, true, r -> a("user", "reset", "spare2", "--password-out",
                "otp-reset-" + r.id())));
        t.add(new Cmd("user role", ADMIN_ONLY, true, r -> a("user", "role", "spare3", "venue")));
        t.add(new Cmd("user passwd", ALL, true, r -> a("user", "passwd", "--new-password-file",
                fx.cli.passwordFile(r.user + "-next", nextPassword(r)).toString())));
        // keys
        t.add(new Cmd("key status", ADMIN_ONLY, true, r -> a("key", "status")));
        t.add(new Cmd("key rotate", ADMIN_ONLY, true, r -> a("key", "rotate")));
        t.add(new Cmd("key upgrade-kdf", ALL, true, r -> a("key", "upgrade-kdf")));
        // public
        t.add(new Cmd("catalog municipalities", ALL, true, r -> a("catalog", "municipalities", "--search", "狭山")));
        t.add(new Cmd("catalog products", ALL, true, r -> a("catalog", "products")));
        return t;
    }

    static String nextPassword(R r) {
        return "changed passphrase for " + r.user;
    }

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        for (Cmd c : table()) {
            for (R r : R.values()) {
                out.add(Arguments.of(c, r));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cells")
    void cell(Cmd cmd, R role) throws Exception {
        Cli cli = fx.as(role.user);
        long deniedBefore = deniedEntries(role.user);
        Cli.Result res = cli.run(cmd.args().apply(role));
        if (cmd.allowed().contains(role)) {
            assertNotEquals(4, res.code(), () -> cmd + " must be allowed for " + role + ": " + res);
            assertFalse(res.err().contains("Not permitted"), res::toString);
            if (cmd.strict()) {
                assertEquals(0, res.code(), res::toString);
            } else {
                assertTrue(res.code() == 0 || res.code() == 6, res::toString);
            }
            if (cmd.name().equals("user passwd")) {
                fx.passwordChanged(role.user, nextPassword(role));
            }
        } else {
            assertEquals(4, res.code(), () -> cmd + " must be refused for " + role + ": " + res);
            assertTrue(res.err().contains("Not permitted: the " + role.id() + " role may not run"), res::toString);
            assertEquals("", res.out(), "a refused command prints no data");
            assertEquals(deniedBefore + 1, deniedEntries(role.user), "the refused attempt is audited");
            if (cmd.name().equals("user add")) {
                assertFalse(Files.exists(dir.resolve("otp-new-" + role.id())), "no one-time password file");
            }
        }
        if (KEY_CHANGING.contains(cmd.name())) {
            // every role still logs in and opens its keys afterwards
            for (R other : R.values()) {
                Cli.Result check = fx.as(other.user).run("key", "upgrade-kdf");
                assertEquals(0, check.code(), () -> other + " after " + cmd + ": " + check);
            }
        }
    }

    static long deniedEntries(String user) throws Exception {
        try (Connection c = fx.jdbc(); PreparedStatement st = c.prepareStatement(
                "SELECT count(*) FROM audit WHERE outcome = 'denied' AND principal_name = ? AND command <> 'login'")) {
            st.setString(1, user);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    @Test
    void refusedUserAddCreatesNoUser() {
        Cli cli = fx.as(R.VENUE.user);
        Cli.Result r = cli.run("user", "add", "sneaky", "--role", "admin", "--password-out", "otp-sneaky");
        assertEquals(4, r.code(), r::toString);
        Cli.Result list = fx.as(Cli.ADMIN).run("user", "list", "-o", "csv");
        assertEquals(0, list.code(), list::toString);
        assertFalse(list.out().contains("sneaky"), list::toString);
        assertFalse(Files.exists(dir.resolve("otp-sneaky")));
    }

    /** init needs no login and so no role: for an existing municipality it is a conflict (6) for anyone. */
    @Test
    void initIsNotARoleCommand() {
        Cli cli = fx.as(R.VENUE.user);
        Cli.Result r = cli.run("init", "--municipality", Cli.MUNI, "--admin", "mallory", "--password-file",
                cli.passwordFile("mallory", "mallory's own passphrase").toString(), "--recovery-file",
                dir.resolve("recovery-again.txt").toString());
        assertEquals(6, r.code(), r::toString);
        assertFalse(Files.exists(dir.resolve("recovery-again.txt")));
        // and the venue user is still a venue user
        assertEquals(4, fx.as(R.VENUE.user).run("user", "list").code());
    }
}
