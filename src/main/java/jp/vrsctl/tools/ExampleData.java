package jp.vrsctl.tools;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import jp.vrsctl.domain.Catalog;
import jp.vrsctl.domain.JapaneseDate;
import jp.vrsctl.domain.Municipality;
import jp.vrsctl.domain.MunicipalityRegistry;
import jp.vrsctl.domain.MyNumber;
import jp.vrsctl.domain.OcrLine;
import jp.vrsctl.domain.Product;
import jp.vrsctl.domain.TicketNumber;

/**
 * Generates <b>synthetic</b> example data in the import formats of {@code formats.md}: residents
 * (Japanese headers, UTF-8 with BOM, CRLF), tickets and doses (English headers, UTF-8, LF), and a 100-row
 * Windows-31J copy of the residents file. Deterministic: the same arguments give the same bytes.
 *
 * <p>Every row is computed from {@code (seed, row index)} alone, so {@link #records(int, long, String)} is a
 * lazy stream that can produce a million rows for a benchmark without holding them. Identifiers are made
 * unique without memory by affine permutations of the row index. All My Numbers begin with {@value #MY_NUMBER_PREFIX}
 * (so they are recognisably synthetic) and carry valid check digits; at most 10,000,000 residents.
 *
 * <p>Names are drawn from lists of common surnames and given names; a few use variant kanji (髙, 﨑, 𠮷,
 * 葛+U+E0100), kana is sometimes half-width or hiragana, birth dates are sometimes 和暦, a few residents are
 * DV-protected, moved out or deceased. Doses respect the catalog's minimum intervals and are not after
 * {@link #AS_OF}.
 */
public final class ExampleData {
    /** The "today" of the data: no dose, flag or birth is after it. */
    public static final LocalDate AS_OF = LocalDate.of(2024, 6, 1);
    public static final String MY_NUMBER_PREFIX = "9999";
    public static final int MAX_RESIDENTS = 10_000_000;
    public static final int DEFAULT_RESIDENTS = 1000;
    public static final long DEFAULT_SEED = 42;
    public static final String DEFAULT_MUNICIPALITY = "112151";
    /** Rows in the Windows-31J sample. */
    public static final int SJIS_ROWS = 100;

    public static final List<String> RESIDENT_HEADERS = List.of(
            "宛名番号", "個人番号", "氏名", "氏名カナ", "生年月日", "性別", "郵便番号", "住所", "DV支援措置", "転出日", "死亡日");
    public static final List<String> TICKET_HEADERS = List.of("address_number", "ticket_number", "dose_number", "issued_on");
    public static final List<String> DOSE_HEADERS = List.of("ticket_number", "ocr_line", "birth_date", "dose_number", "dose_date",
            "product", "maker", "lot", "venue_code", "venue_name", "administered_in");

    private static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("uuuu/M/d");
    private static final long TEN_DIGITS = 10_000_000_000L;
    private static final long SEVEN_DIGITS = 10_000_000L;
    /** Multipliers of the affine permutations: odd and not multiples of 5, so coprime with powers of 10. */
    private static final long TICKET_MULTIPLIER = 7_345_679_123L;
    private static final long MY_NUMBER_MULTIPLIER = 1_234_567L;
    private static final int TICKET_KIND = 1;

    private static final String[][] SURNAMES = {
        {"佐藤", "サトウ"}, {"鈴木", "スズキ"}, {"高橋", "タカハシ"}, {"田中", "タナカ"}, {"伊藤", "イトウ"}, {"渡辺", "ワタナベ"},
        {"山本", "ヤマモト"}, {"中村", "ナカムラ"}, {"小林", "コバヤシ"}, {"加藤", "カトウ"}, {"吉田", "ヨシダ"}, {"山田", "ヤマダ"},
        {"佐々木", "ササキ"}, {"山口", "ヤマグチ"}, {"松本", "マツモト"}, {"井上", "イノウエ"}, {"木村", "キムラ"}, {"林", "ハヤシ"},
        {"斎藤", "サイトウ"}, {"清水", "シミズ"}, {"山崎", "ヤマザキ"}, {"森", "モリ"}, {"池田", "イケダ"}, {"橋本", "ハシモト"},
        {"阿部", "アベ"}, {"石川", "イシカワ"}, {"山下", "ヤマシタ"}, {"中島", "ナカジマ"}, {"石井", "イシイ"}, {"小川", "オガワ"},
        {"前田", "マエダ"}, {"岡田", "オカダ"}, {"長谷川", "ハセガワ"}, {"藤田", "フジタ"}, {"後藤", "ゴトウ"}, {"近藤", "コンドウ"},
        {"村上", "ムラカミ"}, {"遠藤", "エンドウ"}, {"青木", "アオキ"}, {"坂本", "サカモト"}};
    /** Variant forms (異体字) that real registers hold; the last two cannot be written in Windows-31J. */
    private static final String[][] VARIANT_SURNAMES = {
        {"髙橋", "タカハシ"}, {"山﨑", "ヤマザキ"}, {"齋藤", "サイトウ"}, {"渡邉", "ワタナベ"}, {"𠮷田", "ヨシダ"}, {"葛\uDB40\uDD00西", "カサイ"}};
    private static final String[][] MALE_NAMES = {
        {"太郎", "タロウ"}, {"一郎", "イチロウ"}, {"健太", "ケンタ"}, {"翔太", "ショウタ"}, {"大輔", "ダイスケ"}, {"誠", "マコト"},
        {"浩", "ヒロシ"}, {"茂", "シゲル"}, {"蓮", "レン"}, {"悠真", "ユウマ"}, {"大翔", "ヒロト"}, {"湊", "ミナト"},
        {"拓也", "タクヤ"}, {"和夫", "カズオ"}, {"隆", "タカシ"}, {"修", "オサム"}, {"勇気", "ユウキ"}, {"直樹", "ナオキ"},
        {"陽翔", "ハルト"}, {"健一", "ケンイチ"}};
    private static final String[][] FEMALE_NAMES = {
        {"花子", "ハナコ"}, {"陽子", "ヨウコ"}, {"恵子", "ケイコ"}, {"美咲", "ミサキ"}, {"さくら", "サクラ"}, {"結衣", "ユイ"},
        {"陽菜", "ヒナ"}, {"葵", "アオイ"}, {"裕子", "ユウコ"}, {"直美", "ナオミ"}, {"由美子", "ユミコ"}, {"芽依", "メイ"},
        {"凛", "リン"}, {"久美子", "クミコ"}, {"幸子", "サチコ"}, {"愛", "アイ"}, {"真由美", "マユミ"}, {"明美", "アケミ"},
        {"結菜", "ユイナ"}, {"千尋", "チヒロ"}};
    private static final String[] TOWNS = {"本町", "中央", "栄町", "緑町", "旭町", "東町", "西町", "南町", "北町", "新町", "富士見", "青葉台"};
    private static final String[] CLINICS = {"さくら内科クリニック", "みどり小児科", "ひかり診療所", "あおば内科", "すずらん医院"};
    private static final String[] PFIZER_LOT_PREFIXES = {"EY", "FA", "FC", "FD", "FF", "FH", "FJ", "FK"};

    private static final String FULL_KATAKANA = "ァアィイゥウェエォオカキクケコサシスセソタチッツテトナニヌネノハヒフヘホマミムメモャヤュユョヨラリルレロワヲンー";
    private static final String HALF_KATAKANA = "ｧｱｨｲｩｳｪｴｫｵｶｷｸｹｺｻｼｽｾｿﾀﾁｯﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓｬﾔｭﾕｮﾖﾗﾘﾙﾚﾛﾜｦﾝｰ";

    private ExampleData() {
    }

    /**
     * One resident row, as written to {@code residents.csv}. Dates are {@code null} when absent.
     *
     * @param birthDateText the birth date as written in the file (ISO, compact, slashed or 和暦)
     * @param myNumber      12 digits or "" (the column is optional)
     */
    public record ResidentRow(String addressNumber, String myNumber, String name, String nameKana, String birthDateText,
                              LocalDate birthDate, String sex, String postalCode, String address, boolean dvProtected,
                              LocalDate movedOutOn, LocalDate deceasedOn) {
        /** The cells in {@link #RESIDENT_HEADERS} order. */
        public List<String> csvFields() {
            return List.of(addressNumber, myNumber, name, nameKana, birthDateText, sex, postalCode, address,
                    dvProtected ? "1" : "", text(movedOutOn), text(deceasedOn));
        }

        /** Neither moved out nor deceased. */
        public boolean living() {
            return movedOutOn == null && deceasedOn == null;
        }
    }

    /** One row of {@code tickets.csv}. */
    public record TicketRow(String addressNumber, String ticketNumber, int doseNumber, LocalDate issuedOn) {
        public List<String> csvFields() {
            return List.of(addressNumber, ticketNumber, Integer.toString(doseNumber), issuedOn.toString());
        }
    }

    /** One row of {@code doses.csv}; exactly one of ticketNumber and ocrLine is non-empty. */
    public record DoseRow(String ticketNumber, String ocrLine, String birthDate, int doseNumber, LocalDate doseDate, String product,
                          String maker, String lot, String venueCode, String venueName, String administeredIn) {
        public List<String> csvFields() {
            return List.of(ticketNumber, ocrLine, birthDate, Integer.toString(doseNumber), doseDate.toString(), product, maker, lot,
                    venueCode, venueName, administeredIn);
        }
    }

    /** A resident with their tickets and doses. */
    public record Generated(ResidentRow resident, List<TicketRow> tickets, List<DoseRow> doses) {
    }

    /** A lazy, ordered stream of {@code count} residents with their tickets and doses. */
    public static Stream<Generated> records(int count, long seed, String municipality) {
        return records(count, seed, municipality, false);
    }

    /**
     * As {@link #records(int, long, String)}; with {@code threeDoses}, every resident who could have been
     * vaccinated (alive, 12 by the end of 2023) has tickets and doses 1 to 3, at the earliest dates the intervals
     * allow plus a little, when dose 3 still falls before {@link #AS_OF} (the benchmark's "3 doses each").
     */
    public static Stream<Generated> records(int count, long seed, String municipality, boolean threeDoses) {
        if (count < 0 || count > MAX_RESIDENTS) {
            throw new IllegalArgumentException("residents must be 0.." + MAX_RESIDENTS);
        }
        Context ctx = new Context(seed, MunicipalityRegistry.bundled().require(municipality), threeDoses);
        return IntStream.range(0, count).mapToObj(ctx::generate);
    }

    /** A lazy, ordered stream of {@code count} resident rows (for benchmarks: nothing is held). */
    public static Stream<ResidentRow> residents(int count, long seed, String municipality) {
        return records(count, seed, municipality).map(Generated::resident);
    }

    /**
     * Writes {@code residents.csv}, {@code tickets.csv}, {@code doses.csv} and {@code residents-sjis.csv}
     * into {@code outDir} (created if needed), streaming.
     */
    public static void generate(Path outDir, int residents, long seed, String municipality) throws IOException {
        generate(outDir, residents, seed, municipality, false);
    }

    /** As {@link #generate(Path, int, long, String)}; {@code threeDoses} as in {@link #records(int, long, String, boolean)}. */
    public static void generate(Path outDir, int residents, long seed, String municipality, boolean threeDoses)
            throws IOException {
        Files.createDirectories(outDir);
        List<ResidentRow> sjisRows = new ArrayList<>();
        CharsetEncoder sjis = WINDOWS_31J.newEncoder();
        try (Writer res = writer(outDir.resolve("residents.csv"), StandardCharsets.UTF_8);
             Writer tic = writer(outDir.resolve("tickets.csv"), StandardCharsets.UTF_8);
             Writer dos = writer(outDir.resolve("doses.csv"), StandardCharsets.UTF_8);
             Stream<Generated> rows = records(residents, seed, municipality, threeDoses)) {
            res.write('\uFEFF');
            writeLine(res, RESIDENT_HEADERS, "\r\n");
            writeLine(tic, TICKET_HEADERS, "\n");
            writeLine(dos, DOSE_HEADERS, "\n");
            rows.forEach(g -> {
                try {
                    writeLine(res, g.resident().csvFields(), "\r\n");
                    for (TicketRow t : g.tickets()) {
                        writeLine(tic, t.csvFields(), "\n");
                    }
                    for (DoseRow d : g.doses()) {
                        writeLine(dos, d.csvFields(), "\n");
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (sjisRows.size() < SJIS_ROWS && g.resident().csvFields().stream().allMatch(sjis::canEncode)) {
                    sjisRows.add(g.resident());
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        try (Writer w = writer(outDir.resolve("residents-sjis.csv"), WINDOWS_31J)) {
            writeLine(w, RESIDENT_HEADERS, "\r\n");
            for (ResidentRow r : sjisRows) {
                writeLine(w, r.csvFields(), "\r\n");
            }
        }
    }

    private static Writer writer(Path file, Charset cs) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        // REPORT, not REPLACE: a character the encoding cannot hold must fail, never become '?'
        return new BufferedWriter(new OutputStreamWriter(out, cs.newEncoder()), 1 << 16);
    }

    private static void writeLine(Writer w, List<String> fields, String eol) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(csvField(fields.get(i)));
        }
        w.write(eol);
    }

    /**
     * RFC 4180 quoting. Hand-written (a few lines) so this tool does not depend on the io layer; the
     * generated values never need quoting, but addresses given by a caller might.
     */
    static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static String text(LocalDate d) {
        return d == null ? "" : d.toString();
    }

    /** Full-width katakana (and U+3000) to half-width, as old systems export it: {@code ダ} → {@code ﾀﾞ}. */
    static String toHalfWidth(String kana) {
        String decomposed = Normalizer.normalize(kana, Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            int k = FULL_KATAKANA.indexOf(c);
            if (k >= 0) {
                b.append(HALF_KATAKANA.charAt(k));
            } else if (c == '\u3099') {
                b.append('ﾞ');
            } else if (c == '\u309A') {
                b.append('ﾟ');
            } else if (c == '\u3000') {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Katakana to hiragana (as some forms are filled in). */
    static String toHiragana(String kana) {
        StringBuilder b = new StringBuilder(kana.length());
        for (char c : kana.toCharArray()) {
            b.append(c >= '\u30A1' && c <= '\u30F6' ? (char) (c - 0x60) : c);
        }
        return b.toString();
    }

    /** Everything that depends on the arguments but not on the row. */
    private static final class Context {
        private final long seed;
        private final Municipality municipality;
        private final List<Municipality> others;
        private final Catalog catalog = Catalog.bundled();
        private final Product comirnaty;
        private final Product spikevax;
        private final Product comirnatyBa45;
        private final long ticketOffset;
        private final long myNumberOffset;

        private final boolean threeDoses;

        Context(long seed, Municipality municipality, boolean threeDoses) {
            this.threeDoses = threeDoses;
            this.seed = seed;
            this.municipality = municipality;
            this.others = MunicipalityRegistry.bundled().all().stream().filter(m -> !m.equals(municipality)).toList();
            this.comirnaty = catalog.findProduct("comirnaty").orElseThrow();
            this.spikevax = catalog.findProduct("spikevax").orElseThrow();
            this.comirnatyBa45 = catalog.findProduct("comirnaty-ba4-5").orElseThrow();
            SplittableRandom r = new SplittableRandom(seed);
            this.ticketOffset = r.nextLong(TEN_DIGITS);
            this.myNumberOffset = r.nextLong(SEVEN_DIGITS);
        }

        private SplittableRandom rng(int index, int stream) {
            return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + stream);
        }

        Generated generate(int index) {
            ResidentRow r = resident(index, rng(index, 1));
            List<TicketRow> tickets = new ArrayList<>();
            List<DoseRow> doses = new ArrayList<>();
            vaccinate(index, r, rng(index, 2), tickets, doses);
            return new Generated(r, List.copyOf(tickets), List.copyOf(doses));
        }

        private ResidentRow resident(int index, SplittableRandom rng) {
            String addressNumber = String.format("%010d", 1_000_000 + index);
            String myNumber = "";
            if (rng.nextInt(100) >= 2) {
                String prefix = MY_NUMBER_PREFIX + String.format("%07d", Math.floorMod(MY_NUMBER_MULTIPLIER * index + myNumberOffset, SEVEN_DIGITS));
                myNumber = prefix + MyNumber.checkDigit(prefix);
            }
            boolean male = rng.nextBoolean();
            String[] surname = rng.nextInt(100) < 3 ? pick(rng, VARIANT_SURNAMES) : pick(rng, SURNAMES);
            String[] given = pick(rng, male ? MALE_NAMES : FEMALE_NAMES);
            String name = surname[0] + "\u3000" + given[0];
            String kana = surname[1] + "\u3000" + given[1];
            int kanaStyle = rng.nextInt(100);
            if (kanaStyle < 6) {
                kana = toHalfWidth(kana);
            } else if (kanaStyle < 8) {
                kana = toHiragana(kana);
            } else if (kanaStyle < 20) {
                kana = surname[1] + " " + given[1];
            }
            LocalDate birth = AS_OF.minusDays(1 + rng.nextInt(100 * 365));
            String sex;
            int sexStyle = rng.nextInt(1000);
            if (sexStyle < 5) {
                sex = "9";
            } else if (sexStyle < 80) {
                sex = male ? "男" : "女";
            } else {
                sex = male ? "1" : "2";
            }
            String postal = postalCode(rng);
            String address = municipality.name() + TOWNS[rng.nextInt(TOWNS.length)] + (1 + rng.nextInt(5)) + "丁目"
                    + (1 + rng.nextInt(30)) + "番" + (1 + rng.nextInt(20)) + "号";
            boolean dv = rng.nextInt(1000) < 5;
            LocalDate movedOut = null;
            LocalDate deceased = null;
            int fate = rng.nextInt(1000);
            if (fate < 20) {
                movedOut = later(rng, LocalDate.of(2021, 1, 4), birth);
            } else if (fate < 20 + (birth.isBefore(LocalDate.of(1950, 1, 1)) ? 80 : 5)) {
                deceased = later(rng, LocalDate.of(2021, 1, 4), birth);
            }
            return new ResidentRow(addressNumber, myNumber, name, kana, birthText(rng, birth), birth, sex, postal, address, dv, movedOut, deceased);
        }

        private String postalCode(SplittableRandom rng) {
            String digits = "112151".equals(municipality.code().value())
                    ? "35013" + String.format("%02d", rng.nextInt(40))
                    : String.format("%03d%04d", 100 + rng.nextInt(900), rng.nextInt(10_000));
            return rng.nextInt(5) == 0 ? digits : digits.substring(0, 3) + "-" + digits.substring(3);
        }

        private String birthText(SplittableRandom rng, LocalDate birth) {
            int style = rng.nextInt(100);
            if (style < 70) {
                return birth.toString();
            } else if (style < 80) {
                return birth.format(COMPACT);
            } else if (style < 85) {
                return birth.format(SLASHED);
            } else if (style < 95) {
                return JapaneseDate.toWareki(birth);
            }
            return JapaneseDate.toWarekiShort(birth);
        }

        /** A date in [from, AS_OF), and after {@code notBefore}. */
        private LocalDate later(SplittableRandom rng, LocalDate from, LocalDate notBefore) {
            LocalDate start = notBefore.isAfter(from) ? notBefore.plusDays(1) : from;
            long span = AS_OF.toEpochDay() - start.toEpochDay();
            return span <= 0 ? AS_OF.minusDays(1) : start.plusDays(rng.nextLong(span));
        }

        private String ticketNumber(int index, int dose) {
            long slot = (long) index * 4 + dose - 1;
            return String.format("%010d", Math.floorMod(Math.multiplyExact(TICKET_MULTIPLIER, slot) + ticketOffset, TEN_DIGITS));
        }

        private void vaccinate(int index, ResidentRow r, SplittableRandom rng, List<TicketRow> tickets, List<DoseRow> doses) {
            LocalDate twelfth = r.birthDate().plusYears(12);
            if (!r.living() || twelfth.isAfter(LocalDate.of(2023, 12, 31)) || rng.nextInt(100) >= 92 && !threeDoses) {
                return;
            }
            if (threeDoses) {
                vaccinateThrice(index, r, rng, twelfth, tickets, doses);
                return;
            }
            LocalDate issued = twelfth.isAfter(LocalDate.of(2021, 4, 1)) ? twelfth : LocalDate.of(2021, 4, 1);
            tickets.add(new TicketRow(r.addressNumber(), ticketNumber(index, 1), 1, issued));
            tickets.add(new TicketRow(r.addressNumber(), ticketNumber(index, 2), 2, issued));
            if (rng.nextInt(100) >= 85) {
                return;
            }
            Product p1 = rng.nextInt(4) == 0 ? spikevax : comirnaty;
            LocalDate d1 = issued.plusDays(30 + rng.nextInt(150));
            if (p1 == spikevax && d1.isBefore(LocalDate.of(2021, 5, 24))) {
                d1 = LocalDate.of(2021, 5, 24).plusDays(rng.nextInt(30));
            }
            if (!d1.isBefore(AS_OF)) {
                return;
            }
            doses.add(dose(index, r, rng, 1, d1, p1));
            if (rng.nextInt(100) >= 95) {
                return;
            }
            LocalDate d2 = catalog.earliestNextDate(p1, 1, d1, p1, 2).plusDays(rng.nextInt(10));
            if (!d2.isBefore(AS_OF)) {
                return;
            }
            doses.add(dose(index, r, rng, 2, d2, p1));
            if (rng.nextInt(100) >= 55) {
                return;
            }
            Product p3 = rng.nextInt(10) < 4 ? spikevax : rng.nextBoolean() ? comirnaty : comirnatyBa45;
            LocalDate d3 = catalog.earliestNextDate(p1, 2, d2, p3, 3).plusDays(rng.nextInt(90));
            if (p3 == comirnatyBa45 && d3.isBefore(LocalDate.of(2022, 10, 1))) {
                p3 = comirnaty;
            }
            LocalDate issued3 = d3.minusDays(14 + rng.nextInt(30));
            if (issued3.isBefore(d2)) {
                issued3 = d2;
            }
            if (!issued3.isBefore(AS_OF)) {
                return;
            }
            tickets.add(new TicketRow(r.addressNumber(), ticketNumber(index, 3), 3, issued3));
            if (rng.nextInt(100) < 80 && d3.isBefore(AS_OF)) {
                doses.add(dose(index, r, rng, 3, d3, p3));
            }
        }

        /** Doses 1 to 3 at the earliest dates the catalog's intervals allow plus a few days, if all fall before AS_OF. */
        private void vaccinateThrice(int index, ResidentRow r, SplittableRandom rng, LocalDate twelfth,
                                     List<TicketRow> tickets, List<DoseRow> doses) {
            LocalDate issued = twelfth.isAfter(LocalDate.of(2021, 4, 1)) ? twelfth : LocalDate.of(2021, 4, 1);
            Product p1 = rng.nextInt(4) == 0 ? spikevax : comirnaty;
            LocalDate d1 = issued.plusDays(7 + rng.nextInt(30));
            if (p1 == spikevax && d1.isBefore(LocalDate.of(2021, 5, 24))) {
                d1 = LocalDate.of(2021, 5, 24).plusDays(rng.nextInt(30));
            }
            LocalDate d2 = catalog.earliestNextDate(p1, 1, d1, p1, 2).plusDays(rng.nextInt(10));
            Product p3 = rng.nextBoolean() ? spikevax : comirnaty;
            LocalDate d3 = catalog.earliestNextDate(p1, 2, d2, p3, 3).plusDays(rng.nextInt(30));
            if (!d3.isBefore(AS_OF)) {
                return; // turned 12 too late for three doses by AS_OF
            }
            LocalDate issued3 = d3.minusDays(14).isBefore(d2) ? d2 : d3.minusDays(14);
            tickets.add(new TicketRow(r.addressNumber(), ticketNumber(index, 1), 1, issued));
            tickets.add(new TicketRow(r.addressNumber(), ticketNumber(index, 2), 2, issued));
            tickets.add(new TicketRow(r.addressNumber(), ticketNumber(index, 3), 3, issued3));
            doses.add(dose(index, r, rng, 1, d1, p1));
            doses.add(dose(index, r, rng, 2, d2, p1));
            doses.add(dose(index, r, rng, 3, d3, p3));
        }

        private DoseRow dose(int index, ResidentRow r, SplittableRandom rng, int doseNumber, LocalDate date, Product product) {
            String ticket = ticketNumber(index, doseNumber);
            String ocr = "";
            if (rng.nextInt(5) == 0) {
                ocr = OcrLine.of(TICKET_KIND, doseNumber, municipality.code(), TicketNumber.parse(ticket)).digits();
                ticket = "";
            }
            String birth = rng.nextInt(10) == 0 ? JapaneseDate.toWareki(r.birthDate()) : r.birthDate().toString();
            String productName = switch (rng.nextInt(10)) {
                case 0 -> product.englishName();
                case 1 -> product.synonyms().isEmpty() ? product.name() : product.synonyms().get(0);
                default -> product.name();
            };
            String maker;
            int makerStyle = rng.nextInt(10);
            if (makerStyle == 0) {
                maker = "";
            } else if ("moderna".equals(product.makerId()) && date.getYear() == 2021 && makerStyle < 8) {
                maker = "武田/モデルナ";
            } else {
                maker = catalog.makerOf(product).name();
            }
            long batch = (date.toEpochDay() - LocalDate.of(2021, 1, 1).toEpochDay()) / 14;
            String lot = "pfizer".equals(product.makerId())
                    ? PFIZER_LOT_PREFIXES[(int) (batch % PFIZER_LOT_PREFIXES.length)] + String.format("%04d", (batch * 37 + rng.nextInt(3)) % 10_000)
                    : String.format("%06d", 3000 + batch * 7 + rng.nextInt(2)) + (char) ('A' + rng.nextInt(2));
            String venueCode;
            String venueName;
            if (rng.nextInt(3) == 0) {
                int clinic = rng.nextInt(CLINICS.length);
                venueCode = String.format("C%04d", 100 + clinic);
                venueName = CLINICS[clinic];
            } else {
                int hall = 1 + rng.nextInt(6);
                venueCode = String.format("V%03d", hall);
                venueName = municipality.shortName() + "集団接種会場" + hall;
            }
            String administeredIn = rng.nextInt(100) < 3
                    ? others.get(rng.nextInt(others.size())).code().value()
                    : municipality.code().value();
            return new DoseRow(ticket, ocr, birth, doseNumber, date, productName, maker, lot, venueCode, venueName, administeredIn);
        }

        private static String[] pick(SplittableRandom rng, String[][] list) {
            return list[rng.nextInt(list.length)];
        }
    }

    /**
     * {@code ExampleData [--residents N] [--seed S] [--municipality CODE] [--out DIR]}: writes the four
     * files; defaults 1000 residents, seed 42, 112151 (Sayama), {@code examples}.
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** {@link #main} without exiting, for tests; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        int residents = DEFAULT_RESIDENTS;
        long seed = DEFAULT_SEED;
        String municipality = DEFAULT_MUNICIPALITY;
        Path dir = Path.of("examples");
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--residents" -> residents = Integer.parseInt(Objects.requireNonNull(value));
                    case "--seed" -> seed = Long.parseLong(Objects.requireNonNull(value));
                    case "--municipality" -> municipality = Objects.requireNonNull(value);
                    case "--out" -> dir = Path.of(Objects.requireNonNull(value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
        } catch (RuntimeException e) {
            err.println("usage: ExampleData [--residents N] [--seed S] [--municipality CODE] [--out DIR]");
            return 2;
        }
        try {
            generate(dir, residents, seed, municipality);
        } catch (IOException e) {
            err.println("cannot write " + dir + ": " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println(e.getMessage());
            return 3;
        }
        out.println("wrote residents.csv, tickets.csv, doses.csv, residents-sjis.csv to " + dir);
        return 0;
    }
}
