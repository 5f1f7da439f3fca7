package jp.vrsctl.cli;

import static jp.vrsctl.cli.DoseFixture.R1_BIRTH;
import static jp.vrsctl.cli.DoseFixture.R2_BIRTH;
import static jp.vrsctl.cli.DoseFixture.T1_1;
import static jp.vrsctl.cli.DoseFixture.T1_2;
import static jp.vrsctl.cli.DoseFixture.T1_3;
import static jp.vrsctl.cli.DoseFixture.T2_1;
import static jp.vrsctl.cli.DoseFixture.T2_2;
import static jp.vrsctl.cli.DoseFixture.T3_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dose import}: formats.md "Doses" and "Same dose", domain.md §6 items 1–5 and 10–11. */
class DoseImportTest {
    static final String EN = "ticket_number,birth_date,dose_number,dose_date,product,maker,lot,venue_code,administered_in\n";

    @TempDir
    Path dir;

    DoseFixture f;
    final List<Cli.Result> seen = new ArrayList<>();

    @BeforeEach
    void setUp() {
        f = new DoseFixture(dir);
    }

    @AfterEach
    void noSecretsAnywhere() {
        for (Cli.Result r : seen) {
            DoseFixture.assertNoSecrets(r);
        }
    }

    /** One English-header row. */
    static String row(String ticket, String birth, int dose, String date, String product, String lot) {
        return String.join(",", ticket, birth, String.valueOf(dose), date, product, "", lot, "", "") + "\n";
    }

    private Cli.Result importFile(String name, String content, String... extra) {
        f.cli.write(name, content);
        List<String> a = new ArrayList<>(List.of("dose", "import", name));
        a.addAll(List.of(extra));
        Cli.Result r = f.cli.run(a.toArray(String[]::new));
        seen.add(r);
        return r;
    }

    private Cli.Result run(String... args) {
        Cli.Result r = f.cli.run(args);
        seen.add(r);
        return r;
    }

    private static void assertCode(int code, Cli.Result r) {
        assertEquals(code, r.code(), r::toString);
    }

    private static void assertSummary(Cli.Result r, int rows, int added, int updated, int unchanged, int rejected,
                                      int warnings) {
        String expected = "rows " + rows + ": added " + added + ", updated " + updated + ", unchanged " + unchanged
                + ", rejected " + rejected + ", warnings " + warnings;
        assertTrue(r.err().contains(expected), () -> "expected summary [" + expected + "] in " + r);
    }

    private JsonNode only(JsonNode list) {
        assertEquals(1, list.size(), list::toString);
        return list.get(0);
    }

    @Test
    void englishHeadersWithTicketNumber() {
        Cli.Result r = importFile("d.csv", EN
                + "1000000011,1975-01-02,1,2021-06-01,コミナティ,ファイザー,FF2018,V01,\n"
                + "2000000021,1980-05-06,1,2021-06-02,Spikevax,武田/モデルナ,000267A,V02,131016\n");
        assertCode(0, r);
        assertSummary(r, 2, 2, 0, 0, 0, 0);
        JsonNode r1 = only(f.list("--resident", DoseFixture.R1));
        assertEquals("2021-06-01", r1.get("dose_date").asText());
        assertEquals("comirnaty", r1.get("product").asText());
        assertEquals("FF2018", r1.get("lot").asText());
        assertEquals("V01", r1.get("venue_code").asText());
        assertEquals(Cli.MUNI, r1.get("administered_in").asText(), "administered_in defaults to this municipality");
        assertFalse(r1.get("confirmed").asBoolean(), "an imported dose is not confirmed");
        assertEquals("import", r1.get("source").asText());
        JsonNode r2 = only(f.list("--resident", DoseFixture.R2));
        assertEquals("spikevax", r2.get("product").asText());
        assertEquals("000267A", r2.get("lot").asText());
        assertEquals(Cli.OTHER_MUNI, r2.get("administered_in").asText());
    }

    @Test
    void japaneseHeadersWithOcrLineAndWarekiDates() {
        Cli.Result r = importFile("j.csv", "OCR,生年月日,接種回,接種日,製品名,ワクチンメーカー,ロット番号,接種会場コード,接種会場名,接種医師名\n"
                + DoseFixture.ocr(1, Cli.MUNI, T1_1) + ",S50.1.2,1,令和3年6月1日,コミナティ,,FF2018,V01,第一会場,医師 一\n"
                + DoseFixture.ocr(2, Cli.MUNI, T1_2) + ",昭和50年1月2日,2,R3.6.22,コミナティ,,FF2019,V01,第一会場,医師 一\n");
        assertCode(0, r);
        assertSummary(r, 2, 2, 0, 0, 0, 0);
        JsonNode list = f.list("--resident", DoseFixture.R1);
        assertEquals(2, list.size());
        assertEquals("2021-06-01", f.list("--dose", "1").get(0).get("dose_date").asText());
        assertEquals("2021-06-22", f.list("--dose", "2").get(0).get("dose_date").asText());
        assertEquals("第一会場", list.get(0).get("venue_name").asText());
    }

    @Test
    void ocrLineWhoseDoseDigitDisagreesIsRejectedWithFileLineColumn() {
        Cli.Result r = importFile("o.csv", "ocr_line,birth_date,dose_number,dose_date,product,lot\n"
                + DoseFixture.ocr(1, Cli.MUNI, T1_1) + ",1975-01-02,1,2021-06-01,コミナティ,FF2018\n"
                + DoseFixture.ocr(1, Cli.MUNI, T1_2) + ",1975-01-02,2,2021-06-25,コミナティ,FF2019\n");
        assertCode(3, r);
        assertTrue(r.err().contains("o.csv:3: column ocr_line:"), r::toString);
        assertFalse(r.err().contains("o.csv:2:"), "line 2 is valid: " + r);
        assertEquals(0, f.list().size(), "all-or-nothing: nothing written");

        Cli.Result muni = importFile("m.csv", "ocr_line,birth_date,dose_number,dose_date,product,lot\n"
                + DoseFixture.ocr(1, Cli.OTHER_MUNI, T1_1) + ",1975-01-02,1,2021-06-01,コミナティ,FF2018\n");
        assertCode(3, muni);
        assertTrue(muni.err().contains("m.csv:2: column ocr_line:"), muni::toString);
        // The ticket part of the OCR line is never echoed in full.
        assertFalse(muni.err().contains(T1_1), muni::toString);
        assertEquals(0, f.list().size());
    }

    @Test
    void ocrLineAndTicketColumnMustAgree() {
        Cli.Result r = importFile("o.csv", "ticket_number,ocr_line,birth_date,dose_number,dose_date,product,lot\n"
                + T2_1 + "," + DoseFixture.ocr(1, Cli.MUNI, T1_1) + ",1975-01-02,1,2021-06-01,コミナティ,FF2018\n");
        assertCode(3, r);
        assertTrue(r.err().contains("o.csv:2: column ocr_line:"), r::toString);
        assertEquals(0, f.list().size());
    }

    @Test
    void birthDateMismatchIsRejectedWithoutEchoingIt() {
        Cli.Result r = importFile("b.csv", EN + row(T1_1, "1975-01-03", 1, "2021-06-01", "コミナティ", "FF2018"));
        assertCode(3, r);
        assertTrue(r.err().contains("b.csv:2: column birth_date:"), r::toString);
        assertFalse(r.err().contains("1975-01-03"), "the birth date is sensitive and must not be echoed");
        assertEquals(0, f.list().size());
    }

    @Test
    void allOrNothingVersusSkipInvalid() throws IOException {
        String content = EN
                + row(T1_1, R1_BIRTH, 1, "2021-06-01", "コミナティ", "FF2018")
                + row(T2_1, R2_BIRTH, 1, "2021-06-01", "コミナティ", "6-Aug")
                + row(T3_1, "2021-03-01", 1, "2021-06-01", "コミナティ", "FF2020");
        Cli.Result all = importFile("s.csv", content);
        assertCode(3, all);
        assertTrue(all.err().contains("s.csv:3: column lot:"), all::toString);
        assertTrue(all.err().contains("nothing written"), all::toString);
        assertEquals(0, f.list().size(), "all-or-nothing");
        assertFalse(Files.exists(dir.resolve("s.rejects.csv")));

        Cli.Result skip = importFile("s.csv", content, "--skip-invalid");
        assertCode(8, skip);
        assertSummary(skip, 3, 2, 0, 0, 1, 0);
        assertEquals(2, f.list().size());
        assertTrue(f.list("--resident", DoseFixture.R2).isEmpty());
        Path rejects = dir.resolve("s.rejects.csv");
        assertTrue(Files.exists(rejects), skip::toString);
        String rej = Files.readString(rejects, StandardCharsets.UTF_8);
        List<String> lines = Cli.lines(rej.replace("\r\n", "\n"));
        assertEquals(2, lines.size(), "header and one rejected row");
        assertTrue(lines.get(0).endsWith(",error"), lines::toString);
        assertTrue(lines.get(1).contains(T2_1) && lines.get(1).contains("lot"), lines::toString);
    }

    @Test
    void reimportIsUnchangedAndAChangedRowUpdatesKeepingHistory() {
        String content = EN + row(T1_1, R1_BIRTH, 1, "2021-06-01", "コミナティ", "FF2018")
                + row(T2_1, R2_BIRTH, 1, "2021-06-01", "コミナティ", "FF2018");
        assertCode(0, importFile("d.csv", content));
        Cli.Result again = importFile("d.csv", content);
        assertCode(0, again);
        assertSummary(again, 2, 0, 0, 2, 0, 0);
        JsonNode before = only(f.list("--resident", DoseFixture.R1));
        assertEquals(1, before.get("version").asInt());

        Cli.Result changed = importFile("d2.csv", EN + row(T1_1, R1_BIRTH, 1, "2021-06-02", "コミナティ", "FF2099"));
        assertCode(0, changed);
        assertSummary(changed, 1, 0, 1, 0, 0, 0);
        JsonNode shown = f.show(before.get("id").asText());
        assertEquals("2021-06-02", shown.get("dose_date").asText());
        assertEquals("FF2099", shown.get("lot").asText());
        assertEquals(2, shown.get("version").asInt());
        JsonNode history = shown.get("history");
        assertEquals(1, history.size(), shown::toString);
        assertEquals("2021-06-01", history.get(0).get("dose_date").asText());
        assertEquals("FF2018", history.get(0).get("lot").asText());
        assertEquals(1, history.get(0).get("version").asInt());
    }

    @Test
    void recordedDoseIsNeverReplacedWithoutOverride() {
        String id = f.recordOk(T1_1, R1_BIRTH, "2021-06-01", "コミナティ", "FF2018");
        // Identical data from a later upload is harmless.
        Cli.Result same = importFile("same.csv", EN + row(T1_1, R1_BIRTH, 1, "2021-06-01", "コミナティ", "FF2018"));
        assertCode(0, same);
        assertSummary(same, 1, 0, 0, 1, 0, 0);

        String changed = EN + row(T1_1, R1_BIRTH, 1, "2021-06-01", "コミナティ", "FF9999");
        Cli.Result r = importFile("c.csv", changed);
        assertCode(3, r);
        assertTrue(r.err().contains("c.csv:2: column dose_number:") && r.err().contains("confirmed"), r::toString);
        assertEquals("FF2018", f.show(id).get("lot").asText());

        Cli.Result skip = importFile("c.csv", changed, "--skip-invalid");
        assertCode(8, skip);
        assertEquals("FF2018", f.show(id).get("lot").asText());

        Cli.Result noReason = importFile("c.csv", changed, "--override");
        assertCode(2, noReason);
        assertEquals("FF2018", f.show(id).get("lot").asText());

        Cli.Result over = importFile("c.csv", changed, "--override", "--reason", "paper record checked");
        assertCode(0, over);
        assertSummary(over, 1, 0, 1, 0, 0, 1); // the replacement is reported as a warning
        JsonNode shown = f.show(id);
        assertEquals("FF9999", shown.get("lot").asText());
        assertEquals("paper record checked", shown.get("reason").asText());
        JsonNode history = shown.get("history");
        assertEquals(1, history.size(), shown::toString);
        assertEquals("FF2018", history.get(0).get("lot").asText());
        assertEquals("record", history.get(0).get("source").asText());
        assertTrue(history.get(0).get("confirmed").asBoolean());
    }

    @Test
    void doseConfirmedWithDoseConfirmIsProtectedToo() {
        assertCode(0, importFile("d.csv", EN + row(T2_1, R2_BIRTH, 1, "2021-06-01", "コミナティ", "FF2018")));
        String id = only(f.list()).get("id").asText();
        Cli.Result c = run("dose", "confirm", id, "--reason", "checked against the paper form");
        assertCode(0, c);
        assertTrue(only(f.list()).get("confirmed").asBoolean());

        String changed = EN + row(T2_1, R2_BIRTH, 1, "2021-06-03", "コミナティ", "FF2018");
        assertCode(3, importFile("c.csv", changed));
        assertEquals("2021-06-01", f.show(id).get("dose_date").asText());
        assertCode(0, importFile("c.csv", changed, "--override", "--reason", "clinic sent a corrected list"));
        JsonNode shown = f.show(id);
        assertEquals("2021-06-03", shown.get("dose_date").asText());
        assertTrue(shown.get("history").size() >= 2, shown::toString);
        boolean oldKept = false;
        for (JsonNode h : shown.get("history")) {
            oldKept |= h.get("dose_date").asText().equals("2021-06-01") && h.get("confirmed").asBoolean();
        }
        assertTrue(oldKept, "the confirmed version is kept in history: " + shown);
    }

    @Test
    void lateDoseOneIsInsertedWhenInOrder() {
        Cli.Result two = importFile("two.csv", EN + row(T1_2, R1_BIRTH, 2, "2021-07-01", "コミナティ", "FF2019"));
        assertCode(0, two);
        assertSummary(two, 1, 1, 0, 0, 0, 1); // dose 2 with no dose 1 known: warning

        Cli.Result lateBad = importFile("late.csv", EN + row(T1_1, R1_BIRTH, 1, "2021-07-10", "コミナティ", "FF2018"));
        assertCode(3, lateBad);
        assertTrue(lateBad.err().contains("late.csv:2: column dose_date:"), lateBad::toString);
        Cli.Result tooClose = importFile("late.csv", EN + row(T1_1, R1_BIRTH, 1, "2021-06-20", "コミナティ", "FF2018"));
        assertCode(3, tooClose);
        assertEquals(1, f.list().size());

        Cli.Result late = importFile("late.csv", EN + row(T1_1, R1_BIRTH, 1, "2021-06-01", "コミナティ", "FF2018"));
        assertCode(0, late);
        assertSummary(late, 1, 1, 0, 0, 0, 0);
        assertEquals(2, f.list().size());
    }

    @Test
    void rowsInOneFileMayBuildOnEachOtherButMustKeepIntervals() {
        Cli.Result bad = importFile("d.csv", EN + row(T1_1, R1_BIRTH, 1, "2021-06-01", "コミナティ", "FF2018")
                + row(T1_2, R1_BIRTH, 2, "2021-06-19", "コミナティ", "FF2019"));
        assertCode(3, bad);
        assertTrue(bad.err().contains("d.csv:3: column dose_date:"), bad::toString);
        assertEquals(0, f.list().size());
        Cli.Result ok = importFile("d.csv", EN + row(T1_1, R1_BIRTH, 1, "2021-06-01", "コミナティ", "FF2018")
                + row(T1_2, R1_BIRTH, 2, "2021-06-20", "コミナティ", "FF2019"));
        assertCode(0, ok);
        assertEquals(2, f.list().size());
    }

    @Test
    void doseNumberMoreThanOneAboveHighestHeldIsAcceptedWithAWarning() {
        assertCode(0, importFile("one.csv", EN + row(T1_1, R1_BIRTH, 1, "2021-06-01", "コミナティ", "FF2018")));
        Cli.Result r = importFile("three.csv", EN + row(T1_3, R1_BIRTH, 3, "2022-01-10", "コミナティ", "FG0001"));
        assertCode(0, r);
        assertSummary(r, 1, 1, 0, 0, 0, 1);
        assertTrue(r.err().contains("warning: ") && r.err().contains("three.csv:2: column dose_number:"), r::toString);
        assertEquals(2, f.list().size());
    }

    @Test
    void administeredInMustBeAKnownMunicipalityWithValidCheckDigit() {
        String h = "ticket_number,birth_date,dose_number,dose_date,product,lot,administered_in\n";
        Cli.Result badCheck = importFile("a.csv", h + T1_1 + ",1975-01-02,1,2021-06-01,コミナティ,FF2018,131011\n");
        assertCode(3, badCheck);
        assertTrue(badCheck.err().contains("a.csv:2: column administered_in:"), badCheck::toString);
        // 990001 has a valid check digit but names no municipality.
        Cli.Result noSuch = importFile("a.csv", h + T1_1 + ",1975-01-02,1,2021-06-01,コミナティ,FF2018,990001\n");
        assertCode(3, noSuch);
        assertTrue(noSuch.err().contains("a.csv:2: column administered_in:"), noSuch::toString);
        // Excel-stripped leading zero (5 digits).
        assertCode(3, importFile("a.csv", h + T1_1 + ",1975-01-02,1,2021-06-01,コミナティ,FF2018,11002\n"));
        assertEquals(0, f.list().size());
        Cli.Result ok = importFile("a.csv", h + T1_1 + ",1975-01-02,1,2021-06-01,コミナティ,FF2018,011002\n");
        assertCode(0, ok);
        assertEquals("011002", only(f.list()).get("administered_in").asText());
    }

    @Test
    void unknownProductAndMakerMismatchAreRejected() {
        Cli.Result r = importFile("p.csv", EN + row(T1_1, R1_BIRTH, 1, "2021-06-01", "NoSuchVaccine", "FF2018"));
        assertCode(3, r);
        assertTrue(r.err().contains("p.csv:2: column product:"), r::toString);
        Cli.Result m = importFile("p.csv", EN + "1000000011,1975-01-02,1,2021-06-01,スパイクバックス,ファイザー,FF2018,,\n");
        assertCode(3, m);
        assertTrue(m.err().contains("p.csv:2: column maker:"), m::toString);
        assertEquals(0, f.list().size());
    }

    @Test
    void unknownAndVoidedTicketsAndFutureDatesAreRejected() {
        Cli.Result re = run("ticket", "reissue", T2_2, "--reason", "lost");
        assertCode(0, re);
        Cli.Result r = importFile("t.csv", EN
                + row("9999999999", R1_BIRTH, 1, "2021-06-01", "コミナティ", "FF2018")
                + row(T2_2, R2_BIRTH, 2, "2021-06-01", "コミナティ", "FF2018")
                + row(T1_1, R1_BIRTH, 1, "2024-06-02", "コミナティ", "FF2018"));
        assertCode(3, r);
        assertTrue(r.err().contains("t.csv:2: column ticket_number:"), r::toString);
        assertTrue(r.err().contains("t.csv:3: column ticket_number:"), r::toString);
        assertTrue(r.err().contains("t.csv:4: column dose_date:"), r::toString);
        // The same future date is fine with an --as-of after it.
        Cli.Result asOf = importFile("t2.csv", EN + row(T1_1, R1_BIRTH, 1, "2024-06-02", "コミナティ", "FF2018"),
                "--as-of", "2024-06-03");
        assertCode(0, asOf);
    }

    @Test
    void dryRunWritesNothing() {
        String content = EN + row(T1_1, R1_BIRTH, 1, "2021-06-01", "コミナティ", "FF2018");
        Cli.Result dry = importFile("d.csv", content, "--dry-run");
        assertCode(0, dry);
        assertTrue(dry.err().contains("dry run") && dry.err().contains("would add 1"), dry::toString);
        assertEquals(0, f.list().size());

        assertCode(0, importFile("d.csv", content));
        String changed = EN + row(T1_1, R1_BIRTH, 1, "2021-06-01", "コミナティ", "FF7777");
        assertCode(0, importFile("c.csv", changed, "--dry-run"));
        assertEquals("FF2018", only(f.list()).get("lot").asText());
        assertEquals(1, only(f.list()).get("version").asInt());
    }
}
