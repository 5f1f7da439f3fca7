package jp.vrsctl.cli;

import static jp.vrsctl.cli.DoseFixture.ADDR1;
import static jp.vrsctl.cli.DoseFixture.R1_BIRTH;
import static jp.vrsctl.cli.DoseFixture.R2_BIRTH;
import static jp.vrsctl.cli.DoseFixture.R3_BIRTH;
import static jp.vrsctl.cli.DoseFixture.T1_1;
import static jp.vrsctl.cli.DoseFixture.T1_2;
import static jp.vrsctl.cli.DoseFixture.T1_3;
import static jp.vrsctl.cli.DoseFixture.T2_1;
import static jp.vrsctl.cli.DoseFixture.T2_2;
import static jp.vrsctl.cli.DoseFixture.T3_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dose record} at a venue: domain.md §6 items 1–4, 6 and 11 through the real CLI. */
class DoseRecordTest {
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
            assertFalse(r.all().contains(ADDR1), "an address appeared in dose record output");
        }
    }

    private Cli.Result record(String ticket, String birth, String date, String product, String lot, String... extra) {
        Cli.Result r = f.record(ticket, birth, date, product, lot, extra);
        seen.add(r);
        return r;
    }

    private Cli.Result run(String... args) {
        Cli.Result r = f.cli.run(args);
        seen.add(r);
        return r;
    }

    private int doseCount() {
        return f.list("--include-void").size();
    }

    private void assertRefused(int code, Cli.Result r) {
        assertEquals(code, r.code(), r::toString);
        assertTrue(r.err().startsWith("vrsctl: "), r::toString);
        assertEquals("", r.out(), r::toString);
    }

    @Test
    void successShowsHolderButNeverMyNumberOrAddress() {
        Cli.Result r = record(T1_1, R1_BIRTH, "2021-06-01", "コミナティ", "FF2018", "--venue-code", "V001", "-o", "json");
        assertEquals(0, r.code(), r::toString);
        JsonNode j = DoseFixture.json(r.out());
        assertEquals(DoseFixture.R1_NAME, j.get("holder_name").asText());
        assertEquals(DoseFixture.R1_KANA, j.get("holder_kana").asText());
        assertEquals(R1_BIRTH, j.get("holder_birth_date").asText());
        assertEquals(T1_1, j.get("ticket_number").asText());
        assertEquals(1, j.get("dose_number").asInt());
        assertEquals("comirnaty", j.get("product").asText());
        assertFalse(r.all().contains(DoseFixture.MN1), "My Number must not be shown at the venue");
        assertFalse(r.all().contains(ADDR1), "the address must not be shown at the venue");

        // The default (table) form also shows the holder and nothing secret.
        Cli.Result t = record(T1_2, R1_BIRTH, "2021-06-25", "コミナティ", "FF2019");
        assertEquals(0, t.code(), t::toString);
        assertTrue(t.out().contains(DoseFixture.R1_NAME) && t.out().contains(DoseFixture.R1_KANA)
                && t.out().contains(R1_BIRTH), t::toString);

        JsonNode list = f.list();
        assertEquals(2, list.size());
        JsonNode d = list.get(0).get("dose_number").asInt() == 1 ? list.get(0) : list.get(1);
        assertEquals(j.get("dose_id").asText(), d.get("id").asText());
        assertEquals("2021-06-01", d.get("dose_date").asText());
        assertEquals("FF2018", d.get("lot").asText());
        assertEquals("V001", d.get("venue_code").asText());
        assertEquals(Cli.MUNI, d.get("administered_in").asText());
        assertTrue(d.get("confirmed").asBoolean(), "a dose recorded at the venue is confirmed");
        assertEquals("record", d.get("source").asText());
    }

    @Test
    void wrongBirthDateIsRefusedAndNothingWritten() {
        // Incident 1: a misread ticket (here: the right ticket with another person's birth date).
        Cli.Result r = record(T1_1, R2_BIRTH, "2021-06-01", "コミナティ", "FF2018");
        assertRefused(3, r);
        assertTrue(r.err().contains("birth date"), r::toString);
        assertEquals(0, doseCount());
        // Wareki form of the right birth date is accepted.
        assertEquals(0, record(T1_1, "S50.1.2", "2021-06-01", "コミナティ", "FF2018").code());
        assertEquals(1, doseCount());
    }

    @Test
    void unknownTicketIsNotFound() {
        Cli.Result r = record("9999999999", R1_BIRTH, "2021-06-01", "コミナティ", "FF2018");
        assertRefused(5, r);
        assertEquals(0, doseCount());
    }

    @Test
    void voidedTicketIsRefusedAndTheReissuedOneWorks() {
        Cli.Result re = run("ticket", "reissue", T2_1, "--reason", "lost", "-o", "json");
        assertEquals(0, re.code(), re::toString);
        String newTicket = DoseFixture.json(re.out()).get(0).get("ticket_number").asText();
        assertNotEquals(T2_1, newTicket);

        Cli.Result r = record(T2_1, R2_BIRTH, "2021-06-01", "コミナティ", "FF2018");
        assertRefused(6, r);
        assertTrue(r.err().contains("void"), r::toString);
        assertEquals(0, doseCount());

        Cli.Result ok = record(newTicket, R2_BIRTH, "2021-06-01", "コミナティ", "FF2018", "-o", "json");
        assertEquals(0, ok.code(), ok::toString);
        assertEquals(1, DoseFixture.json(ok.out()).get("dose_number").asInt());
        assertEquals(1, doseCount());
    }

    @Test
    void sameTicketScannedTwiceIsAConflict() {
        assertEquals(0, record(T1_1, R1_BIRTH, "2021-06-01", "コミナティ", "FF2018").code());
        Cli.Result r = record(T1_1, R1_BIRTH, "2021-06-02", "コミナティ", "FF2018");
        assertRefused(6, r);
        JsonNode list = f.list();
        assertEquals(1, list.size());
        assertEquals("2021-06-01", list.get(0).get("dose_date").asText());
    }

    @Test
    void dateInTheFutureRelativeToAsOf() {
        // The fixed clock says 2024-06-01 (Asia/Tokyo); the default as-of is that day.
        assertRefused(3, record(T1_1, R1_BIRTH, "2024-06-02", "コミナティ", "FF2018"));
        // --as-of moves "today".
        Cli.Result r = record(T1_1, R1_BIRTH, "2021-06-02", "コミナティ", "FF2018", "--as-of", "2021-06-01");
        assertRefused(3, r);
        assertTrue(r.err().contains("2021-06-01"), r::toString);
        assertEquals(0, doseCount());
        assertEquals(0, record(T1_1, R1_BIRTH, "2021-06-01", "コミナティ", "FF2018", "--as-of", "2021-06-01").code());
        assertEquals(1, doseCount());
    }

    @Test
    void dateBeforeBirthIsRefused() {
        // Resident 3 was born 2021-03-01.
        Cli.Result r = record(T3_1, R3_BIRTH, "2021-02-28", "コミナティ", "FF2018");
        assertRefused(3, r);
        assertTrue(r.err().contains("birth"), r::toString);
        assertEquals(0, doseCount());
        assertEquals(0, record(T3_1, R3_BIRTH, "2021-03-01", "コミナティ", "FF2018").code());
    }

    @Test
    void pfizerSecondDoseNeedsEighteenFullDaysBetween() {
        // 18 days or more between dose 1 and 2, i.e. earliest on day 19 (domain.md §4).
        assertEquals(0, record(T1_1, R1_BIRTH, "2021-06-01", "コミナティ", "FF2018").code());
        Cli.Result tooSoon = record(T1_2, R1_BIRTH, "2021-06-19", "コミナティ", "FF2019"); // 17 days between
        assertRefused(3, tooSoon);
        assertTrue(tooSoon.err().contains("2021-06-20"), "names the earliest allowed date: " + tooSoon);
        assertEquals(1, doseCount());
        assertEquals(0, record(T1_2, R1_BIRTH, "2021-06-20", "コミナティ", "FF2019").code()); // 18 days between
        assertEquals(2, doseCount());
    }

    @Test
    void modernaSecondDoseNeedsTwentyFullDaysBetween() {
        assertEquals(0, record(T2_1, R2_BIRTH, "2021-06-01", "スパイクバックス", "3002183").code());
        assertRefused(3, record(T2_2, R2_BIRTH, "2021-06-21", "Spikevax", "3002184")); // 19 days between
        assertEquals(1, doseCount());
        assertEquals(0, record(T2_2, R2_BIRTH, "2021-06-22", "Spikevax", "3002184").code()); // 20 days between
        assertEquals(2, doseCount());
    }

    @Test
    void doseTwoDatedBeforeDoseOneIsRefused() {
        assertEquals(0, record(T1_1, R1_BIRTH, "2021-06-01", "コミナティ", "FF2018").code());
        assertRefused(3, record(T1_2, R1_BIRTH, "2021-05-20", "コミナティ", "FF2019"));
        assertEquals(1, doseCount());
    }

    @Test
    void doseOneDatedAfterAnExistingDoseTwoIsRefused() {
        Cli.Result two = record(T1_2, R1_BIRTH, "2021-06-01", "コミナティ", "FF2019");
        assertEquals(0, two.code(), two::toString);
        assertRefused(3, record(T1_1, R1_BIRTH, "2021-06-10", "コミナティ", "FF2018"));
        assertEquals(1, doseCount());
        assertEquals(0, record(T1_1, R1_BIRTH, "2021-05-10", "コミナティ", "FF2018").code());
        assertEquals(2, doseCount());
    }

    @Test
    void makerSynonymsAndMismatch() {
        Cli.Result r = record(T2_1, R2_BIRTH, "2021-06-01", "Spikevax", "3002183", "--maker", "武田/モデルナ");
        assertEquals(0, r.code(), r::toString);
        assertEquals("spikevax", f.list().get(0).get("product").asText());

        Cli.Result bad = record(T1_1, R1_BIRTH, "2021-06-01", "スパイクバックス", "3002183", "--maker", "ファイザー");
        assertRefused(3, bad);
        assertTrue(bad.err().contains("ファイザー") && bad.err().contains("モデルナ"), bad::toString);
        Cli.Result unknown = record(T1_1, R1_BIRTH, "2021-06-01", "NoSuchVaccine", "3002183");
        assertRefused(3, unknown);
        assertEquals(1, doseCount());
    }

    @Test
    void lotLooksLikeAnExcelDateIsRefusedLeadingZerosKept() {
        Cli.Result bad = record(T1_1, R1_BIRTH, "2021-06-01", "コミナティ", "6-Aug");
        assertRefused(3, bad);
        assertEquals(0, doseCount());
        assertRefused(3, record(T1_1, R1_BIRTH, "2021-06-01", "コミナティ", "2021/8/6"));
        assertRefused(3, record(T1_1, R1_BIRTH, "2021-06-01", "コミナティ", "-12AB"));
        assertEquals(0, doseCount());
        assertEquals(0, record(T1_1, R1_BIRTH, "2021-06-01", "コミナティ", "000267A").code());
        assertEquals("000267A", f.list().get(0).get("lot").asText());
    }

    @Test
    void ocrLineWhosePartsDisagreeIsRefused() {
        // Municipality part names another municipality.
        Cli.Result otherMuni = run("dose", "record", "--ocr", DoseFixture.ocr(1, Cli.OTHER_MUNI, T1_1),
                "--birth-date", R1_BIRTH, "--date", "2021-06-01", "--product", "コミナティ", "--lot", "FF2018");
        assertRefused(3, otherMuni);
        // Ticket part disagrees with --ticket.
        Cli.Result otherTicket = run("dose", "record", "--ocr", DoseFixture.ocr(1, Cli.MUNI, T1_1), "--ticket", T2_1,
                "--birth-date", R1_BIRTH, "--date", "2021-06-01", "--product", "コミナティ", "--lot", "FF2018");
        assertRefused(3, otherTicket);
        // Dose digit disagrees with the dose the ticket was issued for.
        Cli.Result otherDose = run("dose", "record", "--ocr", DoseFixture.ocr(2, Cli.MUNI, T1_1),
                "--birth-date", R1_BIRTH, "--date", "2021-06-01", "--product", "コミナティ", "--lot", "FF2018");
        assertRefused(3, otherDose);
        assertEquals(0, doseCount());

        Cli.Result ok = run("dose", "record", "--ocr", DoseFixture.ocr(1, Cli.MUNI, T1_1),
                "--birth-date", R1_BIRTH, "--date", "2021-06-01", "--product", "コミナティ", "--lot", "FF2018", "-o", "json");
        assertEquals(0, ok.code(), ok::toString);
        assertEquals(T1_1, DoseFixture.json(ok.out()).get("ticket_number").asText());
    }

    @Test
    void doseThreeWithOnlyDoseOneKnownIsRecordedWithAWarning() {
        assertEquals(0, record(T1_1, R1_BIRTH, "2021-06-01", "コミナティ", "FF2018").code());
        Cli.Result r = record(T1_3, R1_BIRTH, "2022-01-10", "コミナティ", "FG0001", "-o", "json");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("warning:"), r::toString);
        assertEquals(3, DoseFixture.json(r.out()).get("dose_number").asInt());
        assertEquals(2, doseCount());
    }

    @Test
    void missingValuesAreAUsageError() {
        Cli.Result r = run("dose", "record", "--ticket", T1_1, "--birth-date", R1_BIRTH, "--date", "2021-06-01");
        assertEquals(2, r.code(), r::toString);
        Cli.Result noTicket = run("dose", "record", "--birth-date", R1_BIRTH, "--date", "2021-06-01",
                "--product", "コミナティ", "--lot", "FF2018");
        assertEquals(3, noTicket.code(), noTicket::toString);
        assertEquals(0, doseCount());
    }
}
