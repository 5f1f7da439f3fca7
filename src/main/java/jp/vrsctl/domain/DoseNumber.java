package jp.vrsctl.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dose numbers (接種回): 1–9, one digit because the OCR line has one digit for it. */
public final class DoseNumber {
    /** Also takes the common decorations {@code 1回目}, {@code 第1回}, {@code 3回}. */
    private static final Pattern FORM = Pattern.compile("第?(\\d+)回?目?");

    private DoseNumber() {
    }

    /** Parses 1–9 after NFKC and trim. */
    public static int parse(String raw) {
        String s = Text.nfkcStrip(raw);
        if (s.isEmpty()) {
            throw Text.invalid("dose_number.empty");
        }
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            throw Text.invalid("dose_number.format");
        }
        String digits = m.group(1);
        if (digits.length() != 1 || digits.charAt(0) == '0') {
            throw Text.invalid("dose_number.range");
        }
        return digits.charAt(0) - '0';
    }

    /** Checks an int dose number. */
    public static int check(int doseNumber) {
        if (doseNumber < 1 || doseNumber > 9) {
            throw Text.invalid("dose_number.range");
        }
        return doseNumber;
    }
}
