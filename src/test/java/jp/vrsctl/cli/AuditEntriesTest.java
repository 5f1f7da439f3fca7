package jp.vrsctl.cli;

import static jp.vrsctl.cli.AuditSupport.count;
import static jp.vrsctl.cli.AuditSupport.entriesAfter;
import static jp.vrsctl.cli.AuditSupport.maxSeq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import jp.vrsctl.service.AccessService;
import jp.vrsctl.service.AuditLog;
import jp.vrsctl.service.Session;
import jp.vrsctl.store.Records.AuditRow;
import jp.vrsctl.store.Store;
import jp.vrsctl.store.UnitOfWork;

/**
 * Every entry kind appears for its command (design.md §5), table-driven over commands: each command run by a
 * logged-in user writes a signed {@code login} entry and then its own entries, with the right kind, command
 * text, outcome, counts and subjects; rows the command wrote record the entry's sequence number.
 */
class AuditEntriesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String RID = "R[0-9A-HJKMNP-TV-Z]{20}";

    @TempDir
    Path dir;

    /** What one command run must have appended (after its login entry, if it logs in). */
    record Expect(String kind, String command, String outcome) {}

    /** One row of the table. */
    record Case(String name, String user, String[] args, int exit, boolean login, List<Expect> expected,
                Consumer<Run> check) {}

    /** A run: the command's result and the entries it appended (login first). */
    record Run(Cli.Result result, List<AuditRow> entries, UserFixture fx) {
        AuditRow last() {
            return entries.get(entries.size() - 1);
        }

        AuditRow kind(String kind) {
            return entries.stream().filter(e -> e.kind().equals(kind)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " entry"));
        }
    }

    static Expect e(String kind, String command, String outcome) {
        return new Expect(kind, command, outcome);
    }

    static String[] a(String... a) {
        return a;
    }

    static String residentId(UserFixture fx, String addressNumber) {
        fx.as(Cli.ADMIN);
        Cli.Result r = fx.cli.run("audit", "subject", "--address-number", addressNumber);
        assertEquals(0, r.code(), r::toString);
        String id = r.out().strip();
        assertTrue(id.matches(RID), id);
        return id;
    }

    static JsonNode counts(AuditRow r) {
        try {
            return JSON.readTree(r.countsJson());
        } catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }

    static void auditSeqOf(UserFixture fx, String table, long seq, long expectedRows) {
        assertEquals(expectedRows, count(fx.cli, "SELECT count(*) FROM " + table + " WHERE audit_seq = " + seq),
                table + " rows recording entry " + seq);
    }

    @TestFactory
    Stream<DynamicTest> everyCommandWritesItsEntries() {
        UserFixture fx = new UserFixture(dir).standardUsers().residents(4);
        Cli cli = fx.cli;
        String r1 = residentId(fx, "0001");
        String r4 = residentId(fx, "0004");
        String opId = AuditSupport.principalId(cli, UserFixture.OPERATOR);

        // a re-import: 0001 renamed (updated), 0002 unchanged, 0005 new
        UserFixture.Person p1 = fx.people.get(0);
        UserFixture.Person p2 = fx.people.get(1);
        Path reimport = cli.write("reimport.csv", "宛名番号,個人番号,氏名,氏名カナ,生年月日,性別\n"
                + p1.addressNumber() + "," + p1.myNumber() + ",改名 太郎,カイメイ タロウ," + p1.birthDate() + ",1\n"
                + p2.addressNumber() + "," + p2.myNumber() + "," + p2.name() + "," + p2.kana() + "," + p2.birthDate() + ",1\n"
                + "0005," + UserFixture.myNumber(5) + ",新規 花子,シンキ ハナコ,1960-02-03,2\n");
        long residentsBefore = count(cli, "SELECT count(*) FROM resident");

        List<Case> table = new ArrayList<>();
        table.add(new Case("login that fails (wrong password): unsigned, marked", UserFixture.OPERATOR + ":wrong",
                a("resident", "list"), 4, false, List.of(e("login-failed", "login", "denied")), run -> {
                    AuditRow f = run.last();
                    assertNull(f.signature(), "failed login unsigned");
                    assertEquals(UserFixture.OPERATOR, f.principalName());
                    assertEquals(opId, f.principalId());
                    assertEquals(1, count(cli, "SELECT count(*) FROM audit WHERE seq = " + f.seq()
                            + " AND signature IS NULL AND kind = 'login-failed'"), "signature IS NULL in the store");
                }));
        table.add(new Case("login that fails (unknown user)", "nobody:wrong", a("resident", "list"), 4, false,
                List.of(e("login-failed", "login", "denied")), run -> {
                    assertNull(run.last().signature());
                    assertNull(run.last().principalId());
                    assertEquals("nobody", run.last().principalName());
                }));
        table.add(new Case("resident show: intent before, completion after", UserFixture.OPERATOR,
                a("resident", "show", "0001"), 0, true,
                List.of(e("read-intent", "resident show", "ok"), e("read-done", "resident show", "ok")), run -> {
                    assertEquals(r1, run.entries().get(1).subjects());
                    assertEquals(r1, run.entries().get(2).subjects());
                    assertEquals(1, counts(run.entries().get(2)).get("records").asLong());
                    assertNotNull(run.entries().get(1).details(), "details sealed, not absent");
                }));
        table.add(new Case("resident list", UserFixture.OPERATOR, a("resident", "list"), 0, true,
                List.of(e("read-intent", "resident list", "ok"), e("read-done", "resident list", "ok")),
                run -> assertEquals(4, counts(run.last()).get("records").asLong())));
        table.add(new Case("resident import: one entry, digest and counts; rows record its seq", Cli.ADMIN,
                a("resident", "import", reimport.toString()), 0, true, List.of(e("import", "resident import", "ok")),
                run -> {
                    JsonNode c = counts(run.last());
                    assertEquals(3, c.get("rows").asLong());
                    assertEquals(1, c.get("added").asLong());
                    assertEquals(1, c.get("updated").asLong());
                    assertEquals(1, c.get("unchanged").asLong());
                    assertEquals(0, c.get("rejected").asLong());
                    assertNull(run.last().subjects(), "a bulk entry names no subjects");
                    long seq = run.last().seq();
                    assertEquals(residentsBefore + 1, count(cli, "SELECT count(*) FROM resident"));
                    auditSeqOf(fx, "resident", seq, 2);
                    assertEquals(1, count(cli, "SELECT count(*) FROM resident WHERE audit_seq = " + seq
                            + " AND id = '" + r1 + "'"), "the updated resident");
                    assertEquals(1, count(cli, "SELECT count(*) FROM resident_history WHERE id = '" + r1
                            + "' AND audit_seq < " + seq), "the old version keeps the seq that wrote it");
                    // the digest and file name are sealed in the details; the admin can open them
                    fx.as(Cli.ADMIN);
                    Cli.Result l = cli.run("audit", "list", "--kind", "import", "--details", "-o", "json");
                    assertEquals(0, l.code(), l::toString);
                    assertTrue(l.out().contains(sha256(reimport)), "file digest in the details");
                    assertTrue(l.out().contains("reimport.csv"), "file name in the details");
                }));
        table.add(new Case("ticket issue", UserFixture.OPERATOR, a("ticket", "issue", "0001", "--dose", "2"), 0, true,
                List.of(e("change", "ticket issue", "ok")), run -> {
                    assertEquals(r1, run.last().subjects());
                    auditSeqOf(fx, "ticket", run.last().seq(), 1);
                    assertEquals(1, counts(run.last()).get("tickets").asLong());
                }));
        table.add(new Case("ticket void", UserFixture.OPERATOR,
                a("ticket", "void", fx.people.get(1).ticket(), "--reason", "card lost"), 0, true,
                List.of(e("change", "ticket void", "ok")), run -> {
                    assertTrue(run.last().subjects().matches(RID));
                    auditSeqOf(fx, "ticket", run.last().seq(), 1);
                }));
        table.add(new Case("ticket reissue", Cli.ADMIN,
                a("ticket", "reissue", fx.people.get(2).ticket(), "--reason", "damaged"), 0, true,
                List.of(e("change", "ticket reissue", "ok")), run -> {
                    assertTrue(run.last().subjects().matches(RID));
                    auditSeqOf(fx, "ticket", run.last().seq(), 2);
                }));
        table.add(new Case("dose record (venue)", UserFixture.VENUE,
                a("dose", "record", "--ticket", fx.people.get(3).ticket(), "--birth-date", fx.people.get(3).birthDate(),
                        "--date", "2024-05-01", "--product", "コミナティ", "--lot", "FF2018"), 0, true,
                List.of(e("change", "dose record", "ok")), run -> {
                    assertEquals(r4, run.last().subjects());
                    assertEquals("venue", run.last().role());
                    auditSeqOf(fx, "dose", run.last().seq(), 1);
                }));
        table.add(new Case("resident flag", UserFixture.OPERATOR,
                a("resident", "flag", "0004", "--moved-out", "2024-05-20"), 0, true,
                List.of(e("change", "resident flag", "ok")), run -> {
                    assertEquals(r4, run.last().subjects());
                    auditSeqOf(fx, "resident", run.last().seq(), 1);
                }));
        table.add(new Case("ticket list", UserFixture.OPERATOR, a("ticket", "list"), 0, true,
                List.of(e("read-intent", "ticket list", "ok"), e("read-done", "ticket list", "ok")), run -> {}));
        table.add(new Case("dose list", UserFixture.OPERATOR, a("dose", "list"), 0, true,
                List.of(e("read-intent", "dose list", "ok"), e("read-done", "dose list", "ok")),
                run -> assertEquals(1, counts(run.last()).get("records").asLong())));
        table.add(new Case("user add: admin entry introducing the new user's key", Cli.ADMIN,
                a("user", "add", "op2", "--role", "operator", "--password-out", dir.resolve("otp-op2").toString()), 0,
                true, List.of(e("admin", "user add", "ok")), run -> {
                    String id = AuditSupport.principalId(cli, "op2");
                    JsonNode keys = readJson(run.last().publicKeys());
                    assertEquals(1, keys.size());
                    byte[] pub = Base64.getDecoder().decode(keys.get(id).asText());
                    assertEquals(HexFormat.of().formatHex(pub), AuditSupport.strings(cli,
                            "SELECT hex(signing_public) FROM principal WHERE name = 'op2'").get(0).toLowerCase());
                }));
        table.add(new Case("refused command (operator: user list)", UserFixture.OPERATOR, a("user", "list"), 4, true,
                List.of(e("denied", "user list", "denied")), run -> {
                    assertNotNull(run.last().signature(), "signed by who tried");
                    assertEquals(UserFixture.OPERATOR, run.last().principalName());
                }));
        table.add(new Case("refused command (auditor: resident list)", UserFixture.AUDITOR, a("resident", "list"), 4,
                true, List.of(e("denied", "resident list", "denied")), run -> {}));
        table.add(new Case("refused command (venue: resident show)", UserFixture.VENUE, a("resident", "show", "0001"),
                4, true, List.of(e("denied", "resident show", "denied")), run -> {}));
        table.add(new Case("audit list (auditor)", UserFixture.AUDITOR, a("audit", "list"), 0, true,
                List.of(e("admin", "audit list", "ok")), run -> {}));
        table.add(new Case("audit checkpoint (auditor)", UserFixture.AUDITOR, a("audit", "checkpoint"), 0, true,
                List.of(e("admin", "audit checkpoint", "ok")), run -> assertEquals(run.last().seq(),
                        count(cli, "SELECT max(seq) FROM audit_checkpoint"), "checkpoint at the entry")));
        table.add(new Case("audit subject (admin)", Cli.ADMIN, a("audit", "subject", "--ticket",
                fx.people.get(0).ticket()), 0, true, List.of(e("read-intent", "audit subject", "ok")),
                run -> assertEquals(r1, run.last().subjects())));
        table.add(new Case("audit verify (admin)", Cli.ADMIN, a("audit", "verify"), 0, true,
                List.of(e("admin", "audit verify", "ok")), run -> {}));

        return table.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            String[] who = c.user().split(":");
            if (who.length == 2) {
                cli.loginAs(Cli.MUNI, who[0], cli.passwordFile("bad-" + who[0], "definitely not " + who[0]));
            } else {
                fx.as(c.user());
            }
            long before = maxSeq(cli);
            Cli.Result r = cli.run(c.args());
            assertEquals(c.exit(), r.code(), r::toString);
            List<AuditRow> got = entriesAfter(cli, before);
            List<Expect> want = new ArrayList<>();
            if (c.login()) {
                want.add(e("login", "login", "ok"));
            }
            want.addAll(c.expected());
            assertEquals(want, got.stream().map(x -> e(x.kind(), x.command(), x.outcome())).toList(), r::toString);
            if (c.login()) {
                AuditRow login = got.get(0);
                assertEquals(who[0], login.principalName());
                assertEquals(AuditSupport.principalId(cli, who[0]), login.principalId());
                assertNotNull(login.signature(), "a successful login is signed");
            }
            for (AuditRow x : got) {
                assertTrue(x.kind().equals("login-failed") == (x.signature() == null), "only failed logins unsigned");
                assertTrue(x.subjects() == null || x.subjects().matches(RID + "( " + RID + ")*"),
                        "subjects are surrogate ids");
            }
            c.check().accept(new Run(r, got, fx));
        }));
    }

    /** The whole trail of a varied history names subjects by surrogate id only and verifies. */
    @Test
    void subjectsAreSurrogateIdsAndTheChainVerifies() {
        UserFixture fx = new UserFixture(dir).standardUsers().residents(3);
        Cli cli = fx.cli;
        fx.as(UserFixture.OPERATOR);
        for (UserFixture.Person p : fx.people) {
            assertEquals(0, cli.run("resident", "show", p.addressNumber()).code());
            assertEquals(0, cli.run("ticket", "list", "--resident", p.addressNumber()).code());
        }
        List<AuditRow> all = AuditSupport.entries(cli);
        long withSubjects = 0;
        for (AuditRow x : all) {
            if (x.subjects() != null) {
                withSubjects++;
                for (String s : x.subjects().split(" ")) {
                    assertTrue(s.matches(RID), "subject is a surrogate id");
                }
            }
        }
        assertTrue(withSubjects >= 6, "shows and lists name their subjects");
        fx.as(UserFixture.AUDITOR);
        assertEquals(0, cli.run("audit", "verify").code());
    }

    /**
     * An admin's or auditor's append after {@link AuditLog#CHECKPOINT_EVERY} entries since the last checkpoint
     * signs a new one; an operator's does not (they hold no audit signing key). The 1000 entries are appended
     * through the real audit log by a real operator session (the CLI would take minutes for them).
     */
    @Test
    void automaticCheckpointAfterEnoughEntries() throws Exception {
        UserFixture fx = new UserFixture(dir).standardUsers();
        Cli cli = fx.cli;
        Clock fixed = cli.clock;
        try (Store store = openStore(cli);
             Session op = new AccessService(fixed).login(store, Cli.MUNI, UserFixture.OPERATOR,
                     fx.passwords.get(UserFixture.OPERATOR).toCharArray())) {
            AuditLog log = new AuditLog(fixed);
            try (UnitOfWork uow = store.write()) {
                for (int i = 0; i < AuditLog.CHECKPOINT_EVERY; i++) {
                    log.append(uow, op, new AuditLog.Entry(AuditLog.READ_INTENT, "test read", "ok",
                            Map.of("records", 0L), List.of(), Map.of("i", i)));
                }
                uow.commit();
            }
        }
        assertTrue(maxSeq(cli) > AuditLog.CHECKPOINT_EVERY);
        assertEquals(0, count(cli, "SELECT count(*) FROM audit_checkpoint"), "operators sign no checkpoint");
        fx.as(UserFixture.OPERATOR);
        assertEquals(0, cli.run("resident", "list").code());
        assertEquals(0, count(cli, "SELECT count(*) FROM audit_checkpoint"));
        // the auditor's next command: its login entry is the first append by a key holder
        fx.as(UserFixture.AUDITOR);
        long before = maxSeq(cli);
        assertEquals(0, cli.run("audit", "list", "--limit", "1").code());
        assertEquals(1, count(cli, "SELECT count(*) FROM audit_checkpoint"));
        assertEquals(before + 1, count(cli, "SELECT seq FROM audit_checkpoint"), "at the auditor's login entry");
        assertEquals(AuditSupport.principalId(cli, UserFixture.AUDITOR),
                AuditSupport.strings(cli, "SELECT principal_id FROM audit_checkpoint").get(0));
        // and not again until another 1000 entries
        assertEquals(0, cli.run("audit", "list", "--limit", "1").code());
        assertEquals(1, count(cli, "SELECT count(*) FROM audit_checkpoint"));
        assertEquals(0, cli.run("audit", "verify").code());
    }

    static Store openStore(Cli cli) {
        return Store.open(cli.env.get("VRSCTL_STORE"), false);
    }

    static JsonNode readJson(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }

    static String sha256(Path p) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(java.nio.file.Files.readAllBytes(p)));
        } catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }
}
