package jp.vrsctl.cli;

import static jp.vrsctl.cli.ResidentFixtures.HEADER_EN;
import static jp.vrsctl.cli.ResidentFixtures.HEADER_JA;
import static jp.vrsctl.cli.ResidentFixtures.assertNoResidents;
import static jp.vrsctl.cli.ResidentFixtures.codePoints;
import static jp.vrsctl.cli.ResidentFixtures.csv;
import static jp.vrsctl.cli.ResidentFixtures.importOk;
import static jp.vrsctl.cli.ResidentFixtures.json;
import static jp.vrsctl.cli.ResidentFixtures.myNumber;
import static jp.vrsctl.cli.ResidentFixtures.ndjson;
import static jp.vrsctl.cli.ResidentFixtures.residents;
import static jp.vrsctl.cli.ResidentFixtures.show;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vrsctl resident import} per formats.md, through the CLI against a real store. */
class ResidentImportTest {
    @TempDir
    Path dir;

    Cli cli;

    static final String MY1 = myNumber(200_000_001L);
    static final String MY2 = myNumber(200_000_002L);
    static final String MY3 = myNumber(200_000_003L);
    static final String MY4 = myNumber(200_000_004L);

    @BeforeEach
    void setUp() {
        cli = new Cli(dir).init();
    }

    /** The import summary, parsed from {@code -o ndjson}. */
    JsonNode summary(Cli.Result r) {
        List<JsonNode> rows = ndjson(r.out());
        assertEquals(1, rows.size(), r::toString);
        return rows.get(0);
    }

    Cli.Result importFile(String name, String content, String... extra) {
        cli.write(name, content);
        String[] args = new String[3 + extra.length];
        args[0] = "resident";
        args[1] = "import";
        args[2] = name;
        System.arraycopy(extra, 0, args, 3, extra.length);
        return cli.run(args);
    }

    /**
     * A file that must be refused as a whole: exit 3, the message names {@code FILE:LINE: column NAME} for each
     * expected location, and no resident was written.
     */
    Cli.Result refused(String name, String content, String... locations) {
        Cli.Result r = importFile(name, content);
        assertEquals(3, r.code(), r::toString);
        for (String loc : locations) {
            assertTrue(r.err().contains(name + ":" + loc), () -> "expected " + name + ":" + loc + " in\n" + r);
        }
        assertNoResidents(cli);
        return r;
    }

    @Nested
    class Headers {
        @Test
        void japaneseHeaders() {
            Cli.Result r = importOk(cli, "r.csv", csv(
                    "宛名番号,個人番号,氏名,氏名カナ,生年月日,性別,郵便番号,住所,DV支援措置,転出日,死亡日",
                    "000000101," + MY1 + ",山田 太郎,ﾔﾏﾀﾞ ﾀﾛｳ,1975-01-02,男,350-1305,埼玉県狭山市入間川1-23-5,0,,"),
                    "-o", "ndjson");
            assertEquals(1, summary(r).get("added").asLong());
            JsonNode s = show(cli, "000000101");
            assertEquals("000000101", s.get("address_number").asText());
            assertEquals("山田 太郎", s.get("name").asText());
            assertEquals("ヤマダ タロウ", s.get("name_kana").asText(), "half-width kana widened");
            assertEquals("1975-01-02", s.get("birth_date").asText());
            assertEquals("3501305", s.get("postal_code").asText().replace("-", ""));
            assertEquals("埼玉県狭山市入間川1-23-5", s.get("address").asText());
            assertFalse(s.get("dv_protected").asBoolean());
            assertTrue(s.get("deceased_on").isNull());
        }

        @Test
        void englishHeadersInAnyOrderAndCase() {
            importOk(cli, "r.csv", csv(
                    "Sex, NAME_KANA ,name,birth_date,address_number,my_number,Address",
                    "F,スズキ ハナコ,鈴木 花子,19800202,000000102," + MY2 + ",狭山市"));
            JsonNode s = show(cli, "000000102");
            assertEquals("鈴木 花子", s.get("name").asText());
            assertEquals("1980-02-02", s.get("birth_date").asText());
            assertEquals("狭山市", s.get("address").asText());
        }

        @Test
        void unknownColumnRefusedUnlessIgnoreUnknown() {
            String content = csv(HEADER_JA + ",備考", "000000103," + MY3 + ",佐藤 一,サトウ ハジメ,1990-03-03,1,メモ");
            Cli.Result r = refused("u.csv", content, "1: column 備考");
            assertTrue(r.err().contains("備考"), r::toString);
            assertTrue(r.err().contains("--ignore-unknown"), r::toString);
            importOk(cli, "u2.csv", content, "--ignore-unknown");
            assertEquals("佐藤 一", show(cli, "000000103").get("name").asText());
        }

        @Test
        void missingRequiredColumnRefused() {
            Cli.Result r = refused("m.csv", csv("宛名番号,個人番号,氏名,生年月日,性別",
                    "000000104," + MY4 + ",佐藤 二,1990-03-03,1"), "1: ");
            assertTrue(r.err().contains("氏名カナ") || r.err().contains("name_kana"), r::toString);
        }
    }

    @Nested
    class Encodings {
        @Test
        void utf8WithBom() {
            byte[] body = csv(HEADER_JA, "000000201," + MY1 + ",山田 一,ヤマダ ハジメ,1975-01-02,1")
                    .getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            b.writeBytes(body);
            cli.writeBytes("bom.csv", b.toByteArray());
            Cli.Result r = cli.run("resident", "import", "bom.csv");
            assertEquals(0, r.code(), r::toString);
            assertEquals("山田 一", show(cli, "000000201").get("name").asText());
        }

        @Test
        void windows31jRoundTripsExactly() {
            String name = "髙﨑 ①Ⅲ㈱～構";
            String address = "埼玉県狭山市～構①";
            String content = csv(HEADER_JA + ",住所", "000000202," + MY2 + "," + name + ",タカサキ コウ,1960-06-06,2,"
                    + address);
            Charset cp932 = Charset.forName("windows-31j");
            assertTrue(cp932.newEncoder().canEncode(content), "precondition: the file is encodable in Windows-31J");
            byte[] bytes = content.getBytes(cp932);
            // precondition: not valid UTF-8, and 構 (0x8D 0x5C) has a backslash as its second byte
            assertFalse(new String(bytes, StandardCharsets.UTF_8).equals(content));
            cli.writeBytes("sjis.csv", bytes);
            Cli.Result r = cli.run("resident", "import", "sjis.csv");
            assertEquals(0, r.code(), r::toString);
            JsonNode s = show(cli, "000000202");
            assertArrayEquals(codePoints(name), codePoints(s.get("name").asText()));
            assertArrayEquals(codePoints(address), codePoints(s.get("address").asText()));
            assertEquals("タカサキ コウ", s.get("name_kana").asText());
        }
        @Test
        void windows31jFileReadAsUtf8WhenForcedIsRefused() {
            String content = csv(HEADER_EN, "000000203," + MY3 + ",髙﨑 一,タカサキ,1960-06-06,2");
            cli.writeBytes("forced.csv", content.getBytes(Charset.forName("windows-31j")));
            Cli.Result r = cli.run("resident", "import", "forced.csv", "--encoding", "utf-8");
            assertEquals(3, r.code(), r::toString);
            assertTrue(r.err().contains("forced.csv:2"), r::toString);
            assertNoResidents(cli);
        }

        @Test
        void neitherUtf8NorWindows31jIsRefused() {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(csv(HEADER_JA).getBytes(StandardCharsets.UTF_8));
            b.writeBytes("000000204,".getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xFD});
            b.writeBytes((",ア,1960-06-06,2\n").getBytes(StandardCharsets.UTF_8));
            cli.writeBytes("neither.csv", b.toByteArray());
            Cli.Result r = cli.run("resident", "import", "neither.csv");
            assertEquals(3, r.code(), r::toString);
            assertTrue(r.err().contains("neither.csv:2"), r::toString);
            assertNoResidents(cli);
        }
    }

    @Nested
    class CsvShapes {
        @Test
        void quotedNewlineInAddressAndMixedLineEnds() {
            String content = HEADER_JA + ",住所\r\n"
                    + "000000301," + MY1 + ",一 郎,イチ ロウ,1970-01-01,1,\"埼玉県狭山市\n入間川1-23-5\"\n"
                    + "000000302," + MY2 + ",二 郎,ニ ロウ,1970-01-02,1,\"狭山市\r\n\"\"稲荷山\"\"\"\r\n"
                    + "000000303," + MY3 + ",三 郎,サン ロウ,1970-01-03,1,狭山市\n";
            Cli.Result r = importFile("nl.csv", content, "-o", "ndjson");
            assertEquals(0, r.code(), r::toString);
            assertEquals(3, summary(r).get("added").asLong());
            assertEquals("埼玉県狭山市\n入間川1-23-5", show(cli, "000000301").get("address").asText());
            String a2 = show(cli, "000000302").get("address").asText();
            assertTrue(a2.startsWith("狭山市") && a2.endsWith("\"稲荷山\""), a2);
            JsonNode s3 = show(cli, "000000303");
            assertEquals("三 郎", s3.get("name").asText());
            assertEquals("狭山市", s3.get("address").asText(), "no stray CR left in the last field");
        }

        @Test
        void quotedNewlineShiftsLineNumbersOfLaterErrors() {
            String content = HEADER_JA + ",住所\n"
                    + "000000304," + MY1 + ",一 郎,イチ ロウ,1970-01-01,1,\"a\nb\nc\"\n"
                    + "000000305," + MY2 + ",二 郎,ニ ロウ,1970-13-01,1,x\n";
            refused("shift.csv", content, "5: column 生年月日");
        }

        @Test
        void trailingEmptyColumns() {
            String content = csv(HEADER_JA + ",郵便番号,住所,",
                    "000000306," + MY1 + ",一 郎,イチ ロウ,1970-01-01,1,,,",
                    "000000307," + MY2 + ",二 郎,ニ ロウ,1970-01-02,1,,,,,");
            Cli.Result r = importFile("trail.csv", content, "-o", "ndjson");
            assertEquals(0, r.code(), r::toString);
            assertEquals(2, summary(r).get("added").asLong());
            JsonNode s = show(cli, "000000307");
            assertTrue(s.get("address").isNull(), "empty address stays empty");
            assertTrue(s.get("postal_code").isNull());
            // without a header column beyond the last, trailing empty fields are still fine
            Cli.Result r2 = importFile("trail2.csv", csv(HEADER_JA,
                    "000000308," + MY3 + ",三 郎,サン ロウ,1970-01-03,1,,"));
            assertEquals(0, r2.code(), r2::toString);
        }

        @Test
        void nulByteRefusesTheFileNamingLineAndColumn() {
            String content = csv(HEADER_JA,
                    "000000309," + MY1 + ",一 郎,イチ ロウ,1970-01-01,1",
                    "000000310," + MY2 + ",二\u0000郎,ニ ロウ,1970-01-02,1");
            Cli.Result r = refused("nul.csv", content, "3: column 氏名");
            assertTrue(r.err().contains("NUL"), r::toString);
        }

        @Test
        void fiveThousandCharacterAddressAccepted() {
            String address = "狭".repeat(2500) + "x".repeat(2500);
            importOk(cli, "long.csv", csv(HEADER_JA + ",住所", "000000311," + MY1 + ",一 郎,イチ ロウ,1970-01-01,1,"
                    + address));
            assertEquals(address, show(cli, "000000311").get("address").asText());
        }
    }

    @Nested
    class Values {
        @Test
        void excelExponentInMyNumberRejected() {
            Cli.Result r = refused("xl.csv", csv(HEADER_JA,
                    "000000401," + MY1 + ",一 郎,イチ ロウ,1970-01-01,1",
                    "000000402,3.79474E+11,二 郎,ニ ロウ,1970-01-02,1"), "3: column 個人番号");
            assertTrue(r.err().contains("exponent"), r::toString);
            assertFalse(r.err().contains("379474"), "the value is not echoed");
        }

        @Test
        void excelStrippedZerosInDatesRejected() {
            Cli.Result r = refused("xd.csv", csv(HEADER_JA + ",転出日",
                    "000000403," + MY1 + ",一 郎,イチ ロウ,11011,1,",
                    "000000404," + MY2 + ",二 郎,ニ ロウ,1970-01-02,1,1011"),
                    "2: column 生年月日", "3: column 転出日");
            assertTrue(r.err().contains("Excel"), r::toString);
        }

        @Test
        void excelStrippedZerosInMyNumberRejected() {
            String stripped = MY1.substring(1); // 11 digits: the leading zero lost
            assertEquals('0', MY1.charAt(0), "precondition");
            Cli.Result r = refused("xz.csv", csv(HEADER_JA, "000000405," + stripped + ",一 郎,イチ ロウ,1970-01-01,1"),
                    "2: column 個人番号");
            assertTrue(r.err().contains("leading zero"), r::toString);
        }

        @Test
        void warekiBirthDates() {
            Cli.Result r = importFile("wa.csv", csv(HEADER_JA,
                    "000000406," + MY1 + ",一 郎,イチ ロウ,S64.1.7,1",
                    "000000407," + MY2 + ",二 郎,ニ ロウ,H元.1.8,1",
                    "000000408," + MY3 + ",三 郎,サン ロウ,令和元年１２月　４日,1"), "-o", "ndjson");
            assertEquals(0, r.code(), r::toString);
            assertEquals("1989-01-07", show(cli, "000000406").get("birth_date").asText());
            assertEquals("1989-01-08", show(cli, "000000407").get("birth_date").asText());
            assertEquals("2019-12-04", show(cli, "000000408").get("birth_date").asText());
        }

        @Test
        void nonexistentWarekiDateRejected() {
            refused("wa2.csv", csv(HEADER_JA,
                    "000000409," + MY1 + ",一 郎,イチ ロウ,S64.1.8,1"), "2: column 生年月日");
        }

        @Test
        void futureBirthDateRejected() {
            refused("fut.csv", csv(HEADER_JA, "000000410," + MY1 + ",一 郎,イチ ロウ,2024-06-02,1"), "2: column 生年月日");
        }

        @Test
        void namesStoredUnchanged() {
            String[] names = {
                "\uF929 太郎", // CJK compatibility ideograph (NFC would change it to U+6717)
                "葛\uDB40\uDD00城 花子", // 葛 + VS17 (U+E0100)
                "𠮷田 一", // surrogate pair
                "\uE000山 二", // private use 外字
            };
            StringBuilder content = new StringBuilder(HEADER_JA).append('\n');
            for (int i = 0; i < names.length; i++) {
                content.append("00000042").append(i).append(',').append(myNumber(200_000_420L + i)).append(',')
                        .append(names[i]).append(",テスト,1970-01-01,9\n");
            }
            importOk(cli, "names.csv", content.toString());
            for (int i = 0; i < names.length; i++) {
                JsonNode s = show(cli, "00000042" + i);
                assertArrayEquals(codePoints(names[i]), codePoints(s.get("name").asText()), "name " + i);
            }
            // and the same code points come out of list -o ndjson and -o csv
            List<JsonNode> all = residents(cli);
            assertEquals(names.length, all.size());
            for (String n : names) {
                assertTrue(all.stream().anyMatch(j -> j.get("name").asText().equals(n)), "listed unchanged");
            }
            Cli.Result c = cli.run("resident", "list", "-o", "csv");
            for (String n : names) {
                assertTrue(c.out().contains(n), "csv output unchanged");
            }
        }

        @Test
        void dvFlagHidesAddressAndPostalCodeEverywhere() {
            String address = "秘匿県秘匿市1-2-3";
            importOk(cli, "dv.csv", csv(HEADER_JA + ",郵便番号,住所,DV支援措置",
                    "000000430," + MY1 + ",一 郎,イチ ロウ,1970-01-01,1,987-6543," + address + ",1",
                    "000000431," + MY2 + ",二 郎,ニ ロウ,1970-01-02,1,350-1305,見える市1-1,"));
            JsonNode s = show(cli, "000000430");
            assertTrue(s.get("dv_protected").asBoolean());
            assertTrue(s.get("address").isNull(), s::toString);
            assertTrue(s.get("postal_code").isNull(), s::toString);
            for (String fmt : List.of("table", "json", "ndjson", "csv")) {
                Cli.Result r = cli.run("resident", "show", "000000430", "-o", fmt, "--reveal-my-number");
                assertEquals(0, r.code(), r::toString);
                assertFalse(r.out().contains(address) || r.out().contains("秘匿"), "show -o " + fmt);
                assertFalse(r.out().contains("9876543") || r.out().contains("987-6543"), "show -o " + fmt);
                Cli.Result l = cli.run("resident", "list", "-o", fmt);
                assertEquals(0, l.code(), l::toString);
                assertFalse(l.out().contains("秘匿") || l.out().contains("9876543") || l.out().contains("987-6543"),
                        "list -o " + fmt);
            }
            // the other resident's address is shown
            assertEquals("見える市1-1", show(cli, "000000431").get("address").asText());
            // the DV filter of resident list
            List<JsonNode> dv = ndjson(cli.run("resident", "list", "--dv", "-o", "ndjson").out());
            assertEquals(1, dv.size());
            assertEquals("000000430", dv.get(0).get("address_number").asText());
        }
    }

    @Nested
    class AllOrNothing {
        static final String BAD_FILE = csv(HEADER_JA,
                "000000501," + myNumber(200_000_501L) + ",一 郎,イチ ロウ,1970-01-01,1",
                "000000502," + ResidentFixtures.badMyNumber(200_000_502L) + ",二 郎,ニ ロウ,1970-01-02,1",
                "000000503," + myNumber(200_000_503L) + ",三 郎,サン ロウ,1970-01-03,1",
                "000000504," + myNumber(200_000_504L) + ",四 郎,ヨン ロウ,1970-02-30,1",
                "000000505," + myNumber(200_000_505L) + ",五 郎,ゴ ロウ,1970-01-05,7");

        @Test
        void oneBadRowWritesNothingAndListsEveryBadLine() {
            Cli.Result r = refused("bad.csv", BAD_FILE, "3: column 個人番号", "5: column 生年月日", "6: column 性別");
            assertFalse(r.err().contains("bad.csv:2:") || r.err().contains("bad.csv:4:"), r::toString);
            assertFalse(r.all().contains(ResidentFixtures.badMyNumber(200_000_502L)), "the My Number is never echoed");
            assertFalse(Files.exists(dir.resolve("bad.rejects.csv")), "no rejects file without --skip-invalid");
        }

        @Test
        void skipInvalidWritesValidRowsAndARejectsFile() throws Exception {
            Cli.Result r = importFile("bad.csv", BAD_FILE, "--skip-invalid", "-o", "ndjson");
            assertEquals(8, r.code(), r::toString);
            JsonNode sum = summary(r);
            assertEquals(2, sum.get("added").asLong());
            assertEquals(3, sum.get("rejected").asLong());
            List<JsonNode> all = residents(cli);
            assertEquals(2, all.size());
            assertTrue(all.stream().allMatch(j -> j.get("address_number").asText().matches("00000050[13]")));
            Path rejects = dir.resolve("bad.rejects.csv");
            assertTrue(Files.exists(rejects), r::toString);
            assertTrue(r.err().contains("bad.rejects.csv"), r::toString);
            List<String> lines = Files.readAllLines(rejects, StandardCharsets.UTF_8);
            String head = lines.get(0).replace("\uFEFF", "");
            assertTrue(head.startsWith(HEADER_JA) && head.endsWith(",error"), head);
            assertEquals(4, lines.size(), "header + 3 rejected rows");
            assertTrue(lines.get(1).startsWith("000000502,"), lines.get(1));
            assertTrue(lines.get(1).contains("個人番号"), "the error column names the column");
            assertTrue(lines.get(2).startsWith("000000504,") && lines.get(2).contains("生年月日"), lines.get(2));
            assertTrue(lines.get(3).startsWith("000000505,") && lines.get(3).contains("性別"), lines.get(3));
        }

        @Test
        void skipInvalidWithNoBadRowsExits0AndWritesNoRejectsFile() {
            Cli.Result r = importFile("good.csv", csv(HEADER_JA,
                    "000000506," + MY1 + ",一 郎,イチ ロウ,1970-01-01,1"), "--skip-invalid");
            assertEquals(0, r.code(), r::toString);
            assertFalse(Files.exists(dir.resolve("good.rejects.csv")));
        }

        @Test
        void dryRunWritesNothing() {
            Cli.Result r = importFile("dry.csv", csv(HEADER_JA,
                    "000000507," + MY1 + ",一 郎,イチ ロウ,1970-01-01,1",
                    "000000508," + MY2 + ",二 郎,ニ ロウ,1970-01-02,1"), "--dry-run", "-o", "ndjson");
            assertEquals(0, r.code(), r::toString);
            assertEquals(2, summary(r).get("added").asLong(), "counts what it would add");
            assertTrue(r.err().contains("dry run"), r::toString);
            assertNoResidents(cli);
            // a dry run of a bad file reports but writes nothing either
            Cli.Result bad = importFile("bad.csv", BAD_FILE, "--dry-run", "--skip-invalid");
            assertNoResidents(cli);
            assertFalse(Files.exists(dir.resolve("bad.rejects.csv")), bad::toString);
        }

        @Test
        void sameAddressNumberTwiceInOneFileRejected() {
            Cli.Result r = refused("dup.csv", csv(HEADER_JA,
                    "000000509," + MY1 + ",一 郎,イチ ロウ,1970-01-01,1",
                    "000000509," + MY2 + ",二 郎,ニ ロウ,1970-01-02,1"), "3: column 宛名番号");
            assertTrue(r.err().contains("more than once"), r::toString);
        }

        @Test
        void sameAddressNumberAfterNfkcRejected() {
            refused("dup2.csv", csv(HEADER_JA,
                    "000000510," + MY1 + ",一 郎,イチ ロウ,1970-01-01,1",
                    "０００００05１0," + MY2 + ",二 郎,ニ ロウ,1970-01-02,1"), "3: column 宛名番号");
        }

        @Test
        void sameMyNumberForTwoResidentsRejected() {
            // in one file
            refused("dupmy.csv", csv(HEADER_JA,
                    "000000511," + MY1 + ",一 郎,イチ ロウ,1970-01-01,1",
                    "000000512," + MY1 + ",二 郎,ニ ロウ,1970-01-02,1"), "3: column 個人番号");
            // against a resident already stored
            importOk(cli, "first.csv", csv(HEADER_JA, "000000511," + MY1 + ",一 郎,イチ ロウ,1970-01-01,1"));
            Cli.Result r = importFile("second.csv", csv(HEADER_JA,
                    "000000512," + MY1 + ",二 郎,ニ ロウ,1970-01-02,1"));
            assertEquals(3, r.code(), r::toString);
            assertTrue(r.err().contains("second.csv:2: column 個人番号"), r::toString);
            assertEquals(1, residents(cli).size());
        }
    }

    @Nested
    class Reimport {
        static final String FILE = csv(HEADER_JA + ",住所",
                "000000601," + MY1 + ",一 郎,イチ ロウ,1970-01-01,1,狭山市1",
                "000000602," + MY2 + ",二 郎,ニ ロウ,1970-01-02,1,狭山市2");

        @Test
        void sameFileAgainChangesNothing() {
            importOk(cli, "r.csv", FILE);
            Cli.Result r = importOk(cli, "r.csv", FILE, "-o", "ndjson");
            JsonNode sum = summary(r);
            assertEquals(0, sum.get("added").asLong());
            assertEquals(0, sum.get("updated").asLong());
            assertEquals(2, sum.get("unchanged").asLong());
            assertEquals(1, show(cli, "000000601").get("versions").asInt());
            assertEquals(1, show(cli, "000000601").get("version").asInt());
        }

        @Test
        void changedRowIsUpdatedKeepingHistory() {
            importOk(cli, "r.csv", FILE);
            Cli.Result r = importOk(cli, "r2.csv", csv(HEADER_JA + ",住所",
                    "000000601," + MY1 + ",一 郎,イチ ロウ,1970-01-01,1,入間市9",
                    "000000602," + MY2 + ",二 郎,ニ ロウ,1970-01-02,1,狭山市2"), "-o", "ndjson");
            JsonNode sum = summary(r);
            assertEquals(1, sum.get("updated").asLong());
            assertEquals(1, sum.get("unchanged").asLong());
            JsonNode s = show(cli, "000000601");
            assertEquals("入間市9", s.get("address").asText());
            assertEquals(2, s.get("versions").asInt());
            assertEquals(1, show(cli, "000000602").get("versions").asInt());
        }

        @Test
        void importNeverClearsAFlag() {
            importOk(cli, "d1.csv", csv(HEADER_JA + ",死亡日,DV支援措置",
                    "000000603," + MY3 + ",三 郎,サン ロウ,1930-01-03,1,2024-05-01,1"));
            JsonNode s = show(cli, "000000603");
            assertEquals("2024-05-01", s.get("deceased_on").asText());
            // the column missing altogether
            importOk(cli, "d2.csv", csv(HEADER_JA, "000000603," + MY3 + ",三 郎,サン ロウ,1930-01-03,1"));
            // the column present but empty, and DV explicitly 0
            importOk(cli, "d3.csv", csv(HEADER_JA + ",死亡日,DV支援措置",
                    "000000603," + MY3 + ",三 郎,サン ロウ,1930-01-03,1,,0"));
            s = show(cli, "000000603");
            assertEquals("2024-05-01", s.get("deceased_on").asText(), "still deceased");
            assertTrue(s.get("dv_protected").asBoolean(), "still DV-protected");
            assertEquals(1, ndjson(cli.run("resident", "list", "--flagged", "-o", "ndjson").out()).size());
        }

        @Test
        void myNumberChangeRejectedUnlessAllowed() {
            importOk(cli, "r.csv", FILE);
            String changed = csv(HEADER_JA + ",住所", "000000601," + MY4 + ",一 郎,イチ ロウ,1970-01-01,1,狭山市1");
            Cli.Result r = importFile("chg.csv", changed);
            assertEquals(3, r.code(), r::toString);
            assertTrue(r.err().contains("chg.csv:2: column 個人番号"), r::toString);
            assertTrue(r.err().contains("--allow-my-number-change"), r::toString);
            Cli.Result before = cli.run("resident", "show", "000000601", "--reveal-my-number", "-o", "json");
            assertEquals(MY1, json(before.out()).get("my_number").asText(), "unchanged");
            assertEquals(1, json(before.out()).get("versions").asInt());

            importOk(cli, "chg.csv", changed, "--allow-my-number-change");
            Cli.Result after = cli.run("resident", "show", "000000601", "--reveal-my-number", "-o", "json");
            assertEquals(MY4, json(after.out()).get("my_number").asText());
            assertEquals(2, json(after.out()).get("versions").asInt());
            // the old number no longer finds anyone; the new one does
            cli.write("my-old", MY1 + "\n");
            assertEquals(5, cli.run("resident", "show", "--my-number-file", "my-old").code());
            cli.write("my-new", MY4 + "\n");
            assertEquals(0, cli.run("resident", "show", "--my-number-file", "my-new").code());
        }

        @Test
        void allowedMyNumberChangeStillRefusesANumberHeldByAnother() {
            importOk(cli, "r.csv", FILE);
            Cli.Result r = importFile("steal.csv", csv(HEADER_JA + ",住所",
                    "000000601," + MY2 + ",一 郎,イチ ロウ,1970-01-01,1,狭山市1"), "--allow-my-number-change");
            assertEquals(3, r.code(), r::toString);
            assertTrue(r.err().contains("steal.csv:2: column 個人番号"), r::toString);
        }
    }
}
