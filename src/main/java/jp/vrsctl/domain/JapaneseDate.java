package jp.vrsctl.domain;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as people write them in Japan: 西暦 ({@code 20210401}, {@code 2021-04-01}, {@code 2021/4/1},
 * {@code 2021年4月1日}) and 和暦 ({@code 令和3年4月1日}, {@code R3.4.1}, {@code R03.04.01}, {@code H元.1.8},
 * {@code R3/4/1}, {@code R3-4-1}, {@code R030401}). A midnight time that Excel appends ({@code 2021/4/1 0:00})
 * is dropped; any other time is refused.
 *
 * <p>Hand-written rather than {@link java.time.chrono.JapaneseDate}: the JDK's chronology is lenient about
 * the era ranges (it accepts "Showa 64-01-08" and moves it into Heisei, and "Reiwa 1-04-30"), while an
 * operator's typo in an era must be refused (domain.md §6, incident 7), and the letter forms, 元 and the
 * full-width/ideographic-space input need handling anyway.
 *
 * <p>Earliest supported date is 1873-01-01 (明治6年), the day Japan adopted the Gregorian calendar; earlier
 * 明治 dates were lunar-calendar dates and cannot be converted by arithmetic. Messages never repeat the
 * value (it may be a birth date).
 */
public final class JapaneseDate {
    /** Earliest date accepted in any form. */
    public static final LocalDate EARLIEST = LocalDate.of(1873, 1, 1);

    /** The eras; {@code last} is {@code null} for the current one. Transition days of 明治/大正/昭和 belong to both eras. */
    private enum Era {
        MEIJI("明治", 'M', "Meiji", LocalDate.of(1868, 1, 25), LocalDate.of(1912, 7, 30)),
        TAISHO("大正", 'T', "Taisho", LocalDate.of(1912, 7, 30), LocalDate.of(1926, 12, 25)),
        SHOWA("昭和", 'S', "Showa", LocalDate.of(1926, 12, 25), LocalDate.of(1989, 1, 7)),
        HEISEI("平成", 'H', "Heisei", LocalDate.of(1989, 1, 8), LocalDate.of(2019, 4, 30)),
        REIWA("令和", 'R', "Reiwa", LocalDate.of(2019, 5, 1), null);

        final String kanji;
        final char letter;
        final String english;
        final LocalDate first;
        final LocalDate last;

        Era(String kanji, char letter, String english, LocalDate first, LocalDate last) {
            this.kanji = kanji;
            this.letter = letter;
            this.english = english;
            this.first = first;
            this.last = last;
        }

        static Era of(String token) {
            for (Era e : values()) {
                if (e.kanji.equals(token) || (token.length() == 1 && Character.toUpperCase(token.charAt(0)) == e.letter)) {
                    return e;
                }
            }
            throw new IllegalArgumentException(token); // unreachable: the pattern only lets era tokens through
        }

        boolean contains(LocalDate d) {
            return !d.isBefore(first) && (last == null || !d.isAfter(last));
        }
    }

    private static final String ERA = "(明治|大正|昭和|平成|令和|[MTSHRmtshr])";
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern SEPARATED = Pattern.compile("(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})");
    private static final Pattern KANJI = Pattern.compile("(\\d{4})年(\\d{1,2})月(\\d{1,2})日");
    private static final Pattern WAREKI_KANJI = Pattern.compile(ERA + "(元|\\d{1,2})年(\\d{1,2})月(\\d{1,2})日");
    private static final Pattern WAREKI_SEPARATED = Pattern.compile(ERA + "(元|\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{1,2})");
    private static final Pattern WAREKI_COMPACT = Pattern.compile(ERA + "(\\d{2})(\\d{2})(\\d{2})");
    /** A 5-digit whole number: what Excel shows for a date cell formatted as a number (44287 = 2021-04-01). */
    private static final Pattern EXCEL_SERIAL = Pattern.compile("\\d{5}(\\.0+)?");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");
    /** The midnight time Excel appends when it saves a date cell as CSV ({@code 2021/4/1 0:00}); dropped. */
    private static final Pattern EXCEL_MIDNIGHT = Pattern.compile("[\\s\\p{Z}]+0?0:00(:00)?$");

    private JapaneseDate() {
    }

    /**
     * Parses a date in any of the forms above after NFKC and removing all whitespace (incl. U+3000).
     *
     * @throws InvalidValueException for an unknown form, a day that does not exist, a date outside its era,
     *                               an Excel serial number, or a date before {@link #EARLIEST}
     */
    public static LocalDate parse(String raw) {
        String s = raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFKC);
        s = WHITESPACE.matcher(EXCEL_MIDNIGHT.matcher(s).replaceFirst("")).replaceAll("");
        if (s.isEmpty()) {
            throw Text.invalid("date.empty");
        }
        Matcher m;
        if ((m = COMPACT.matcher(s)).matches() || (m = SEPARATED.matcher(s)).matches() || (m = KANJI.matcher(s)).matches()) {
            return checked(date(Integer.parseInt(m.group(1)), m.group(2), m.group(3)));
        }
        if ((m = WAREKI_KANJI.matcher(s)).matches() || (m = WAREKI_SEPARATED.matcher(s)).matches()
                || (m = WAREKI_COMPACT.matcher(s)).matches()) {
            Era era = Era.of(m.group(1));
            int year = "元".equals(m.group(2)) ? 1 : Integer.parseInt(m.group(2));
            if (year == 0) {
                throw Text.invalid("date.era_year_zero");
            }
            LocalDate d = date(era.first.getYear() + year - 1, m.group(3), m.group(4));
            if (!era.contains(d)) {
                throw Text.invalid("date.outside_era", era.english, era.kanji, era.first.toString(),
                        era.last == null ? Text.msg("date.era_open") : era.last.toString());
            }
            return checked(d);
        }
        if (EXCEL_SERIAL.matcher(s).matches()) {
            throw Text.invalid("date.excel_serial");
        }
        throw Text.invalid("date.format");
    }

    /** True if {@link #parse(String)} would accept {@code raw}. */
    public static boolean isValid(String raw) {
        try {
            parse(raw);
            return true;
        } catch (InvalidValueException e) {
            return false;
        }
    }

    private static LocalDate date(int year, String month, String day) {
        try {
            return LocalDate.of(year, Integer.parseInt(month), Integer.parseInt(day));
        } catch (DateTimeException e) {
            throw Text.invalid("date.no_such_day");
        }
    }

    private static LocalDate checked(LocalDate d) {
        if (d.isBefore(EARLIEST)) {
            throw Text.invalid("date.too_early", EARLIEST.toString());
        }
        return d;
    }

    /**
     * The date in 和暦 for echoing back to the operator: {@code 令和3年4月1日}, {@code 令和元年5月1日}.
     * A transition day of two eras is written in the newer one.
     *
     * @throws InvalidValueException for a date before {@link #EARLIEST}
     */
    public static String toWareki(LocalDate date) {
        Era era = eraOf(date);
        int year = date.getYear() - era.first.getYear() + 1;
        return era.kanji + (year == 1 ? "元" : Integer.toString(year)) + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    /** {@code 2021-04-01 (令和3年4月1日)}: the form for confirmation prompts (domain.md §6, incident 7). */
    public static String echo(LocalDate date) {
        return date + " (" + toWareki(date) + ")";
    }

    /** The short letter form {@code R3.4.1} (year 1 written as {@code 1}), as some exports write dates. */
    public static String toWarekiShort(LocalDate date) {
        Era era = eraOf(date);
        int year = date.getYear() - era.first.getYear() + 1;
        return era.letter + Integer.toString(year) + "." + date.getMonthValue() + "." + date.getDayOfMonth();
    }

    private static Era eraOf(LocalDate date) {
        Objects.requireNonNull(date, "date");
        checked(date);
        Era era = Era.MEIJI;
        for (Era e : Era.values()) {
            if (!date.isBefore(e.first)) {
                era = e;
            }
        }
        return era;
    }
}
