package jp.vrsctl.domain;

import java.util.regex.Pattern;

/**
 * A vaccine lot number (ロット番号): text of 1–20 {@code [0-9A-Za-z-]}, not starting with {@code -}
 * ({@code 000267A}, {@code FF2018}). Never a number. Values that Excel produced from a lot (a date such as
 * {@code 6-Aug}, exponent notation) are refused with a message saying so. Case is kept as given.
 */
public final class LotNumber {
    private static final Pattern FORM = Pattern.compile("[0-9A-Za-z][0-9A-Za-z-]{0,19}");
    private static final String MONTH = "(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*";
    /**
     * What Excel shows after turning a lot into a date: {@code 6-Aug}, {@code Aug-6}, {@code Aug-21},
     * {@code 2021/8/6}, {@code 2021-08-06}, {@code 8/6/2021}, {@code 8月6日}. Only the last shape is
     * ambiguous with a real lot ({@code 2021-08-06} is within the character set) and real lots do not have it.
     */
    private static final Pattern EXCEL_DATE = Pattern.compile(
            "\\d{1,2}-" + MONTH + "(-\\d{2,4})?|" + MONTH + "-\\d{1,4}|\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}/\\d{1,2}(/\\d{2,4})?|"
                    + "(\\d{4}年)?\\d{1,2}月\\d{1,2}日");
    /**
     * Exponent notation as Excel writes it ({@code 2.1E+05}): Excel always writes the sign, so
     * {@code 1E10}, which could be a real lot, is not taken for it.
     */
    private static final Pattern EXPONENT = Pattern.compile("\\d+(\\.\\d+)?[eE][+-]\\d+");

    private final String value;

    private LotNumber(String value) {
        this.value = value;
    }

    /** Parses: NFKC, trim, then the rules above. */
    public static LotNumber parse(String raw) {
        String s = Text.nfkcStrip(raw);
        if (s.isEmpty()) {
            throw Text.invalid("lot.empty");
        }
        if (EXCEL_DATE.matcher(s).matches()) {
            throw Text.invalid("lot.excel_date");
        }
        if (EXPONENT.matcher(s).matches()) {
            throw Text.invalid("lot.exponent");
        }
        if (s.length() > 20) {
            throw Text.invalid("lot.too_long", String.valueOf(s.length()));
        }
        if (s.startsWith("-")) {
            throw Text.invalid("lot.leading_hyphen");
        }
        if (!FORM.matcher(s).matches()) {
            throw Text.invalid("lot.characters");
        }
        return new LotNumber(s);
    }

    /** The lot as given (after NFKC). */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LotNumber && ((LotNumber) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
