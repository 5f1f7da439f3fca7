package jp.vrsctl.cli;

import static jp.vrsctl.cli.AuditSupport.count;
import static jp.vrsctl.cli.AuditSupport.exec;
import static jp.vrsctl.cli.AuditSupport.maxSeq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.vrsctl.store.Records.AuditRow;

/**
 * Fail closed (design.md §5): when the audit entry cannot be written (here a trigger aborts the insert), the
 * command fails, its change is rolled back and nothing is printed. Logins are let through by the trigger so the
 * commands themselves get to run; a second trigger blocks the login entry too.
 */
class AuditFailClosedTest {
    @TempDir
    Path dir;

    UserFixture fx;
    Cli cli;

    static final String FAIL_ALL_BUT_LOGIN = "CREATE TRIGGER fail_audit BEFORE INSERT ON audit"
            + " WHEN NEW.kind <> 'login' BEGIN SELECT RAISE(ABORT, 'audit down'); END;";
    static final String FAIL_ALL = "CREATE TRIGGER fail_audit BEFORE INSERT ON audit"
            + " BEGIN SELECT RAISE(ABORT, 'audit down'); END;";

    @BeforeEach
    void store() {
        fx = new UserFixture(dir).standardUsers().residents(3);
        cli = fx.cli;
    }

    /** Every row of every table but the audit trail itself, blobs in hex: what a command may change. */
    String snapshot() {
        StringBuilder sb = new StringBuilder();
        try (Connection c = AuditSupport.open(AuditSupport.db(cli)); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'audit'"
                    + " ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertTrue(tables.containsAll(List.of("resident", "resident_history", "ticket", "dose", "principal",
                    "key_grant", "data_key", "audit_checkpoint")), tables::toString);
            for (String t : tables) {
                sb.append("## ").append(t).append('\n');
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + t)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            Object o = rs.getObject(i);
                            row.append(o instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(o)).append('|');
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                rows.forEach(r -> sb.append(r).append('\n'));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return sb.toString();
    }

    /** Runs a command that must fail closed: non-zero exit, empty stdout, no change but the login entry. */
    Cli.Result failsClosed(String user, String... args) {
        fx.as(user);
        String before = snapshot();
        long seq = maxSeq(cli);
        Cli.Result r = cli.run(args);
        // stderr only in messages: stdout might hold a revealed (synthetic) My Number
        assertNotEquals(0, r.code(), r::err);
        assertTrue(r.out().isEmpty(), "nothing printed: " + String.join(" ", args));
        assertEquals(before, snapshot(), "nothing changed: " + String.join(" ", args));
        List<AuditRow> added = AuditSupport.entriesAfter(cli, seq);
        assertEquals(List.of("login"), added.stream().map(AuditRow::kind).toList(), "only the login entry");
        return r;
    }

    @Test
    void commandsFailClosedAndWorkAgainOnceTheTrailCanBeWritten() throws Exception {
        UserFixture.Person p1 = fx.people.get(0);
        Path file = cli.write("more.csv", "宛名番号,個人番号,氏名,氏名カナ,生年月日,性別\n"
                + p1.addressNumber() + "," + p1.myNumber() + ",改名 太郎,カイメイ タロウ," + p1.birthDate() + ",1\n"
                + "0101," + UserFixture.myNumber(101) + ",新規 一,シンキ ハジメ,1970-01-01,1\n"
                + "0102," + UserFixture.myNumber(102) + ",新規 二,シンキ ニ,1971-01-01,2\n");
        long residents = count(cli, "SELECT count(*) FROM resident");
        long tickets = count(cli, "SELECT count(*) FROM ticket");
        UserFixture.Person p3 = fx.people.get(2);
        String[] dose = {"dose", "record", "--ticket", p3.ticket(), "--birth-date", p3.birthDate(), "--date",
                "2024-05-01", "--product", "コミナティ", "--lot", "FF2018"};

        exec(cli, FAIL_ALL_BUT_LOGIN);
        Cli.Result imp = failsClosed(UserFixture.OPERATOR, "resident", "import", file.toString());
        assertFalse(imp.err().contains("added"), imp::toString);
        assertEquals(residents, count(cli, "SELECT count(*) FROM resident"), "no resident written");
        failsClosed(UserFixture.OPERATOR, "resident", "import", file.toString(), "--skip-invalid");
        failsClosed(UserFixture.OPERATOR, "resident", "show", "0001");
        failsClosed(UserFixture.OPERATOR, "resident", "show", "0001", "-o", "json", "--reveal-my-number");
        failsClosed(UserFixture.OPERATOR, "resident", "list");
        failsClosed(UserFixture.OPERATOR, "ticket", "list");
        failsClosed(UserFixture.VENUE, dose);
        assertEquals(0, count(cli, "SELECT count(*) FROM dose"), "no dose written");
        failsClosed(UserFixture.OPERATOR, "ticket", "issue", "0002", "--dose", "2");
        assertEquals(tickets, count(cli, "SELECT count(*) FROM ticket"), "no ticket written");
        failsClosed(UserFixture.OPERATOR, "ticket", "void", fx.people.get(1).ticket(), "--reason", "lost");
        failsClosed(UserFixture.OPERATOR, "resident", "flag", "0002", "--deceased", "2024-05-01");
        failsClosed(Cli.ADMIN, "user", "add", "op9", "--role", "operator", "--password-out",
                dir.resolve("otp-op9").toString());
        assertFalse(Files.exists(dir.resolve("otp-op9")), "no one-time password file for a user never added");
        failsClosed(UserFixture.AUDITOR, "audit", "list");
        failsClosed(UserFixture.AUDITOR, "audit", "checkpoint");
        failsClosed(UserFixture.AUDITOR, "audit", "export", "--out", dir.resolve("audit.ndjson").toString());
        assertFalse(Files.exists(dir.resolve("audit.ndjson")), "no export file left behind");

        // the trail can be written again: the same commands work, and the chain has no hole
        exec(cli, "DROP TRIGGER fail_audit");
        fx.as(UserFixture.OPERATOR);
        Cli.Result ok = cli.run("resident", "import", file.toString());
        assertEquals(0, ok.code(), ok::toString);
        assertEquals(residents + 2, count(cli, "SELECT count(*) FROM resident"));
        long importSeq = count(cli, "SELECT max(seq) FROM audit WHERE kind = 'import'");
        assertEquals(3, count(cli, "SELECT count(*) FROM resident WHERE audit_seq = " + importSeq));
        Cli.Result show = cli.run("resident", "show", "0101", "-o", "json");
        assertEquals(0, show.code(), show::toString);
        assertTrue(show.out().contains("シンキ ハジメ"), show::toString);
        fx.as(UserFixture.VENUE);
        assertEquals(0, cli.run(dose).code());
        assertEquals(1, count(cli, "SELECT count(*) FROM dose"));
        fx.as(UserFixture.OPERATOR);
        assertEquals(0, cli.run("ticket", "issue", "0002", "--dose", "2").code());
        assertEquals(tickets + 1, count(cli, "SELECT count(*) FROM ticket"));
        fx.as(UserFixture.AUDITOR);
        Cli.Result v = cli.run("audit", "verify");
        assertEquals(0, v.code(), v::toString);
    }

    @Test
    void whenEvenTheLoginCannotBeRecordedNothingRuns() {
        exec(cli, FAIL_ALL);
        fx.as(UserFixture.OPERATOR);
        String before = snapshot();
        long seq = maxSeq(cli);
        Cli.Result r = cli.run("resident", "show", "0001");
        assertNotEquals(0, r.code(), r::toString);
        assertTrue(r.out().isEmpty(), "nothing printed");
        Cli.Result l = cli.run("resident", "list");
        assertNotEquals(0, l.code(), l::toString);
        assertTrue(l.out().isEmpty(), "nothing printed");
        assertEquals(seq, maxSeq(cli), "no entry");
        assertEquals(before, snapshot());
        exec(cli, "DROP TRIGGER fail_audit");
        Cli.Result again = cli.run("resident", "show", "0001");
        assertEquals(0, again.code(), again::toString);
        assertFalse(again.out().isEmpty());
    }
}
