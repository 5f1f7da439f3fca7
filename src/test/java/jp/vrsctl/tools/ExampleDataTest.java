package jp.vrsctl.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jp.vrsctl.domain.AddressNumber;
import jp.vrsctl.domain.Catalog;
import jp.vrsctl.domain.DoseNumber;
import jp.vrsctl.domain.JapaneseDate;
import jp.vrsctl.domain.Kana;
import jp.vrsctl.domain.LotNumber;
import jp.vrsctl.domain.MunicipalityCode;
import jp.vrsctl.domain.MunicipalityRegistry;
import jp.vrsctl.domain.MyNumber;
import jp.vrsctl.domain.OcrLine;
import jp.vrsctl.domain.PersonName;
import jp.vrsctl.domain.PostalCode;
import jp.vrsctl.domain.Product;
import jp.vrsctl.domain.Sex;
import jp.vrsctl.domain.TicketNumber;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated files pass the domain validators and keep the rules the importers will enforce. */
class ExampleDataTest {
    private static final Catalog CATALOG = Catalog.bundled();
    private static final MunicipalityCode SAYAMA = MunicipalityCode.parse("112151");

    @TempDir
    static Path dir;

    @BeforeAll
    static void generate() throws IOException {
        ExampleData.generate(dir, 600, 7, "112151");
    }

    /** Our output never needs quoting (asserted), so a plain split reads it. */
    private static List<List<String>> rows(Path file, Charset cs, String eol) throws IOException {
        String text = Files.readString(file, cs);
        assertFalse(text.contains("\""), "no quoted fields expected");
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        assertTrue(text.endsWith(eol));
        if (eol.equals("\n")) {
            assertFalse(text.contains("\r"));
        } else {
            assertEquals(text.split("\n", -1).length, text.split("\r\n", -1).length, "every line ends CRLF");
        }
        List<List<String>> out = new ArrayList<>();
        for (String line : text.split(eol)) {
            out.add(List.of(line.split(",", -1)));
        }
        return out;
    }

    private static Map<String, Integer> header(List<String> h) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < h.size(); i++) {
            m.put(h.get(i), i);
        }
        return m;
    }

    @Test
    void residentsAreValid() throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve("residents.csv"));
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, new byte[] {bytes[0], bytes[1], bytes[2]}, "UTF-8 BOM");
        List<List<String>> rows = rows(dir.resolve("residents.csv"), StandardCharsets.UTF_8, "\r\n");
        assertEquals(ExampleData.RESIDENT_HEADERS, rows.get(0));
        assertEquals(601, rows.size());
        Set<String> addressNumbers = new HashSet<>();
        Set<String> myNumbers = new HashSet<>();
        int halfWidth = 0;
        int wareki = 0;
        int dv = 0;
        int moved = 0;
        int deceased = 0;
        for (List<String> r : rows.subList(1, rows.size())) {
            assertEquals(11, r.size());
            AddressNumber a = AddressNumber.parse(r.get(0));
            assertTrue(a.value().startsWith("0"), "leading zeros");
            assertTrue(addressNumbers.add(a.value()));
            if (!r.get(1).isEmpty()) {
                assertTrue(r.get(1).startsWith(ExampleData.MY_NUMBER_PREFIX));
                assertTrue(myNumbers.add(MyNumber.parse(r.get(1)).digits()));
            }
            assertEquals(r.get(2), PersonName.validate(r.get(2)));
            Kana.normalize(r.get(3));
            halfWidth += r.get(3).chars().anyMatch(c -> c >= 0xFF61 && c <= 0xFF9F) ? 1 : 0;
            wareki += r.get(4).matches("^[^0-9].*") ? 1 : 0;
            LocalDate birth = JapaneseDate.parse(r.get(4));
            assertFalse(birth.isAfter(ExampleData.AS_OF));
            Sex.parse(r.get(5));
            PostalCode.parse(r.get(6));
            assertTrue(r.get(7).startsWith("埼玉県狭山市"));
            dv += r.get(8).equals("1") ? 1 : 0;
            assertTrue(r.get(8).isEmpty() || r.get(8).equals("1"));
            for (int col : new int[] {9, 10}) {
                if (!r.get(col).isEmpty()) {
                    LocalDate d = JapaneseDate.parse(r.get(col));
                    assertTrue(d.isAfter(birth) && d.isBefore(ExampleData.AS_OF));
                }
            }
            moved += r.get(9).isEmpty() ? 0 : 1;
            deceased += r.get(10).isEmpty() ? 0 : 1;
            assertFalse(!r.get(9).isEmpty() && !r.get(10).isEmpty());
        }
        assertTrue(halfWidth > 5 && wareki > 30 && dv >= 1 && moved >= 3 && deceased >= 3,
                "variety: halfWidth=" + halfWidth + " wareki=" + wareki + " dv=" + dv + " moved=" + moved + " deceased=" + deceased);
    }

    @Test
    void ticketsAndDosesAreConsistent() throws IOException {
        Map<String, LocalDate> birthByAddress = new HashMap<>();
        Set<String> living = new HashSet<>();
        for (List<String> r : rows(dir.resolve("residents.csv"), StandardCharsets.UTF_8, "\r\n").subList(1, 601)) {
            birthByAddress.put(r.get(0), JapaneseDate.parse(r.get(4)));
            if (r.get(9).isEmpty() && r.get(10).isEmpty()) {
                living.add(r.get(0));
            }
        }
        List<List<String>> tickets = rows(dir.resolve("tickets.csv"), StandardCharsets.UTF_8, "\n");
        assertEquals(ExampleData.TICKET_HEADERS, tickets.get(0));
        Map<String, String> holder = new HashMap<>();
        Map<String, Integer> ticketDose = new HashMap<>();
        Set<String> ticketed = new HashSet<>();
        for (List<String> t : tickets.subList(1, tickets.size())) {
            assertTrue(living.contains(t.get(0)), "tickets only for living residents");
            String number = TicketNumber.parse(t.get(1)).value();
            assertEquals(null, holder.put(number, t.get(0)), "ticket numbers unique");
            ticketDose.put(number, DoseNumber.parse(t.get(2)));
            assertFalse(JapaneseDate.parse(t.get(3)).isAfter(ExampleData.AS_OF));
            ticketed.add(t.get(0));
        }
        assertTrue(ticketed.size() > living.size() / 2, "most living residents have tickets");

        List<List<String>> doses = rows(dir.resolve("doses.csv"), StandardCharsets.UTF_8, "\n");
        assertEquals(ExampleData.DOSE_HEADERS, doses.get(0));
        Map<String, TreeMap<Integer, Object[]>> byPerson = new HashMap<>();
        int viaOcr = 0;
        for (List<String> d : doses.subList(1, doses.size())) {
            int doseNumber = DoseNumber.parse(d.get(3));
            String ticket;
            if (d.get(0).isEmpty()) {
                OcrLine ocr = OcrLine.parse(d.get(1));
                ocr.checkAgrees(SAYAMA, doseNumber, null);
                ticket = ocr.ticket().value();
                viaOcr++;
            } else {
                assertTrue(d.get(1).isEmpty(), "one of ticket_number and ocr_line");
                ticket = TicketNumber.parse(d.get(0)).value();
            }
            String person = holder.get(ticket);
            assertNotNull(person, "dose on an issued ticket");
            assertEquals(doseNumber, ticketDose.get(ticket));
            assertEquals(birthByAddress.get(person), JapaneseDate.parse(d.get(2)), "birth date matches the holder");
            LocalDate date = JapaneseDate.parse(d.get(4));
            assertTrue(date.isBefore(ExampleData.AS_OF) && date.isAfter(birthByAddress.get(person)));
            Product product = CATALOG.findProduct(d.get(5)).orElseThrow();
            if (!d.get(6).isEmpty()) {
                assertEquals(CATALOG.makerOf(product), CATALOG.findMaker(d.get(6)).orElseThrow());
            }
            LotNumber.parse(d.get(7));
            MunicipalityRegistry.bundled().require(d.get(10));
            byPerson.computeIfAbsent(person, k -> new TreeMap<>()).put(doseNumber, new Object[] {product, date});
        }
        assertTrue(viaOcr > 10);
        assertTrue(byPerson.size() > ticketed.size() / 2, "doses 1 and 2 for many residents");
        for (TreeMap<Integer, Object[]> history : byPerson.values()) {
            assertEquals(1, history.firstKey(), "every vaccinated person has dose 1");
            Integer previous = null;
            for (int n : history.keySet()) {
                if (previous != null) {
                    Object[] a = history.get(previous);
                    Object[] b = history.get(n);
                    LocalDate earliest = CATALOG.earliestNextDate((Product) a[0], previous, (LocalDate) a[1], (Product) b[0], n);
                    assertFalse(((LocalDate) b[1]).isBefore(earliest), "minimum interval kept");
                }
                previous = n;
            }
        }
    }

    @Test
    void sjisSampleIsWindows31jWithCrlf() throws IOException {
        List<List<String>> rows = rows(dir.resolve("residents-sjis.csv"), Charset.forName("windows-31j"), "\r\n");
        assertEquals(ExampleData.RESIDENT_HEADERS, rows.get(0));
        assertEquals(ExampleData.SJIS_ROWS + 1, rows.size());
        for (List<String> r : rows.subList(1, rows.size())) {
            PersonName.validate(r.get(2));
            Kana.normalize(r.get(3));
            JapaneseDate.parse(r.get(4));
        }
    }

    @Test
    void deterministicAndStreaming(@TempDir Path other) throws IOException {
        ExampleData.generate(other, 600, 7, "112151");
        for (String f : List.of("residents.csv", "tickets.csv", "doses.csv", "residents-sjis.csv")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve(f)), Files.readAllBytes(other.resolve(f)), f);
        }
        assertEquals(ExampleData.residents(600, 7, "112151").skip(599).findFirst().orElseThrow(),
                ExampleData.residents(600, 7, "112151").reduce((a, b) -> b).orElseThrow());
        assertEquals(200_000, ExampleData.residents(200_000, 1, "131016").filter(r -> !r.name().isEmpty()).count());
    }

    @Test
    void committedExamplesAreTheGeneratorsOutput(@TempDir Path fresh) throws IOException {
        Path examples = Path.of("examples");
        if (!Files.isDirectory(examples)) {
            return; // run from elsewhere than the project root
        }
        ExampleData.generate(fresh, ExampleData.DEFAULT_RESIDENTS, ExampleData.DEFAULT_SEED, ExampleData.DEFAULT_MUNICIPALITY);
        for (String f : List.of("residents.csv", "tickets.csv", "doses.csv", "residents-sjis.csv")) {
            assertArrayEquals(Files.readAllBytes(fresh.resolve(f)), Files.readAllBytes(examples.resolve(f)),
                    "examples/" + f + " is stale: rerun jp.vrsctl.tools.ExampleData");
        }
    }

    @Test
    void threeDosesEachGivesEveryoneWhoCanBeDosesOneToThreeInOrder() {
        int withDoses = 0;
        try (var s = ExampleData.records(2000, 42, "112151", true)) {
            for (ExampleData.Generated g : (Iterable<ExampleData.Generated>) s::iterator) {
                if (g.doses().isEmpty()) {
                    assertTrue(g.tickets().isEmpty(), "no tickets without doses");
                    continue;
                }
                withDoses++;
                assertEquals(List.of(1, 2, 3), g.doses().stream().map(ExampleData.DoseRow::doseNumber).toList());
                assertEquals(List.of(1, 2, 3), g.tickets().stream().map(ExampleData.TicketRow::doseNumber).toList());
                assertTrue(g.doses().get(0).doseDate().isBefore(g.doses().get(1).doseDate())
                        && g.doses().get(1).doseDate().isBefore(g.doses().get(2).doseDate())
                        && g.doses().get(2).doseDate().isBefore(ExampleData.AS_OF), g.doses()::toString);
            }
        }
        // the population has children under 12 and deceased residents; most of the rest get three doses
        assertTrue(withDoses > 1400 && withDoses < 2000, "residents with three doses: " + withDoses);
    }

    @Test
    void halfWidthConversionRoundTripsThroughKana() {
        assertEquals("ﾔﾏﾀﾞ ﾀﾛｳ", ExampleData.toHalfWidth("ヤマダ\u3000タロウ"));
        for (String k : List.of("ヤマダ タロウ", "ゴトウ ユウマ", "パピプペポ", "ショウタ", "ヴァ", "ハセガワ ヒナ")) {
            assertEquals(k, Kana.normalize(ExampleData.toHalfWidth(k)));
            assertEquals(k, Kana.normalize(ExampleData.toHiragana(k)));
        }
    }

    @Test
    void csvFieldQuoting() {
        assertEquals("abc", ExampleData.csvField("abc"));
        assertEquals("\"a,b\"", ExampleData.csvField("a,b"));
        assertEquals("\"a\"\"b\"", ExampleData.csvField("a\"b"));
        assertEquals("\"a\nb\"", ExampleData.csvField("a\nb"));
    }

    @Test
    void mainRejectsBadArgumentsAndUnknownMunicipality(@TempDir Path out) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(o, true, StandardCharsets.UTF_8);
        PrintStream es = new PrintStream(e, true, StandardCharsets.UTF_8);
        assertEquals(2, ExampleData.run(new String[] {"--bogus"}, ps, es));
        assertEquals(2, ExampleData.run(new String[] {"--residents"}, ps, es));
        assertEquals(3, ExampleData.run(new String[] {"--municipality", "011011", "--out", out.toString()}, ps, es));
        assertEquals(0, ExampleData.run(new String[] {"--residents", "3", "--out", out.toString()}, ps, es));
        assertTrue(Files.exists(out.resolve("doses.csv")));
    }
}
