package jp.vrsctl.cli;

import static jp.vrsctl.cli.ResidentFixtures.HEADER_JA;
import static jp.vrsctl.cli.ResidentFixtures.csv;
import static jp.vrsctl.cli.ResidentFixtures.importOk;
import static jp.vrsctl.cli.ResidentFixtures.json;
import static jp.vrsctl.cli.ResidentFixtures.myNumber;
import static jp.vrsctl.cli.ResidentFixtures.ndjson;
import static jp.vrsctl.cli.ResidentFixtures.ok;
import static jp.vrsctl.cli.ResidentFixtures.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code resident show / list / flag} through the CLI against a real store. */
class ResidentCommandsTest {
    @TempDir
    Path dir;

    Cli cli;

    static final String MY_TARO = myNumber(300_000_701L);
    static final String MY_HANAKO = myNumber(300_000_702L);

    @BeforeEach
    void setUp() {
        cli = new Cli(dir).init();
        importOk(cli, "r.csv", csv(HEADER_JA + ",住所",
                "000000701," + MY_TARO + ",山田 太郎,ヤマダ タロウ,1975-01-02,1,狭山市1",
                "000000702," + MY_HANAKO + ",山田 花子,ヤマダ ハナコ,1980-05-05,2,狭山市2",
                "000000703," + myNumber(300_000_703L) + ",=SUM(A1),イコール,1990-01-01,9,",
                "000000704,,鈴木 一,スズキ ハジメ,2000-12-31,1,",
                "000000705," + myNumber(300_000_705L) + ",山田 太郎,ﾔﾏﾀﾞ ﾀﾛｳ,1960-03-03,1,",
                "000000706," + myNumber(300_000_706L) + ",@cmd,アット,1991-01-01,1,-1+1"));
    }

    Set<String> addressNumbers(String... listArgs) {
        String[] args = new String[listArgs.length + 4];
        args[0] = "resident";
        args[1] = "list";
        System.arraycopy(listArgs, 0, args, 2, listArgs.length);
        args[args.length - 2] = "-o";
        args[args.length - 1] = "ndjson";
        Set<String> out = new TreeSet<>();
        for (JsonNode n : ndjson(ok(cli, args).out())) {
            out.add(n.get("address_number").asText());
        }
        return out;
    }

    String residentId(String addressNumber) {
        return show(cli, addressNumber).get("id").asText();
    }

    @Nested
    class Show {
        @Test
        void byAddressNumberMasksMyNumberByDefault() {
            Cli.Result r = ok(cli, "resident", "show", "000000701", "-o", "json");
            JsonNode s = json(r.out());
            assertEquals("山田 太郎", s.get("name").asText());
            assertEquals("ヤマダ タロウ", s.get("name_kana").asText());
            assertEquals("1975-01-02", s.get("birth_date").asText());
            assertFalse(r.out().contains(MY_TARO), "My Number masked by default");
            assertEquals("********" + MY_TARO.substring(8), s.get("my_number").asText());
            // table output masks it too
            Cli.Result t = ok(cli, "resident", "show", "000000701");
            assertFalse(t.out().contains(MY_TARO));
            assertTrue(t.out().contains("山田 太郎"), t::toString);
        }

        @Test
        void revealMyNumber() {
            Cli.Result r = ok(cli, "resident", "show", "000000701", "--reveal-my-number", "-o", "json");
            assertEquals(MY_TARO, json(r.out()).get("my_number").asText());
        }

        @Test
        void addressNumberIsNormalisedButLeadingZerosMatter() {
            assertEquals("000000701", show(cli, "０００００07０1").get("address_number").asText());
            Cli.Result r = cli.run("resident", "show", "701");
            assertEquals(5, r.code(), r::toString);
        }

        @Test
        void byResidentId() {
            String id = residentId("000000702");
            assertTrue(id.startsWith("R"), id);
            JsonNode s = show(cli, id);
            assertEquals("000000702", s.get("address_number").asText());
            assertEquals("山田 花子", s.get("name").asText());
        }

        @Test
        void byMyNumberFile() {
            cli.write("mn.txt", MY_HANAKO + "\n");
            JsonNode s = show(cli, "--my-number-file", "mn.txt");
            assertEquals("000000702", s.get("address_number").asText());
        }

        @Test
        void byMyNumberStdin() {
            Cli.Result r = cli.runWithInput(MY_HANAKO + "\n", "resident", "show", "--my-number-stdin", "-o", "json");
            assertEquals(0, r.code(), r::toString);
            assertEquals("000000702", json(r.out()).get("address_number").asText());
            assertFalse(r.out().contains(MY_HANAKO), "still masked in the output");
        }

        @Test
        void byTicket() {
            Cli.Result issued = ok(cli, "ticket", "issue", "000000702", "--dose", "1", "-o", "ndjson");
            String number = ndjson(issued.out()).get(0).get("ticket_number").asText();
            JsonNode s = show(cli, "--ticket", number);
            assertEquals("000000702", s.get("address_number").asText());
            assertEquals(1, s.get("tickets").size());
            assertEquals(number, s.get("tickets").get(0).get("ticket_number").asText());
        }

        @Test
        void notFoundExits5ForEverySelector() {
            assertEquals(5, cli.run("resident", "show", "000000999").code());
            String unknownId = "R" + "0".repeat(20);
            assertTrue(jp.vrsctl.service.Ids.looksLike(unknownId, 'R'), "precondition: a well-formed id");
            assertEquals(5, cli.run("resident", "show", unknownId).code());
            cli.write("mn.txt", myNumber(399_999_999L) + "\n");
            assertEquals(5, cli.run("resident", "show", "--my-number-file", "mn.txt").code());
            assertEquals(5, cli.runWithInput(myNumber(399_999_998L), "resident", "show", "--my-number-stdin").code());
            Cli.Result r = cli.run("resident", "show", "--ticket", "1234567890");
            assertEquals(5, r.code(), r::toString);
        }

        @Test
        void invalidMyNumberInFileExits3WithoutEchoingIt() {
            String bad = ResidentFixtures.badMyNumber(300_000_701L);
            cli.write("mn.txt", bad + "\n");
            Cli.Result r = cli.run("resident", "show", "--my-number-file", "mn.txt");
            assertEquals(3, r.code(), r::toString);
            assertFalse(r.all().contains(bad));
        }

        @Test
        void exactlyOneSelector() {
            assertEquals(2, cli.run("resident", "show").code());
            cli.write("mn.txt", MY_HANAKO + "\n");
            assertEquals(2, cli.run("resident", "show", "000000701", "--my-number-file", "mn.txt").code());
        }
    }

    @Nested
    class ListFilters {
        @Test
        void all() {
            assertEquals(Set.of("000000701", "000000702", "000000703", "000000704", "000000705", "000000706"),
                    addressNumbers());
        }

        @Test
        void kanaWithHalfWidthInput() {
            assertEquals(Set.of("000000701", "000000705"), addressNumbers("--kana", "ﾔﾏﾀﾞ ﾀﾛｳ"));
            assertEquals(Set.of("000000701", "000000705"), addressNumbers("--kana", "ヤマダ タロウ"));
            assertEquals(Set.of("000000702"), addressNumbers("--kana", "ﾔﾏﾀﾞ ﾊﾅｺ"));
            assertEquals(Set.of(), addressNumbers("--kana", "ヤマダ"), "exact match only");
        }

        @Test
        void bornFromAndTo() {
            assertEquals(Set.of("000000702", "000000703"), addressNumbers("--born-from", "1976-01-01", "--born-to",
                    "1990-01-01"));
            assertEquals(Set.of(), addressNumbers("--born-from", "R2.1.1"));
            assertEquals(Set.of("000000704"), addressNumbers("--born-from", "H12.12.31"));
            assertEquals(Set.of("000000705"), addressNumbers("--born-to", "S49.12.31"));
        }

        @Test
        void flaggedAndNotFlagged() {
            ok(cli, "resident", "flag", "000000703", "--deceased", "2024-05-01");
            ok(cli, "resident", "flag", "000000704", "--moved-out", "2024-04-01");
            assertEquals(Set.of("000000703", "000000704"), addressNumbers("--flagged"));
            assertEquals(Set.of("000000701", "000000702", "000000705", "000000706"), addressNumbers("--no-flagged"));
        }

        @Test
        void limit() {
            assertEquals(2, addressNumbers("--limit", "2").size());
            assertEquals(1, addressNumbers("--kana", "ヤマダ タロウ", "--limit", "1").size());
        }

        @Test
        void filtersCombine() {
            assertEquals(Set.of("000000701"), addressNumbers("--kana", "ﾔﾏﾀﾞ ﾀﾛｳ", "--born-from", "1970-01-01"));
        }
    }

    @Nested
    class ListFormats {
        @Test
        void table() {
            Cli.Result r = ok(cli, "resident", "list", "--kana", "ヤマダ ハナコ", "-o", "table");
            List<String> lines = Cli.lines(r.out());
            assertTrue(lines.get(0).contains("宛名番号") && lines.get(0).contains("NAME"), r::toString);
            assertTrue(r.out().contains("000000702") && r.out().contains("山田 花子"), r::toString);
            assertEquals(r.out(), ok(cli, "resident", "list", "--kana", "ヤマダ ハナコ").out(), "table is the default");
        }

        @Test
        void json() {
            Cli.Result r = ok(cli, "resident", "list", "-o", "json");
            JsonNode arr = ResidentFixtures.json(r.out());
            assertTrue(arr.isArray());
            assertEquals(6, arr.size());
            for (JsonNode n : arr) {
                assertTrue(n.get("address_number").isTextual(), "identifiers are strings in JSON");
                assertFalse(n.has("my_number") && n.get("my_number").asText().matches("\\d{12}"));
            }
            assertTrue(r.out().contains("\"=SUM(A1)\""), "JSON is not formula-guarded");
        }

        @Test
        void ndjson() {
            Cli.Result r = ok(cli, "resident", "list", "-o", "ndjson");
            List<String> lines = Cli.lines(r.out());
            assertEquals(6, lines.size());
            for (String l : lines) {
                assertTrue(l.startsWith("{") && l.endsWith("}"), l);
            }
        }

        @Test
        void csvWithFormulaGuard() {
            Cli.Result r = ok(cli, "resident", "list", "-o", "csv");
            List<String> lines = Cli.lines(r.out());
            assertEquals(7, lines.size(), "header + 6 rows");
            assertTrue(lines.get(0).startsWith("id,address_number,name,name_kana,birth_date"), lines.get(0));
            String eq = lines.stream().filter(l -> l.contains("000000703")).findFirst().orElseThrow();
            assertTrue(eq.contains(",'=SUM(A1),"), eq);
            String at = lines.stream().filter(l -> l.contains("000000706")).findFirst().orElseThrow();
            assertTrue(at.contains(",'@cmd,"), at);
            assertTrue(r.out().contains(",000000701,"), "leading zeros kept in CSV");
        }

        @Test
        void showCsvIsGuardedToo() {
            Cli.Result r = ok(cli, "resident", "show", "000000706", "-o", "csv");
            assertTrue(r.out().contains("'@cmd"), r::toString);
            assertTrue(r.out().contains("'-1+1"), r::toString);
        }
    }

    @Nested
    class Flag {
        @Test
        void movedOutDeceasedAndClear() {
            JsonNode f = json(ok(cli, "resident", "flag", "000000701", "--moved-out", "2024-04-01", "-o", "json").out());
            assertEquals("2024-04-01", f.get("moved_out_on").asText());
            JsonNode s = show(cli, "000000701");
            assertEquals("2024-04-01", s.get("moved_out_on").asText());
            assertEquals(2, s.get("versions").asInt());

            ok(cli, "resident", "flag", "000000701", "--deceased", "R6.5.1", "--reason", "death notice");
            s = show(cli, "000000701");
            assertEquals("2024-05-01", s.get("deceased_on").asText());
            assertEquals("2024-04-01", s.get("moved_out_on").asText(), "setting one flag keeps the other");
            assertEquals(3, s.get("versions").asInt());

            ok(cli, "resident", "flag", "000000701", "--clear", "--reason", "entered in error");
            s = show(cli, "000000701");
            assertTrue(s.get("deceased_on").isNull());
            assertTrue(s.get("moved_out_on").isNull());
            assertEquals(4, s.get("versions").asInt());
            // the other residents are untouched
            assertEquals(1, show(cli, "000000702").get("versions").asInt());
        }

        @Test
        void byResidentId() {
            String id = residentId("000000702");
            ok(cli, "resident", "flag", id, "--deceased", "2024-01-01");
            assertEquals("2024-01-01", show(cli, "000000702").get("deceased_on").asText());
        }

        @Test
        void refusals() {
            Cli.Result r = cli.run("resident", "flag", "000000701", "--deceased", "1970-01-01");
            assertEquals(3, r.code(), r::toString);
            assertTrue(r.err().contains("before the birth date"), r::toString);
            assertEquals(5, cli.run("resident", "flag", "000000999", "--deceased", "2024-01-01").code());
            assertEquals(2, cli.run("resident", "flag", "000000701").code());
            assertEquals(2, cli.run("resident", "flag", "000000701", "--clear", "--deceased", "2024-01-01").code());
            assertEquals(3, cli.run("resident", "flag", "000000701", "--deceased", "2024-02-30").code());
            assertEquals(1, show(cli, "000000701").get("versions").asInt(), "nothing written");
        }
    }
}
