package jp.vrsctl.cli;

import static jp.vrsctl.cli.ResidentFixtures.HEADER_JA;
import static jp.vrsctl.cli.ResidentFixtures.csv;
import static jp.vrsctl.cli.ResidentFixtures.importOk;
import static jp.vrsctl.cli.ResidentFixtures.myNumber;
import static jp.vrsctl.cli.ResidentFixtures.ndjson;
import static jp.vrsctl.cli.ResidentFixtures.ok;
import static jp.vrsctl.cli.ResidentFixtures.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ticket issue / import / void / reissue / list / export} through the CLI against a real store. */
class TicketCommandsTest {
    @TempDir
    Path dir;

    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(dir).init();
        importOk(cli, "r.csv", csv(HEADER_JA + ",郵便番号,住所,DV支援措置,転出日,死亡日",
                "000000801," + myNumber(400_000_801L) + ",佐藤 一,サトウ ハジメ,1970-01-01,1,350-1305,狭山市1,,,",
                "000000802," + myNumber(400_000_802L) + ",佐藤 二,サトウ ジ,1971-01-01,2,350-1305,狭山市2,,,",
                "000000803," + myNumber(400_000_803L) + ",故人 三,コジン サン,1930-01-01,1,,,,,2024-05-01",
                "000000804," + myNumber(400_000_804L) + ",転出 四,テンシュツ ヨン,1980-01-01,2,,,,2024-04-01,"));
    }

    JsonNode issueOne(String who, String dose, String... extra) {
        List<String> args = new ArrayList<>(List.of("ticket", "issue", who, "--dose", dose, "-o", "ndjson"));
        args.addAll(List.of(extra));
        List<JsonNode> t = ndjson(ok(cli, args.toArray(String[]::new)).out());
        assertEquals(1, t.size());
        return t.get(0);
    }

    List<JsonNode> tickets(String... filters) {
        List<String> args = new ArrayList<>(List.of("ticket", "list", "-o", "ndjson"));
        args.addAll(List.of(filters));
        return ndjson(ok(cli, args.toArray(String[]::new)).out());
    }

    String residentId(String addressNumber) {
        return show(cli, addressNumber).get("id").asText();
    }

    @Nested
    class IssueOne {
        @Test
        void tenDigitNumberAndEighteenDigitOcrLine() {
            JsonNode t = issueOne("000000801", "1");
            String number = t.get("ticket_number").asText();
            assertTrue(number.matches("[0-9]{10}"), number);
            assertEquals("1" + "1" + "112151" + number, t.get("ocr_line").asText());
            assertEquals("active", t.get("status").asText());
            assertEquals("2024-06-01", t.get("issued_on").asText(), "today by the fixed clock");
            assertEquals(residentId("000000801"), t.get("resident_id").asText());

            JsonNode t3 = issueOne("000000801", "3", "--issued-on", "R6.5.1");
            assertEquals("13112151" + t3.get("ticket_number").asText(), t3.get("ocr_line").asText());
            assertEquals("2024-05-01", t3.get("issued_on").asText());
            assertEquals(2, show(cli, "000000801").get("tickets").size());
        }

        @Test
        void refusedForDeceasedAndMovedOut() {
            Cli.Result d = cli.run("ticket", "issue", "000000803", "--dose", "1");
            assertEquals(6, d.code(), d::toString);
            assertTrue(d.err().contains("deceased"), d::toString);
            Cli.Result m = cli.run("ticket", "issue", "000000804", "--dose", "1");
            assertEquals(6, m.code(), m::toString);
            assertTrue(m.err().contains("moved out"), m::toString);
            assertTrue(tickets().isEmpty(), "nothing issued");
        }

        @Test
        void duplicateActiveTicketForTheSameDoseIsAConflict() {
            issueOne("000000801", "1");
            Cli.Result r = cli.run("ticket", "issue", "000000801", "--dose", "1");
            assertEquals(6, r.code(), r::toString);
            assertEquals(1, tickets().size());
            // another dose is fine
            issueOne("000000801", "2");
            assertEquals(2, tickets().size());
        }

        @Test
        void usageErrors() {
            assertEquals(2, cli.run("ticket", "issue", "000000801", "--dose", "0").code());
            assertEquals(2, cli.run("ticket", "issue", "000000801", "--dose", "10").code());
            assertEquals(2, cli.run("ticket", "issue", "--dose", "1").code());
            assertEquals(2, cli.run("ticket", "issue", "000000801").code());
            assertEquals(5, cli.run("ticket", "issue", "000000999", "--dose", "1").code());
            assertTrue(tickets().isEmpty());
        }
    }

    @Nested
    class Bulk {
        @Test
        void withoutConfirmNothingIsIssuedButThePlanIsEchoed() {
            Cli.Result r = cli.run("ticket", "issue", "--dose", "1", "--all-eligible", "--as-of", "2024-06-01");
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.err().contains("2024-06-01"), r::toString);
            assertTrue(r.err().contains("令和6年6月1日"), r::toString);
            assertTrue(r.err().matches("(?s).*to_issue\\s+2\\b.*"), r::toString);
            assertTrue(r.err().matches("(?s).*deceased\\s+1\\b.*"), r::toString);
            assertTrue(r.err().matches("(?s).*moved_out\\s+1\\b.*"), r::toString);
            assertTrue(r.err().contains("--confirm 112151"), r::toString);
            assertTrue(tickets().isEmpty(), "nothing issued without --confirm");
        }

        @Test
        void wrongConfirmCodeIssuesNothing() {
            Cli.Result r = cli.run("ticket", "issue", "--dose", "1", "--all-eligible", "--as-of", "2024-06-01",
                    "--confirm", "131016");
            assertEquals(2, r.code(), r::toString);
            assertTrue(tickets().isEmpty());
        }

        @Test
        void dryRunIssuesNothing() {
            Cli.Result r = cli.run("ticket", "issue", "--dose", "1", "--all-eligible", "--as-of", "2024-06-01",
                    "--dry-run");
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.err().contains("令和6年6月1日"), r::toString);
            assertTrue(tickets().isEmpty());
        }

        @Test
        void asOfIsRequired() {
            assertEquals(2, cli.run("ticket", "issue", "--dose", "1", "--all-eligible", "--confirm", "112151").code());
            assertTrue(tickets().isEmpty());
        }

        @Test
        void confirmedIssuesToEligibleOnlyAndCountsTheRest() {
            Cli.Result r = cli.run("ticket", "issue", "--dose", "1", "--all-eligible", "--as-of", "2024-06-01",
                    "--confirm", "112151", "-o", "ndjson");
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.err().contains("2024-06-01") && r.err().contains("令和6年6月1日"), r::toString);
            List<JsonNode> counts = ndjson(r.out());
            assertEquals(2, count(counts, "issued"));
            assertEquals(1, count(counts, "deceased"));
            assertEquals(1, count(counts, "moved_out"));
            List<JsonNode> t = tickets();
            assertEquals(2, t.size());
            Set<String> holders = new HashSet<>();
            for (JsonNode n : t) {
                holders.add(n.get("resident_id").asText());
                assertEquals("2024-06-01", n.get("issued_on").asText(), "the as-of date is the issue date");
                assertEquals(1, n.get("dose_number").asInt());
            }
            assertEquals(Set.of(residentId("000000801"), residentId("000000802")), holders);

            // a second run issues nothing more: they already have tickets
            Cli.Result again = cli.run("ticket", "issue", "--dose", "1", "--all-eligible", "--as-of", "2024-06-01",
                    "--confirm", "112151", "-o", "ndjson");
            assertEquals(0, again.code(), again::toString);
            assertEquals(0, count(ndjson(again.out()), "issued"));
            assertEquals(2, count(ndjson(again.out()), "already_has_ticket"));
            assertEquals(2, tickets().size());
        }

        @Test
        void flagsAreJudgedOnTheAsOfDate() {
            // as of 2024-03-01 the moved-out (2024-04-01) and deceased (2024-05-01) residents were still here
            Cli.Result r = cli.run("ticket", "issue", "--dose", "1", "--all-eligible", "--as-of", "2024-03-01",
                    "--dry-run");
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.err().matches("(?s).*to_issue\\s+4\\b.*"), r::toString);
            assertTrue(r.err().contains("令和6年3月1日"), r::toString);
        }

        @Test
        void doseTwoReportsUnknownHistoryAndWaitsForTheInterval() {
            importOk(cli, "more.csv", csv(HEADER_JA,
                    "000000805," + myNumber(400_000_805L) + ",間隔 五,カンカク ゴ,1985-01-01,1"));
            // 801: dose 1 long ago; 805: dose 1 a week ago (Moderna needs 20 days); 802: no dose 1 here
            String t801 = issueOne("000000801", "1", "--issued-on", "2024-03-01").get("ticket_number").asText();
            String t805 = issueOne("000000805", "1", "--issued-on", "2024-03-01").get("ticket_number").asText();
            ok(cli, "dose", "record", "--ticket", t801, "--birth-date", "1970-01-01", "--date", "2024-04-01",
                    "--product", "スパイクバックス", "--lot", "AB1234");
            ok(cli, "dose", "record", "--ticket", t805, "--birth-date", "1985-01-01", "--date", "2024-05-25",
                    "--product", "スパイクバックス", "--lot", "AB1234");

            Cli.Result r = cli.run("ticket", "issue", "--dose", "2", "--all-eligible", "--as-of", "2024-06-01",
                    "--confirm", "112151", "-o", "ndjson");
            assertEquals(0, r.code(), r::toString);
            List<JsonNode> counts = ndjson(r.out());
            assertEquals(1, count(counts, "issued"));
            assertEquals(1, count(counts, "interval_not_passed"));
            assertEquals(1, count(counts, "earlier_doses_unknown"));
            assertEquals(1, count(counts, "deceased"));
            assertEquals(1, count(counts, "moved_out"));
            assertTrue(r.err().contains(residentId("000000802")), "the unknown-history resident is named: " + r);
            List<JsonNode> dose2 = tickets("--dose", "2");
            assertEquals(1, dose2.size());
            assertEquals(residentId("000000801"), dose2.get(0).get("resident_id").asText());

            // once the interval has passed, 805 is issued too
            Cli.Result later = cli.run("ticket", "issue", "--dose", "2", "--all-eligible", "--as-of", "2024-07-01",
                    "--dry-run");
            assertEquals(0, later.code(), later::toString);
            assertTrue(later.err().matches("(?s).*to_issue\\s+1\\b.*"), later::toString);
            assertTrue(later.err().matches("(?s).*already_has_ticket\\s+1\\b.*"), later::toString);

            // and --include-unknown-history issues to 802 as well
            Cli.Result incl = cli.run("ticket", "issue", "--dose", "2", "--all-eligible", "--as-of", "2024-06-01",
                    "--include-unknown-history", "--confirm", "112151", "-o", "ndjson");
            assertEquals(0, incl.code(), incl::toString);
            assertEquals(1, count(ndjson(incl.out()), "issued"));
            assertEquals(2, tickets("--dose", "2").size());
        }

        @Test
        void fiftyTicketNumbersAreUniqueAndNotSequential() {
            StringBuilder content = new StringBuilder(HEADER_JA).append('\n');
            for (int i = 0; i < 48; i++) {
                content.append(String.format("0000009%02d,", i)).append(myNumber(400_000_900L + i))
                        .append(",多数 ").append(i).append(",タスウ,1970-01-01,1\n");
            }
            importOk(cli, "many.csv", content.toString());
            ok(cli, "ticket", "issue", "--dose", "1", "--all-eligible", "--as-of", "2024-06-01", "--confirm", "112151");
            List<Long> numbers = new ArrayList<>();
            for (JsonNode t : tickets()) {
                String n = t.get("ticket_number").asText();
                assertTrue(n.matches("[0-9]{10}"), n);
                numbers.add(Long.parseLong(n));
            }
            assertEquals(50, numbers.size());
            assertEquals(50, new HashSet<>(numbers).size(), "unique");
            List<Long> sorted = new ArrayList<>(numbers);
            sorted.sort(null);
            for (int i = 1; i < sorted.size(); i++) {
                assertTrue(sorted.get(i) - sorted.get(i - 1) > 1, "no two ticket numbers are consecutive");
            }
            assertTrue(sorted.get(49) - sorted.get(0) > 1_000_000_000L, "spread over the number space");
        }

        private long count(List<JsonNode> counts, String reason) {
            return counts.stream().filter(n -> n.get("reason").asText().equals(reason))
                    .mapToLong(n -> n.get("count").asLong()).findFirst().orElse(-1);
        }
    }

    @Nested
    class Import {
        static final String HEAD = "宛名番号,券番号,接種回,発行日";

        Cli.Result importTickets(String name, String content, String... extra) {
            cli.write(name, content);
            List<String> args = new ArrayList<>(List.of("ticket", "import", name));
            args.addAll(List.of(extra));
            return cli.run(args.toArray(String[]::new));
        }

        void refused(String name, String content, String... locations) {
            Cli.Result r = importTickets(name, content);
            assertEquals(3, r.code(), r::toString);
            for (String loc : locations) {
                assertTrue(r.err().contains(name + ":" + loc), () -> "expected " + name + ":" + loc + " in\n" + r);
            }
            assertTrue(tickets().isEmpty(), "nothing written");
        }

        @Test
        void importsNumberedTickets() {
            String file = csv(HEAD, "000000801,0123456789,1,2024-05-01", "000000802,9876543210,2,");
            Cli.Result r = importTickets("t.csv", file, "-o", "ndjson");
            assertEquals(0, r.code(), r::toString);
            assertEquals(2, ndjson(r.out()).get(0).get("added").asLong());
            List<JsonNode> t = tickets("--resident", "000000801");
            assertEquals(1, t.size());
            assertEquals("0123456789", t.get(0).get("ticket_number").asText(), "leading zero kept");
            assertEquals("111121510123456789", t.get(0).get("ocr_line").asText());
            assertEquals("2024-05-01", t.get(0).get("issued_on").asText());
            JsonNode t2 = tickets("--resident", "000000802").get(0);
            assertEquals("2024-06-01", t2.get("issued_on").asText(), "defaults to the import date");
            assertEquals("121121519876543210", t2.get("ocr_line").asText());
            // the resident is found by the imported ticket
            assertEquals("000000801", show(cli, "--ticket", "0123456789").get("address_number").asText());
            // re-import: unchanged
            Cli.Result again = importTickets("t.csv", csv(HEAD, "000000801,0123456789,1,2024-05-01"), "-o", "ndjson");
            assertEquals(0, again.code(), again::toString);
            assertEquals(1, ndjson(again.out()).get(0).get("unchanged").asLong());
            assertEquals(2, tickets().size());
        }

        @Test
        void englishHeaders() {
            Cli.Result r = importTickets("t.csv", csv("address_number,ticket_number,dose_number",
                    "000000801,1111111111,1"));
            assertEquals(0, r.code(), r::toString);
            assertEquals(1, tickets().size());
        }

        @Test
        void duplicateTicketNumbersInTheFileRefused() {
            refused("dup.csv", csv(HEAD, "000000801,1234567890,1,", "000000802,1234567890,1,"), "3: column 券番号");
        }

        @Test
        void ticketNumberAlreadyUsedRefused() {
            String used = issueOne("000000801", "1").get("ticket_number").asText();
            Cli.Result r = importTickets("used.csv", csv(HEAD, "000000802," + used + ",1,"));
            assertEquals(3, r.code(), r::toString);
            assertTrue(r.err().contains("used.csv:2: column 券番号"), r::toString);
            assertEquals(1, tickets().size());
        }

        @Test
        void unknownAddressNumberRefused() {
            refused("unk.csv", csv(HEAD, "000000801,1234567890,1,", "000000999,1234567891,1,"), "3: column 宛名番号");
        }

        @Test
        void badValuesRefusedWithLineAndColumn() {
            refused("bad.csv", csv(HEAD,
                    "000000801,123456789,1,", // 9 digits: a leading zero lost
                    "000000802,1234567890,0,",
                    "000000801,1234567891,2,2024-06-02", // in the future
                    "000000803,1234567892,1,"), // deceased
                    "2: column 券番号", "3: column 接種回", "4: column 発行日", "5: column 宛名番号");
        }

        @Test
        void activeTicketForTheSameDoseRefused() {
            issueOne("000000801", "1");
            Cli.Result r = importTickets("same.csv", csv(HEAD, "000000801,1234567890,1,"));
            assertEquals(3, r.code(), r::toString);
            assertTrue(r.err().contains("same.csv:2: column 接種回"), r::toString);
            assertEquals(1, tickets().size());
        }

        @Test
        void skipInvalidWritesTheValidRows() {
            Cli.Result r = importTickets("mix.csv", csv(HEAD, "000000801,1234567890,1,", "000000999,1234567891,1,"),
                    "--skip-invalid");
            assertEquals(8, r.code(), r::toString);
            assertEquals(1, tickets().size());
            assertTrue(Files.exists(dir.resolve("mix.rejects.csv")));
        }
    }

    @Nested
    class VoidReissueList {
        @Test
        void voidTicket() {
            String n = issueOne("000000801", "1").get("ticket_number").asText();
            assertEquals(2, cli.run("ticket", "void", n).code(), "--reason is required");
            Cli.Result r = cli.run("ticket", "void", n, "--reason", "lost", "-o", "ndjson");
            assertEquals(0, r.code(), r::toString);
            JsonNode v = ndjson(r.out()).get(0);
            assertEquals("void", v.get("status").asText());
            assertEquals("2024-06-01", v.get("voided_on").asText());
            assertEquals(6, cli.run("ticket", "void", n, "--reason", "again").code(), "already void");
            assertEquals(5, cli.run("ticket", "void", "1234567890", "--reason", "x").code());
            // a voided number is never reused, but a new ticket for the dose may be issued
            String fresh = issueOne("000000801", "1").get("ticket_number").asText();
            assertNotEquals(n, fresh);
            // a dose on the voided ticket is refused
            Cli.Result d = cli.run("dose", "record", "--ticket", n, "--birth-date", "1970-01-01", "--date", "2024-06-01",
                    "--product", "スパイクバックス", "--lot", "AB1234");
            assertEquals(6, d.code(), d::toString);
        }

        @Test
        void reissue() {
            JsonNode old = issueOne("000000801", "2");
            String oldNumber = old.get("ticket_number").asText();
            Cli.Result r = cli.run("ticket", "reissue", oldNumber, "--reason", "damaged", "-o", "ndjson");
            assertEquals(0, r.code(), r::toString);
            JsonNode fresh = ndjson(r.out()).get(0);
            String newNumber = fresh.get("ticket_number").asText();
            assertNotEquals(oldNumber, newNumber);
            assertTrue(newNumber.matches("[0-9]{10}"));
            assertEquals(2, fresh.get("dose_number").asInt());
            assertEquals("active", fresh.get("status").asText());
            assertEquals("12112151" + newNumber, fresh.get("ocr_line").asText());

            List<JsonNode> all = tickets("--resident", "000000801");
            assertEquals(2, all.size());
            JsonNode voided = all.stream().filter(t -> t.get("ticket_number").asText().equals(oldNumber)).findFirst()
                    .orElseThrow();
            assertEquals("void", voided.get("status").asText());
            assertEquals(fresh.get("id").asText(), voided.get("replaced_by").asText());
            // reissuing the voided number again is a conflict
            assertEquals(6, cli.run("ticket", "reissue", oldNumber, "--reason", "again").code());
            assertEquals(5, cli.run("ticket", "reissue", "1234567890", "--reason", "x").code());
        }

        @Test
        void reissueRefusedForAResidentFlaggedSinceIssue() {
            String n = issueOne("000000802", "1").get("ticket_number").asText();
            ok(cli, "resident", "flag", "000000802", "--deceased", "2024-05-20");
            assertEquals(6, cli.run("ticket", "reissue", n, "--reason", "lost").code());
            assertEquals("active", tickets("--resident", "000000802").get(0).get("status").asText());
        }

        @Test
        void listFilters() {
            String a = issueOne("000000801", "1").get("ticket_number").asText();
            issueOne("000000801", "2");
            issueOne("000000802", "1");
            ok(cli, "ticket", "void", a, "--reason", "lost");
            assertEquals(3, tickets().size());
            assertEquals(2, tickets("--dose", "1").size());
            assertEquals(1, tickets("--dose", "2").size());
            assertEquals(1, tickets("--status", "void").size());
            assertEquals(a, tickets("--status", "void").get(0).get("ticket_number").asText());
            assertEquals(2, tickets("--status", "active").size());
            assertEquals(2, tickets("--resident", "000000801").size());
            assertEquals(1, tickets("--resident", "000000801", "--status", "active").size());
            assertEquals(1, tickets("--resident", residentId("000000802")).size());
            assertEquals(5, cli.run("ticket", "list", "--resident", "000000999").code());
            // table and csv formats
            Cli.Result t = ok(cli, "ticket", "list");
            assertTrue(t.out().contains("TICKET") && t.out().contains(a), t::toString);
            Cli.Result c = ok(cli, "ticket", "list", "-o", "csv");
            assertEquals(4, Cli.lines(c.out()).size());
            assertTrue(c.out().contains("," + a + ","), "ticket numbers as text, leading zeros kept");
        }
    }

    @Nested
    class Export {
        static final Charset CP932 = Charset.forName("windows-31j");

        @BeforeEach
        void residentsForPrint() {
            importOk(cli, "print.csv", csv(HEADER_JA + ",郵便番号,住所,DV支援措置",
                    "000000811," + myNumber(400_000_811L) + ",髙﨑 ①,タカサキ,1970-01-01,1,350-1305,狭山市～構,",
                    "000000812," + myNumber(400_000_812L) + ",秘匿 花子,ヒトク ハナコ,1970-01-01,2,111-2222,秘匿住所,1",
                    "000000813," + myNumber(400_000_813L) + ",𠮷田 三,ヨシダ サン,1970-01-01,1,350-1305,狭山市3,"));
            for (String a : List.of("000000811", "000000812", "000000813")) {
                issueOne(a, "1");
            }
        }

        @Test
        void unencodableCharacterStopsTheExport() {
            Cli.Result r = cli.run("ticket", "export", "--out", "print-out.csv");
            assertEquals(3, r.code(), r::toString);
            assertFalse(Files.exists(dir.resolve("print-out.csv")), "no file created");
            String id813 = tickets("--resident", "000000813").get(0).get("id").asText();
            assertTrue(r.err().contains(id813) && r.err().contains("name"), "lists the ticket and column: " + r);
            assertFalse(r.err().contains("𠮷"), "the value is not echoed");
        }

        @Test
        void substituteMapAllowsTheExportAndDvResidentsAreLeftOut() throws Exception {
            cli.write("map.csv", "𠮷,吉\n");
            Cli.Result r = cli.run("ticket", "export", "--out", "print-out.csv", "--substitute", "map.csv");
            assertEquals(0, r.code(), r::toString);
            Path out = dir.resolve("print-out.csv");
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(out));
            String text = new String(Files.readAllBytes(out), CP932);
            assertTrue(CP932.newEncoder().canEncode(text));
            List<String> lines = Cli.lines(text.replace("\r\n", "\n"));
            assertEquals("address_number,name,name_kana,postal_code,address,ticket_number,ocr_line,dose_number,issued_on",
                    lines.get(0));
            assertEquals(3, lines.size(), "header + two residents");
            assertTrue(text.contains("吉田 三"), text);
            assertTrue(text.contains("髙﨑 ①") && text.contains("狭山市～構"), "Windows-31J characters kept: " + text);
            assertFalse(text.contains("秘匿"), "DV resident left out");
            assertFalse(text.contains("000000812"));
            String dvId = residentId("000000812");
            assertTrue(r.err().contains(dvId), "DV resident listed by id: " + r);
            assertTrue(r.err().contains("replaced"), r::toString);
            String t811 = tickets("--resident", "000000811").get(0).get("ticket_number").asText();
            assertTrue(text.contains(",11112151" + t811 + ","), "OCR line in the row");
            // never overwritten
            Cli.Result again = cli.run("ticket", "export", "--out", "print-out.csv", "--substitute", "map.csv");
            assertEquals(6, again.code(), again::toString);
            assertEquals(text, new String(Files.readAllBytes(out), CP932));
        }

        @Test
        void utf8ExportNeedsNoSubstitute() throws Exception {
            Cli.Result r = cli.run("ticket", "export", "--out", "u.csv", "--encoding", "utf-8");
            assertEquals(0, r.code(), r::toString);
            String text = Files.readString(dir.resolve("u.csv"));
            assertTrue(text.contains("𠮷田 三"), text);
            assertFalse(text.contains("秘匿"));
        }

        @Test
        void residentsFlaggedSinceIssueAreLeftOutAndReported() throws Exception {
            cli.write("map.csv", "𠮷,吉\n");
            ok(cli, "resident", "flag", "000000811", "--moved-out", "2024-05-31");
            Cli.Result r = cli.run("ticket", "export", "--out", "f.csv", "--substitute", "map.csv");
            assertEquals(0, r.code(), r::toString);
            String text = new String(Files.readAllBytes(dir.resolve("f.csv")), CP932);
            assertFalse(text.contains("000000811"), text);
            assertTrue(r.err().contains(residentId("000000811")), r::toString);
        }
    }
}
