package jp.vrsctl.cli;

import static jp.vrsctl.cli.DoseFixture.R1;
import static jp.vrsctl.cli.DoseFixture.R1_BIRTH;
import static jp.vrsctl.cli.DoseFixture.R2;
import static jp.vrsctl.cli.DoseFixture.R3;
import static jp.vrsctl.cli.DoseFixture.T1_1;
import static jp.vrsctl.cli.DoseFixture.T1_2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dose list / show / correct / void / confirm}. */
class DoseCommandsTest {
    static final String IMPORT_HEADER = "ticket_number,birth_date,dose_number,dose_date,product,lot,venue_name\n";
    static final String R2_ROW = DoseFixture.T2_1 + ",1980-05-06,1,2021-07-01,コミナティ,FF3000,市民会館\n";
    static final String R3_ROW = DoseFixture.T3_1 + ",2021-03-01,1,2021-08-01,Spikevax,000267A,=SUM(A1)\n";

    @TempDir
    Path dir;

    DoseFixture f;
    final List<Cli.Result> seen = new ArrayList<>();
    String r1d1;
    String r1d2;
    String r2d1;
    String r3d1;

    /**
     * Resident 1: doses 1 and 2 recorded at a venue (confirmed); residents 2 and 3: dose 1 imported
     * (unconfirmed).
     */
    @BeforeEach
    void setUp() {
        f = new DoseFixture(dir);
        r1d1 = f.recordOk(T1_1, R1_BIRTH, "2021-06-01", "コミナティ", "FF2018");
        r1d2 = f.recordOk(T1_2, R1_BIRTH, "2021-06-25", "コミナティ", "FF2019");
        f.cli.write("d.csv", IMPORT_HEADER + R2_ROW + R3_ROW);
        DoseFixture.ok(f.cli.run("dose", "import", "d.csv"));
        r2d1 = f.list("--resident", R2).get(0).get("id").asText();
        r3d1 = f.list("--resident", R3).get(0).get("id").asText();
    }

    @AfterEach
    void noSecretsAnywhere() {
        for (Cli.Result r : seen) {
            DoseFixture.assertNoSecrets(r);
        }
    }

    private Cli.Result run(String... args) {
        Cli.Result r = f.cli.run(args);
        seen.add(r);
        return r;
    }

    private static void assertCode(int code, Cli.Result r) {
        assertEquals(code, r.code(), r::toString);
    }

    private static Set<String> ids(JsonNode list) {
        Set<String> s = new HashSet<>();
        list.forEach(n -> s.add(n.get("id").asText()));
        return s;
    }

    @Test
    void listFilters() {
        assertEquals(Set.of(r1d1, r1d2, r2d1, r3d1), ids(f.list()));
        assertEquals(Set.of(r1d1, r1d2), ids(f.list("--resident", R1)));
        String r1Id = f.list("--resident", R1).get(0).get("resident_id").asText();
        assertEquals(Set.of(r1d1, r1d2), ids(f.list("--resident", r1Id)), "by resident id too");
        assertEquals(Set.of(r1d1, r2d1, r3d1), ids(f.list("--dose", "1")));
        assertEquals(Set.of(r1d2), ids(f.list("--dose", "2")));
        assertEquals(Set.of(r1d2, r2d1), ids(f.list("--from", "2021-06-15", "--to", "2021-07-15")));
        assertEquals(Set.of(r1d1, r1d2), ids(f.list("--to", "R3.6.25")), "--to is inclusive and takes 和暦");
        assertEquals(Set.of(r3d1), ids(f.list("--from", "2021-08-01")), "--from is inclusive");
        assertEquals(Set.of(r1d1, r1d2), ids(f.list("--confirmed")));
        assertEquals(Set.of(r2d1, r3d1), ids(f.list("--no-confirmed")));
        assertEquals(Set.of(r1d1), ids(f.list("--resident", R1, "--dose", "1", "--confirmed")));
        assertCode(5, run("dose", "list", "--resident", "9999"));
    }

    @Test
    void everyOutputFormat() {
        Cli.Result table = run("dose", "list");
        assertCode(0, table);
        List<String> t = Cli.lines(table.out());
        assertTrue(t.get(0).startsWith("ID") && t.get(0).contains("DOSE") && t.get(0).contains("LOT"), table::toString);
        assertEquals(2 + 4, t.size(), table::toString);
        assertTrue(table.out().contains(r1d1) && table.out().contains("000267A"), table::toString);

        Cli.Result json = run("dose", "list", "-o", "json");
        assertCode(0, json);
        JsonNode arr = DoseFixture.json(json.out());
        assertTrue(arr.isArray());
        assertEquals(4, arr.size());
        assertTrue(arr.get(0).get("id").isTextual() && arr.get(0).get("resident_id").isTextual());
        assertEquals("000267A", f.list("--resident", R3).get(0).get("lot").asText(), "a lot stays a string");

        Cli.Result nd = run("dose", "list", "-o", "ndjson");
        assertCode(0, nd);
        List<String> lines = Cli.lines(nd.out());
        assertEquals(4, lines.size(), nd::toString);
        Set<String> ndIds = new HashSet<>();
        for (String l : lines) {
            ndIds.add(DoseFixture.json(l).get("id").asText());
        }
        assertEquals(Set.of(r1d1, r1d2, r2d1, r3d1), ndIds);

        Cli.Result csv = run("dose", "list", "-o", "csv");
        assertCode(0, csv);
        List<String> c = Cli.lines(csv.out());
        assertTrue(c.get(0).startsWith("id,resident_id,dose_number,dose_date"), csv::toString);
        assertEquals(5, c.size(), csv::toString);
        assertTrue(csv.out().contains(",'=SUM(A1),"), "formula injection guard: " + csv);
        assertFalse(csv.out().contains(",=SUM(A1),"), csv::toString);
        assertFalse(csv.out().startsWith("\uFEFF"));

        Cli.Result excel = run("dose", "list", "-o", "csv", "--excel");
        assertCode(0, excel);
        assertTrue(excel.out().startsWith("\uFEFFid,"), excel::toString);

        assertCode(2, run("dose", "list", "-o", "xml"));
    }

    @Test
    void showAndCorrectKeepHistoryAndConfirm() {
        JsonNode before = f.show(r2d1);
        assertEquals(0, before.get("history").size());
        assertFalse(before.get("confirmed").asBoolean());

        Cli.Result c = run("dose", "correct", r2d1, "--date", "2021-07-02", "--reason", "date typo on the form");
        assertCode(0, c);
        JsonNode after = f.show(r2d1);
        assertEquals("2021-07-02", after.get("dose_date").asText());
        assertEquals("FF3000", after.get("lot").asText(), "values not given are kept");
        assertTrue(after.get("confirmed").asBoolean(), "a corrected dose is confirmed");
        assertEquals("correct", after.get("source").asText());
        assertEquals("date typo on the form", after.get("reason").asText());
        assertEquals(2, after.get("version").asInt());
        assertEquals(1, after.get("history").size());
        JsonNode old = after.get("history").get(0);
        assertEquals("2021-07-01", old.get("dose_date").asText());
        assertFalse(old.get("confirmed").asBoolean());
        assertEquals(1, old.get("version").asInt());

        // Incident 5: the original bulk file uploaded again does not overwrite the correction.
        Cli.Result again = run("dose", "import", "d.csv");
        assertCode(3, again);
        assertEquals("2021-07-02", f.show(r2d1).get("dose_date").asText());

        // Table form of show lists the history.
        Cli.Result table = run("dose", "show", r2d1);
        assertCode(0, table);
        assertTrue(table.out().contains("HISTORY (1)") && table.out().contains("2021-07-01"), table::toString);

        assertCode(5, run("dose", "show", "DNOSUCHDOSE0000000000"));
    }

    @Test
    void correctRefusesCollisionsAndInvalidValues() {
        Cli.Result into = run("dose", "correct", r1d2, "--dose", "1", "--reason", "wrong dose number");
        assertCode(6, into);
        Cli.Result tooSoon = run("dose", "correct", r1d2, "--date", "2021-06-10", "--reason", "typo");
        assertCode(3, tooSoon);
        Cli.Result future = run("dose", "correct", r1d2, "--date", "2024-06-02", "--reason", "typo");
        assertCode(3, future);
        Cli.Result lot = run("dose", "correct", r1d2, "--lot", "6-Aug", "--reason", "typo");
        assertCode(3, lot);
        Cli.Result maker = run("dose", "correct", r1d2, "--product", "スパイクバックス", "--maker", "ファイザー",
                "--reason", "typo");
        assertCode(3, maker);
        JsonNode d = f.show(r1d2);
        assertEquals(1, d.get("version").asInt(), "nothing written");
        assertEquals(2, d.get("dose_number").asInt());
        assertEquals("2021-06-25", d.get("dose_date").asText());

        Cli.Result product = run("dose", "correct", r1d2, "--product", "Spikevax", "--maker", "武田/モデルナ",
                "--date", "2021-07-05", "--reason", "mixed up at the venue");
        assertCode(0, product);
        assertEquals("spikevax", f.show(r1d2).get("product").asText());
        assertCode(5, run("dose", "correct", "DNOSUCHDOSE0000000000", "--date", "2021-07-05", "--reason", "x"));
    }

    @Test
    void voidExcludesFromListAndFreesTheDoseNumber() {
        Cli.Result v = run("dose", "void", r1d2, "--reason", "recorded on the wrong person");
        assertCode(0, v);
        assertEquals(Set.of(r1d1, r2d1, r3d1), ids(f.list()));
        JsonNode all = f.list("--include-void");
        assertEquals(Set.of(r1d1, r1d2, r2d1, r3d1), ids(all));
        for (JsonNode n : all) {
            assertEquals(n.get("id").asText().equals(r1d2) ? "void" : "active", n.get("status").asText());
        }
        JsonNode shown = f.show(r1d2);
        assertEquals("void", shown.get("status").asText());
        assertEquals(1, shown.get("history").size());

        assertCode(6, run("dose", "void", r1d2, "--reason", "again"));
        assertCode(6, run("dose", "correct", r1d2, "--date", "2021-06-26", "--reason", "x"));
        assertCode(6, run("dose", "confirm", r1d2, "--reason", "x"));

        // Dose 2 can be recorded again (the ticket's dose was voided).
        String again = f.recordOk(T1_2, R1_BIRTH, "2021-06-28", "コミナティ", "FF2020");
        assertEquals(Set.of(r1d1, again), ids(f.list("--resident", R1)));
        assertEquals(3, f.list("--resident", R1, "--include-void").size());
    }

    @Test
    void confirmAnImportedDose() {
        Cli.Result c = run("dose", "confirm", r3d1, "--reason", "checked against the clinic list");
        assertCode(0, c);
        JsonNode shown = f.show(r3d1);
        assertTrue(shown.get("confirmed").asBoolean());
        assertEquals("checked against the clinic list", shown.get("reason").asText());
        assertEquals(1, shown.get("history").size());
        assertEquals(Set.of(r1d1, r1d2, r3d1), ids(f.list("--confirmed")));
        assertCode(6, run("dose", "confirm", r3d1, "--reason", "twice"));
        assertCode(6, run("dose", "confirm", r1d1, "--reason", "recorded doses are already confirmed"));
        assertCode(5, run("dose", "confirm", "DNOSUCHDOSE0000000000", "--reason", "x"));
    }

    @Test
    void missingReasonIsAUsageError() {
        assertCode(2, run("dose", "correct", r2d1, "--date", "2021-07-02"));
        assertCode(2, run("dose", "correct", r2d1, "--date", "2021-07-02", "--reason", "  "));
        assertCode(2, run("dose", "void", r2d1));
        assertCode(2, run("dose", "void", r2d1, "--reason", ""));
        assertCode(2, run("dose", "confirm", r2d1));
        Cli.Result err = run("dose", "confirm", r2d1);
        assertTrue(err.err().contains("--reason"), err::toString);
        JsonNode d = f.show(r2d1);
        assertEquals(1, d.get("version").asInt(), "nothing written");
        assertEquals("active", d.get("status").asText());
        assertFalse(d.get("confirmed").asBoolean());
    }
}
