package jp.vrsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Safety points a first-time operator and a security reviewer raised. */
class OperatorSafetyTest {
    @TempDir
    Path dir;

    private static String myNumber(String first11) {
        return first11 + jp.vrsctl.domain.MyNumber.checkDigit(first11);
    }

    private Cli withResident() {
        Cli cli = new Cli(dir).init();
        cli.write("r.csv", "宛名番号,個人番号,氏名,氏名カナ,生年月日,性別\n000321," + myNumber("99990000321")
                + ",山田 太郎,ヤマダ タロウ,1975-01-02,1\n");
        assertEquals(0, cli.run("resident", "import", "r.csv").code());
        cli.write("t.csv", "address_number,ticket_number,dose_number\n000321,5550001111,1\n");
        assertEquals(0, cli.run("ticket", "import", "t.csv").code());
        return cli;
    }

    private List<String[]> audit(String sqlWhere) throws Exception {
        List<String[]> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("vrs.db"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT kind, command, outcome FROM audit WHERE " + sqlWhere + " ORDER BY seq")) {
            while (rs.next()) {
                out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        return out;
    }

    @Test
    void revealingTheMyNumberIsRecordedInTheSealedDetails() {
        Cli cli = withResident();
        assertEquals(0, cli.run("resident", "show", "000321", "--reveal-my-number").code());
        Cli.Result r = cli.run("audit", "list", "--kind", "read-intent", "--details", "-o", "ndjson");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("\\\"revealMyNumber\\\":true") || r.out().contains("revealMyNumber\\\":true"),
                r::toString);
    }

    @Test
    void aRefusedDoseRecordIsAnAuditEntry() throws Exception {
        Cli cli = withResident();
        Cli.Result r = cli.run("dose", "record", "--ticket", "5550001111", "--birth-date", "1975-01-03", "--date",
                "2024-05-01", "--product", "コミナティ", "--lot", "FJ0520", "--as-of", "2024-06-01");
        assertEquals(3, r.code(), r::toString);
        List<String[]> failed = audit("kind = 'failed'");
        assertEquals(1, failed.size());
        assertEquals("dose record", failed.get(0)[1]);
        assertEquals("exit 3", failed.get(0)[2]);
        assertEquals(0, cli.run("audit", "verify").code(), "the chain stays valid");
    }

    @Test
    void aMistypedRecoveryCodeIsCalledATypoAndChainedUnsigned() throws Exception {
        Cli cli = new Cli(dir).init();
        String code = Files.readString(dir.resolve("recovery-" + Cli.MUNI + ".txt")).trim();
        char last = code.charAt(code.length() - 1);
        String typo = code.substring(0, code.length() - 1) + (last == 'A' ? 'B' : 'A');
        cli.write("typo.txt", typo + "\n");
        Path pw = cli.passwordFile("new", "a brand new admin password");
        Cli.Result r = cli.run("key", "recover", "-u", Cli.ADMIN, "--recovery-file", "typo.txt", "--new-password-file",
                pw.toString());
        assertEquals(4, r.code(), r::toString);
        assertTrue(r.err().contains("typo"), r::toString);
        assertFalse(r.all().contains(code), "the code is never echoed");
        assertEquals(1, audit("kind = 'recover-failed' AND signature IS NULL").size());
        assertEquals(0, cli.run("audit", "verify").code());
    }

    @Test
    void theStoreFileIsPrivateAndSharedSecretFilesAreWarnedAbout() throws Exception {
        Cli cli = new Cli(dir).init();
        assertEquals(PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(dir.resolve("vrs.db")));
        Path shared = cli.write("shared.pw", Cli.PASSWORD + "\n");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r--r--"));
        cli.loginAs(Cli.MUNI, Cli.ADMIN, shared);
        Cli.Result r = cli.run("resident", "list");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("can be read by other users"), r::toString);
    }

    @Test
    void tooSimplePasswordsAreRefused() {
        Cli cli = new Cli(dir);
        Path pw = cli.write("simple.pw", "aaaaaaaaaaaa\n");
        Cli.Result r = cli.run("init", "--municipality", Cli.MUNI, "--admin", "alice", "--password-file", pw.toString(),
                "--recovery-file", dir.resolve("rec.txt").toString());
        assertEquals(3, r.code(), r::toString);
        assertFalse(Files.exists(dir.resolve("vrs.db")), "nothing created");
    }

    @Test
    void unknownOutputFormatIsAUsageErrorBeforeAnyLogin() throws Exception {
        Cli cli = withResident();
        int before = audit("1 = 1").size();
        Cli.Result r = cli.run("resident", "list", "-o", "xml");
        assertEquals(2, r.code(), r::toString);
        assertEquals(before, audit("1 = 1").size(), "no login, no entry");
    }

    @Test
    void auditSubjectFilterTakesResidentIdsOnly() {
        Cli cli = withResident();
        Cli.Result r = cli.run("audit", "list", "--subject", "000321");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("audit subject"), r::toString);
    }

    @Test
    void bulkDryRunPrintsTheCountsAsRecords() {
        Cli cli = withResident();
        cli.write("r2.csv", "宛名番号,氏名,氏名カナ,生年月日,性別\n000322,佐藤 花子,サトウ ハナコ,1980-02-03,2\n");
        assertEquals(0, cli.run("resident", "import", "r2.csv").code());
        Cli.Result r = cli.run("ticket", "issue", "--dose", "1", "--all-eligible", "--as-of", "2024-06-01",
                "--dry-run", "-o", "ndjson");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("{\"reason\":\"to_issue\",\"count\":1}"), r::toString);
        assertTrue(r.out().contains("{\"reason\":\"already_has_ticket\",\"count\":1}"), r::toString);
    }

    @Test
    void missingFilesAreNamedNotReportedAsInternalErrors() {
        Cli cli = new Cli(dir).init();
        Cli.Result verify = cli.run("audit", "verify", "--file", "nope.ndjson");
        assertEquals(5, verify.code(), verify::toString);
        assertTrue(verify.err().contains("nope.ndjson") && !verify.err().contains("internal error"), verify::toString);
        Cli.Result export = cli.run("audit", "export", "--out", "no-such-dir/a.ndjson");
        assertEquals(5, export.code(), export::toString);
        assertFalse(export.err().contains("internal error"), export::toString);
    }

    @Test
    void aOneTimePasswordFileThatCannotBeCreatedCreatesNoUser() {
        Cli cli = new Cli(dir).init();
        Cli.Result r = cli.run("user", "add", "carol", "--role", "venue", "--password-out", "no-such-dir/c.otp");
        assertEquals(2, r.code(), r::toString);
        Cli.Result list = cli.run("user", "list", "-o", "csv");
        assertFalse(list.out().contains("carol"), list::toString);
    }

    @Test
    void bothOpenPgpModesAtOnceIsAUsageErrorAndCreatesNoFile() {
        Cli cli = new Cli(dir).init();
        Path pass = cli.passwordFile("pgp", "a passphrase for media");
        cli.write("key.asc", "not a key\n");
        Cli.Result r = cli.run("audit", "export", "--out", "a.gpg", "--encrypt-to", "key.asc", "--passphrase-file",
                pass.toString());
        assertEquals(2, r.code(), r::toString);
        assertFalse(Files.exists(dir.resolve("a.gpg")));
    }
}
