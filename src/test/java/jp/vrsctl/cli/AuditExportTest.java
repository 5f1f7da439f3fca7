package jp.vrsctl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.vrsctl.domain.MyNumber;

/**
 * {@code audit export}: OpenPGP-encrypted exports that the real {@code gpg} decrypts and that then verify;
 * time segments; CSV with the formula guard; files created 0600 and never overwritten. And the privacy scan
 * (design.md §5): an end-to-end history leaves no My Number, 宛名番号, name, birth date or address in clear in
 * any audit row or export.
 */
class AuditExportTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Cli.Result ok(Cli.Result r) {
        assertEquals(0, r.code(), r::toString);
        return r;
    }

    // ------------------------------------------------------------------ OpenPGP with the real gpg

    static boolean gpgAvailable() {
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!p.isEmpty() && Files.isExecutable(Path.of(p, "gpg"))) {
                return true;
            }
        }
        return false;
    }

    /** Runs gpg with its own home directory; returns the exit code (output goes to a log file). */
    static int gpg(Path home, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--no-tty"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("log.txt").toFile()));
        pb.environment().put("GNUPGHOME", home.toString());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("gpg timed out");
        }
        return p.exitValue();
    }

    static Path gpgHome(Path dir) throws IOException {
        Path home = dir.resolve("gnupg");
        Files.createDirectory(home, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return home;
    }

    /** Stops the gpg-agent this test's home directory started (it only serves that directory). */
    static void stopAgent(Path home) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("GNUPGHOME", home.toString());
        try {
            pb.start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            // gpgconf missing: the agent exits on its own when its socket directory goes away
        }
    }

    UserFixture history() {
        UserFixture fx = new UserFixture(dir).standardUsers().residents(3);
        fx.as(UserFixture.OPERATOR);
        ok(fx.cli.run("resident", "show", "0001"));
        ok(fx.cli.run("resident", "list"));
        return fx;
    }

    @Test
    void passphraseEncryptedExportDecryptsWithGpgAndVerifies() throws Exception {
        assumeTrue(gpgAvailable(), "gpg is not on PATH");
        UserFixture fx = history();
        Cli cli = fx.cli;
        fx.as(UserFixture.AUDITOR);
        Path pass = cli.write("export-pass", "removable media passphrase 7\n");
        Path enc = dir.resolve("audit.ndjson.gpg");
        Cli.Result r = ok(cli.run("audit", "export", "--out", enc.toString(), "--passphrase-file", pass.toString()));
        assertTrue(r.err().contains("Exported"), r::toString);
        UserFixture.assertOwnerOnly(enc);
        byte[] raw = Files.readAllBytes(enc);
        assertFalse(AuditSupport.containsBytes(raw, "vrsctl-audit-v1"), "the file is encrypted");
        assertFalse(AuditSupport.containsBytes(raw, "resident show"), "the file is encrypted");

        Path home = gpgHome(dir);
        Path plain = dir.resolve("decrypted.ndjson");
        try {
            Path passOnly = dir.resolve("gpg-pass");
            Files.writeString(passOnly, "removable media passphrase 7");
            Path wrongPass = dir.resolve("gpg-wrong");
            Files.writeString(wrongPass, "not the passphrase");
            assertTrue(gpg(home, "--pinentry-mode", "loopback", "--passphrase-file", wrongPass.toString(),
                    "--output", dir.resolve("nope").toString(), "--decrypt", enc.toString()) != 0,
                    "a wrong passphrase does not decrypt");
            assertEquals(0, gpg(home, "--pinentry-mode", "loopback", "--passphrase-file", passOnly.toString(),
                    "--output", plain.toString(), "--decrypt", enc.toString()), () -> log(home));
        } finally {
            stopAgent(home);
        }
        assertTrue(Files.readString(plain).startsWith("{\"type\":\"header\""));
        Cli.Result v = ok(cli.run("audit", "verify", "--file", plain.toString()));
        assertTrue(v.err().contains("Audit chain intact"), v::toString);
        assertTrue(Files.readString(plain).contains("\"command\":\"resident show\""));
    }

    @Test
    void publicKeyEncryptedExportDecryptsWithGpgAndVerifies() throws Exception {
        assumeTrue(gpgAvailable(), "gpg is not on PATH");
        UserFixture fx = history();
        Cli cli = fx.cli;
        Path home = gpgHome(dir);
        Path plain = dir.resolve("decrypted.ndjson");
        try {
            assertEquals(0, gpg(home, "--passphrase", "", "--quick-gen-key", "vrsctl test <t@example.invalid>",
                    "default", "default", "never"), () -> log(home));
            Path pub = dir.resolve("pub.asc");
            assertEquals(0, gpg(home, "--armor", "--output", pub.toString(), "--export", "t@example.invalid"),
                    () -> log(home));
            assertTrue(Files.readString(pub).contains("BEGIN PGP PUBLIC KEY BLOCK"));

            fx.as(Cli.ADMIN);
            Path enc = dir.resolve("audit.ndjson.gpg");
            ok(cli.run("audit", "export", "--out", enc.toString(), "--encrypt-to", pub.toString()));
            UserFixture.assertOwnerOnly(enc);
            assertFalse(AuditSupport.containsBytes(Files.readAllBytes(enc), "vrsctl-audit-v1"), "encrypted");
            assertEquals(0, gpg(home, "--output", plain.toString(), "--decrypt", enc.toString()), () -> log(home));
        } finally {
            stopAgent(home);
        }
        fx.as(UserFixture.AUDITOR);
        ok(cli.run("audit", "verify", "--file", plain.toString()));

        // a key file that is not an OpenPGP key: refused, nothing left behind
        Path junk = cli.write("junk.asc", "not a key\n");
        fx.as(Cli.ADMIN);
        Cli.Result bad = cli.run("audit", "export", "--out", dir.resolve("x.gpg").toString(), "--encrypt-to",
                junk.toString());
        assertEquals(3, bad.code(), bad::toString);
        assertFalse(Files.exists(dir.resolve("x.gpg")), "no partial file");
    }

    static String log(Path home) {
        try {
            return Files.readString(home.resolve("log.txt"));
        } catch (IOException e) {
            return "(no gpg log)";
        }
    }

    // ------------------------------------------------------------------ segments, formats, files

    static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    @Test
    void sinceUntilSegmentVerifies() throws Exception {
        UserFixture fx = history(); // 2024-06-01 (Japan time) by the harness clock
        Cli cli = fx.cli;
        cli.clock = at("2024-06-02T03:00:00Z");
        fx.as(UserFixture.OPERATOR);
        ok(cli.run("resident", "show", "0002"));
        ok(cli.run("ticket", "issue", "0002", "--dose", "2"));
        cli.clock = at("2024-06-03T03:00:00Z");
        ok(cli.run("resident", "show", "0003"));
        long day2First = AuditSupport.count(cli, "SELECT min(seq) FROM audit WHERE at LIKE '2024-06-02%'");
        long day2Last = AuditSupport.count(cli, "SELECT max(seq) FROM audit WHERE at LIKE '2024-06-02%'");
        assertTrue(day2Last - day2First >= 4);

        cli.clock = at("2024-06-04T03:00:00Z");
        fx.as(UserFixture.AUDITOR);
        Path seg = dir.resolve("day2.ndjson");
        Cli.Result r = ok(cli.run("audit", "export", "--since", "2024-06-02", "--until", "R6.6.3", "--out",
                seg.toString()));
        List<JsonNode> lines = new ArrayList<>();
        for (String l : Files.readAllLines(seg)) {
            lines.add(JSON.readTree(l));
        }
        JsonNode header = lines.get(0);
        assertEquals("header", header.get("type").asText());
        assertEquals(day2First, header.get("first_seq").asLong());
        List<JsonNode> entries = lines.stream().filter(n -> n.get("type").asText().equals("entry")).toList();
        assertEquals(day2Last - day2First + 1, entries.size(), r::toString);
        assertEquals(day2First, entries.get(0).get("seq").asLong());
        assertEquals(day2Last, entries.get(entries.size() - 1).get("seq").asLong());
        assertTrue(header.get("keys").size() >= 4, "users' keys introduced before the segment travel in the header");

        Cli.Result v = ok(cli.run("audit", "verify", "--file", seg.toString(), "-o", "json"));
        assertTrue(v.out().contains("\"first_seq\":" + day2First) || v.out().contains("\"first_seq\" : " + day2First),
                v::toString);

        // the segment's first entry removed: found, although the segment does not start at seq 1
        List<String> raw = new ArrayList<>(Files.readAllLines(seg));
        raw.remove(1);
        Path cut = dir.resolve("cut.ndjson");
        Files.write(cut, raw);
        Cli.Result broken = cli.run("audit", "verify", "--file", cut.toString());
        assertEquals(day2First, AuditSupport.brokenAt(broken), broken::toString);

        // and an edited line in the middle of the segment
        List<String> edited = new ArrayList<>(Files.readAllLines(seg));
        edited.set(3, edited.get(3).replace("\"outcome\":\"ok\"", "\"outcome\":\"failed\""));
        Path ed = dir.resolve("edited.ndjson");
        Files.write(ed, edited);
        assertEquals(day2First + 2, AuditSupport.brokenAt(cli.run("audit", "verify", "--file", ed.toString())));
    }

    @Test
    void csvExportGuardsAgainstFormulas() throws Exception {
        UserFixture fx = history();
        Cli cli = fx.cli;
        // a failed login records the user name as typed: a spreadsheet formula, here
        String evil = "=HYPERLINK(\"http://example.invalid\",\"x\")";
        cli.loginAs(Cli.MUNI, evil, cli.passwordFile("evil", "whatever it is"));
        assertEquals(4, cli.run("resident", "list").code());
        cli.loginAs(Cli.MUNI, "@SUM(1+1)", cli.passwordFile("evil2", "whatever it is"));
        assertEquals(4, cli.run("resident", "list").code());

        fx.as(UserFixture.AUDITOR);
        Path csv = dir.resolve("audit.csv");
        ok(cli.run("audit", "export", "-o", "csv", "--out", csv.toString()));
        UserFixture.assertOwnerOnly(csv);
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("seq,at,user,role,kind,command,outcome,counts,subjects"), text);
        assertTrue(text.contains("'=HYPERLINK("), "formula prefixed with a quote");
        assertTrue(text.contains("'@SUM(1+1)"), "formula prefixed with a quote");
        for (String line : text.split("\r?\n")) {
            for (String cell : line.split(",")) {
                String c = cell.startsWith("\"") ? cell.substring(1) : cell;
                assertFalse(c.startsWith("=") || c.startsWith("@") || c.startsWith("+"), "unguarded cell: " + cell);
            }
        }
        assertTrue(text.contains("resident show"));
        assertTrue(text.contains("login-failed"));

        // the NDJSON form keeps the value exactly (it is data, not a spreadsheet)
        Path nd = dir.resolve("audit.ndjson");
        ok(cli.run("audit", "export", "--out", nd.toString()));
        assertTrue(Files.readAllLines(nd).stream().anyMatch(l -> l.contains("\"user\":\"=HYPERLINK(")));
        ok(cli.run("audit", "verify", "--file", nd.toString()));
    }

    @Test
    void exportFilesAreOwnerOnlyAndNeverOverwritten() throws Exception {
        UserFixture fx = history();
        Cli cli = fx.cli;
        fx.as(UserFixture.AUDITOR);
        Path out = dir.resolve("a.ndjson");
        ok(cli.run("audit", "export", "--out", out.toString()));
        UserFixture.assertOwnerOnly(out);
        byte[] first = Files.readAllBytes(out);
        Cli.Result again = cli.run("audit", "export", "--out", out.toString());
        assertEquals(6, again.code(), again::toString);
        assertTrue(again.err().contains("Refusing to overwrite"), again::toString);
        assertArrayEquals(first, Files.readAllBytes(out), "the earlier export is untouched");
        Cli.Result csvAgain = cli.run("audit", "export", "-o", "csv", "--out", out.toString());
        assertEquals(6, csvAgain.code(), csvAgain::toString);
        assertArrayEquals(first, Files.readAllBytes(out));

        Path kept = dir.resolve("kept.json");
        ok(cli.run("audit", "checkpoint", "--out", kept.toString()));
        UserFixture.assertOwnerOnly(kept);
        byte[] cp = Files.readAllBytes(kept);
        assertEquals(6, cli.run("audit", "checkpoint", "--out", kept.toString()).code());
        assertArrayEquals(cp, Files.readAllBytes(kept));

        // usage errors write no file
        Path pass = cli.write("p", "pass phrase here\n");
        Cli.Result both = cli.run("audit", "export", "--out", dir.resolve("b.gpg").toString(), "--passphrase-file",
                pass.toString(), "--encrypt-to", pass.toString());
        assertEquals(2, both.code(), both::toString);
        assertEquals(2, cli.run("audit", "export", "-o", "json", "--out", dir.resolve("c.json").toString()).code());
        assertFalse(Files.exists(dir.resolve("b.gpg")));
        assertFalse(Files.exists(dir.resolve("c.json")));

        // every export signs a checkpoint at its own entry, and exports it
        long cps = AuditSupport.count(cli, "SELECT count(*) FROM audit_checkpoint");
        ok(cli.run("audit", "export", "--out", dir.resolve("d.ndjson").toString()));
        assertEquals(cps + 1, AuditSupport.count(cli, "SELECT count(*) FROM audit_checkpoint"));
        long cpSeq = AuditSupport.count(cli, "SELECT max(seq) FROM audit_checkpoint");
        assertEquals("audit export", AuditSupport.entry(cli, cpSeq).command());
        assertTrue(Files.readAllLines(dir.resolve("d.ndjson")).stream()
                .anyMatch(l -> l.contains("\"type\":\"checkpoint\"") && l.contains("\"seq\":" + cpSeq + ",")));
    }

    // ------------------------------------------------------------------ privacy scan and roles

    /** One synthetic resident for the scan. */
    record P(String addressNumber, String myNumber, String name, String kana, String birthInput, String birthIso,
             String postal, String address, String ticket) {}

    static String mn(String first11) {
        return first11 + MyNumber.checkDigit(first11);
    }

    static final List<P> PEOPLE = List.of(
            new P("7301945501", mn("58213946071"), "監査 一郎", "カンサ イチロウ", "S36.7.23", "1961-07-23", "350-1201",
                    "埼玉県狭山市監査町一丁目2番3号", "8123456701"),
            new P("7301945502", mn("58213946072"), "秘匿 花子", "ヒトク ハナコ", "1972-11-05", "1972-11-05", "350-1202",
                    "埼玉県狭山市秘匿台四丁目5番6号", "8123456702"),
            new P("7301945503", mn("58213946073"), "記録 三郎", "キロク サブロウ", "1985-03-14", "1985-03-14", "350-1203",
                    "埼玉県狭山市記録原七丁目8番9号", "8123456703"),
            new P("7301945504", mn("58213946074"), "暗号 四季", "アンゴウ シキ", "H2.9.30", "1990-09-30", "350-1204",
                    "埼玉県狭山市暗号町十丁目11番12号", "8123456704"));

    static List<String> secrets() {
        List<String> s = new ArrayList<>();
        for (P p : PEOPLE) {
            s.add(p.addressNumber());
            s.add(p.myNumber());
            s.add(p.name());
            s.addAll(List.of(p.name().split(" ")));
            s.add(p.kana());
            s.add(p.birthInput());
            s.add(p.birthIso());
            s.add(p.birthIso().replace("-", ""));
            s.add(p.postal());
            s.add(p.address());
            s.add(p.ticket());
        }
        return s;
    }

    /** Fails, naming only the kind of value, if any synthetic personal value occurs in {@code bytes}. */
    static void assertNoPersonalData(byte[] bytes, String where) {
        for (P p : PEOPLE) {
            Map<String, List<String>> kinds = Map.of(
                    "a 宛名番号", List.of(p.addressNumber()),
                    "a My Number", List.of(p.myNumber()),
                    "a name", List.of(p.name(), p.name().split(" ")[0], p.name().split(" ")[1], p.kana()),
                    "a birth date", List.of(p.birthInput(), p.birthIso(), p.birthIso().replace("-", "")),
                    "an address", List.of(p.address(), p.postal(), p.postal().replace("-", "")),
                    "a ticket number", List.of(p.ticket()));
            kinds.forEach((kind, values) -> {
                for (String v : values) {
                    assertFalse(AuditSupport.containsBytes(bytes, v), kind + " in clear in " + where);
                }
            });
        }
    }

    @Test
    void endToEndScenarioLeavesNoPersonalDataInClearInTheTrail() throws Exception {
        UserFixture fx = new UserFixture(dir).standardUsers();
        Cli cli = fx.cli;
        StringBuilder csv = new StringBuilder("宛名番号,個人番号,氏名,氏名カナ,生年月日,性別,郵便番号,住所,DV支援措置\n");
        StringBuilder tickets = new StringBuilder("宛名番号,券番号,接種回,発行日\n");
        for (P p : PEOPLE) {
            csv.append(String.join(",", p.addressNumber(), p.myNumber(), p.name(), p.kana(), p.birthInput(), "2",
                    p.postal(), p.address(), p == PEOPLE.get(1) ? "1" : "")).append('\n');
            tickets.append(p.addressNumber()).append(',').append(p.ticket()).append(",1,2024-04-01\n");
        }
        fx.as(UserFixture.OPERATOR);
        Path residentsFile = cli.write("residents-june.csv", csv.toString());
        ok(cli.run("resident", "import", residentsFile.toString()));
        ok(cli.run("ticket", "import", cli.write("tickets-june.csv", tickets.toString()).toString()));
        // an invalid re-import: rejected, but audited
        Path bad = cli.write("bad.csv", "宛名番号,個人番号,氏名,氏名カナ,生年月日,性別\n" + PEOPLE.get(0).addressNumber()
                + "," + PEOPLE.get(0).myNumber() + ",,カンサ,1961-07-23,1\n");
        assertEquals(3, cli.run("resident", "import", bad.toString()).code());
        P a = PEOPLE.get(0);
        P b = PEOPLE.get(1);
        P c = PEOPLE.get(2);
        P d = PEOPLE.get(3);
        Path mnFile = cli.write("mn-a", a.myNumber() + "\n");
        ok(cli.run("resident", "show", a.addressNumber()));
        // the output holds the revealed (synthetic) My Number: never put it into an assertion message
        assertEquals(0, cli.run("resident", "show", "--my-number-file", mnFile.toString(), "--reveal-my-number").code(),
                "resident show --reveal-my-number");
        ok(cli.run("resident", "show", "--ticket", b.ticket()));
        ok(cli.run("resident", "list", "--kana", c.kana()));
        ok(cli.run("resident", "list", "--born-from", "1970-01-01", "-o", "csv"));
        ok(cli.run("ticket", "issue", c.addressNumber(), "--dose", "2"));
        ok(cli.run("ticket", "reissue", d.ticket(), "--reason", "lost"));
        ok(cli.run("ticket", "list", "--resident", a.addressNumber()));
        ok(cli.run("resident", "flag", d.addressNumber(), "--moved-out", "2024-05-30", "--reason", "転出届"));
        fx.as(UserFixture.VENUE);
        ok(cli.run("dose", "record", "--ticket", a.ticket(), "--birth-date", a.birthInput(), "--date", "2024-05-10",
                "--product", "コミナティ", "--lot", "FF2018"));
        assertEquals(4, cli.run("resident", "show", b.addressNumber()).code());
        fx.as(UserFixture.OPERATOR);
        ok(cli.run("dose", "list", "--resident", a.addressNumber()));

        fx.as(Cli.ADMIN);
        String idA = ok(cli.run("audit", "subject", "--address-number", a.addressNumber())).out().strip();
        assertTrue(idA.matches(AuditEntriesTest.RID), "a surrogate id");
        assertEquals(idA, ok(cli.run("audit", "subject", "--my-number-file", mnFile.toString())).out().strip());
        assertEquals(idA, ok(cli.run("audit", "subject", "--ticket", a.ticket())).out().strip());
        assertEquals(5, cli.run("audit", "subject", "--address-number", "7301945599").code());

        // the auditor: list, export, verify, checkpoint -- and nothing else
        fx.as(UserFixture.AUDITOR);
        Path nd = dir.resolve("a.ndjson");
        Path csvOut = dir.resolve("a.csv");
        ok(cli.run("audit", "export", "--out", nd.toString()));
        ok(cli.run("audit", "export", "-o", "csv", "--out", csvOut.toString()));
        ok(cli.run("audit", "verify"));
        ok(cli.run("audit", "verify", "--file", nd.toString()));
        ok(cli.run("audit", "checkpoint"));
        Cli.Result subjectList = ok(cli.run("audit", "list", "--subject", idA, "-o", "ndjson"));
        Cli.Result plainList = ok(cli.run("audit", "list", "-o", "json"));
        assertEquals(4, cli.run("resident", "list").code());
        assertEquals(4, cli.run("resident", "show", a.addressNumber()).code());
        assertEquals(4, cli.run("audit", "subject", "--address-number", a.addressNumber()).code());
        assertEquals(4, cli.run("ticket", "list").code());
        assertEquals(4, cli.run("dose", "list").code());
        Cli.Result noDetails = cli.run("audit", "list", "--details", "--kind", "import", "-o", "json");
        assertEquals(0, noDetails.code(), noDetails::toString);
        fx.as(UserFixture.OPERATOR);
        assertEquals(4, cli.run("audit", "list").code());
        assertEquals(4, cli.run("audit", "verify").code());
        assertEquals(4, cli.run("audit", "export", "--out", dir.resolve("op.ndjson").toString()).code());
        assertFalse(Files.exists(dir.resolve("op.ndjson")), "a refused export leaves no file");
        fx.as(UserFixture.VENUE);
        assertEquals(4, cli.run("audit", "checkpoint").code());

        // audit list --subject finds that resident's entries: shows by 宛名番号, My Number and ticket, the ticket
        // list, the dose recorded for them, the dose list and the admin's subject look-ups
        List<JsonNode> mine = new ArrayList<>();
        for (String l : Cli.lines(subjectList.out())) {
            mine.add(JSON.readTree(l));
        }
        List<String> commands = mine.stream().map(n -> n.get("kind").asText() + " " + n.get("command").asText()).toList();
        assertTrue(commands.stream().filter(x -> x.equals("read-intent resident show")).count() == 2, commands::toString);
        assertTrue(commands.contains("read-done resident show"), commands::toString);
        assertTrue(commands.contains("change dose record"), commands::toString);
        assertTrue(commands.stream().filter(x -> x.equals("read-intent audit subject")).count() == 3, commands::toString);
        for (JsonNode n : mine) {
            assertTrue(List.of(n.get("subjects").asText().split(" ")).contains(idA));
        }

        // the admin opens the sealed details: the import's file name and digest
        fx.as(Cli.ADMIN);
        Cli.Result det = ok(cli.run("audit", "list", "--details", "--kind", "import", "-o", "ndjson"));
        assertTrue(det.out().contains("residents-june.csv"), "file name in the opened details");
        assertTrue(det.out().contains(AuditEntriesTest.sha256(residentsFile)), "digest in the opened details");
        assertTrue(det.out().contains("bad.csv"), "the rejected import is audited too");
        assertFalse(plainList.out().contains("residents-june.csv"), "details sealed in a plain list");

        // The scan: every column of every audit row and checkpoint, the exports and the auditor's listings
        long scanned = 0;
        try (Connection conn = AuditSupport.open(AuditSupport.db(cli)); Statement st = conn.createStatement()) {
            for (String table : List.of("audit", "audit_checkpoint")) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            Object o = rs.getObject(i);
                            byte[] bytes = o instanceof byte[] bb ? bb
                                    : String.valueOf(o).getBytes(StandardCharsets.UTF_8);
                            assertNoPersonalData(bytes, table + "." + md.getColumnName(i));
                            row.append(o instanceof byte[] ? "" : String.valueOf(o)).append('|');
                        }
                        assertNoPersonalData(row.toString().getBytes(StandardCharsets.UTF_8), table + " row");
                        scanned++;
                    }
                }
            }
        }
        assertTrue(scanned > 60, "the scenario wrote a real trail: " + scanned);
        byte[] ndBytes = Files.readAllBytes(nd);
        byte[] csvBytes = Files.readAllBytes(csvOut);
        assertTrue(AuditSupport.containsBytes(ndBytes, "resident show") && AuditSupport.containsBytes(csvBytes,
                "dose record"), "the scanner sees the exports' text");
        assertNoPersonalData(ndBytes, "the NDJSON export");
        assertNoPersonalData(csvBytes, "the CSV export");
        assertNoPersonalData(plainList.out().getBytes(StandardCharsets.UTF_8), "audit list");
        assertNoPersonalData(subjectList.out().getBytes(StandardCharsets.UTF_8), "audit list --subject");
        // self-check of the scanner: it does find a value that is there
        assertTrue(AuditSupport.containsBytes(Files.readAllBytes(residentsFile), a.address()));
        assertTrue(secrets().size() > 40);
    }
}
