package jp.vrsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jp.vrsctl.domain.MyNumber;

/**
 * Shared set-up for the dose tests: an initialised store with three residents (synthetic My Numbers with
 * valid check digits, synthetic addresses) and tickets registered with {@code ticket import}, so their
 * numbers are known.
 */
final class DoseFixture {
    static final ObjectMapper JSON = new ObjectMapper();

    // Residents (宛名番号, name, kana, birth date)
    static final String R1 = "0001";
    static final String R1_NAME = "山田 太郎";
    static final String R1_KANA = "ヤマダ タロウ";
    static final String R1_BIRTH = "1975-01-02";
    static final String R2 = "0002";
    static final String R2_BIRTH = "1980-05-06";
    static final String R3 = "0003";
    static final String R3_BIRTH = "2021-03-01";

    static final String MN1 = myNumber("10000000001");
    static final String MN2 = myNumber("20000000002");
    static final String MN3 = myNumber("30000000003");
    static final String ADDR1 = "埼玉県狭山市入間川九丁目99番99号";
    static final String ADDR2 = "埼玉県狭山市祇園八丁目88番88号";

    // Tickets: resident 1 doses 1-3, resident 2 doses 1-2, resident 3 dose 1.
    static final String T1_1 = "1000000011";
    static final String T1_2 = "1000000012";
    static final String T1_3 = "1000000013";
    static final String T2_1 = "2000000021";
    static final String T2_2 = "2000000022";
    static final String T3_1 = "3000000031";

    final Cli cli;

    DoseFixture(Path dir) {
        cli = new Cli(dir).init();
        cli.write("residents.csv", "宛名番号,個人番号,氏名,氏名カナ,生年月日,性別,住所\n"
                + R1 + "," + MN1 + "," + R1_NAME + ",ﾔﾏﾀﾞ ﾀﾛｳ,S50.1.2,1," + ADDR1 + "\n"
                + R2 + "," + MN2 + ",佐藤 花子,サトウ ハナコ,1980-05-06,2," + ADDR2 + "\n"
                + R3 + "," + MN3 + ",鈴木 一郎,スズキ イチロウ,2021-03-01,1,\n");
        ok(cli.run("resident", "import", "residents.csv"));
        cli.write("tickets.csv", "address_number,ticket_number,dose_number,issued_on\n"
                + R1 + "," + T1_1 + ",1,2021-05-01\n"
                + R1 + "," + T1_2 + ",2,2021-05-01\n"
                + R1 + "," + T1_3 + ",3,2021-05-01\n"
                + R2 + "," + T2_1 + ",1,2021-05-01\n"
                + R2 + "," + T2_2 + ",2,2021-05-01\n"
                + R3 + "," + T3_1 + ",1,2021-05-01\n");
        ok(cli.run("ticket", "import", "tickets.csv"));
    }

    static String myNumber(String first11) {
        return first11 + MyNumber.checkDigit(first11);
    }

    static Cli.Result ok(Cli.Result r) {
        assertEquals(0, r.code(), r::toString);
        return r;
    }

    /** The 18-digit OCR line for a ticket of this municipality. */
    static String ocr(int dose, String muni, String ticket) {
        return "0" + dose + muni + ticket;
    }

    /** {@code dose record} with the usual options plus {@code extra}. */
    Cli.Result record(String ticket, String birth, String date, String product, String lot, String... extra) {
        List<String> a = new ArrayList<>(List.of("dose", "record", "--ticket", ticket, "--birth-date", birth,
                "--date", date, "--product", product, "--lot", lot));
        a.addAll(List.of(extra));
        return cli.run(a.toArray(String[]::new));
    }

    /** Records and returns the new dose id. */
    String recordOk(String ticket, String birth, String date, String product, String lot) {
        Cli.Result r = ok(record(ticket, birth, date, product, lot, "-o", "json"));
        return json(r.out()).get("dose_id").asText();
    }

    /** All doses as JSON objects ({@code dose list -o json} plus extra filters). */
    JsonNode list(String... filters) {
        List<String> a = new ArrayList<>(List.of("dose", "list", "-o", "json"));
        a.addAll(List.of(filters));
        Cli.Result r = ok(cli.run(a.toArray(String[]::new)));
        JsonNode n = json(r.out());
        return n;
    }

    JsonNode show(String id) {
        return json(ok(cli.run("dose", "show", id, "-o", "json")).out());
    }

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }

    /** The synthetic secrets must never appear in any output (checked without printing them). */
    static void assertNoSecrets(Cli.Result r) {
        for (String mn : List.of(MN1, MN2, MN3)) {
            assertFalse(r.all().contains(mn), "a synthetic My Number appeared in the output");
        }
        assertFalse(r.all().contains(Cli.PASSWORD), "the password appeared in the output");
    }
}
