package jp.vrsctl.domain;

import java.text.Normalizer;
import java.util.regex.Pattern;

import jp.vrsctl.Messages;

/** Small text helpers shared by the value types of this package. */
final class Text {
    private static final Messages MESSAGES = Messages.of(Text.class);

    /** What Excel shows for a long number in a "General" cell: {@code 3.79474E+11}. Excel always writes the sign. */
    private static final Pattern EXCEL_EXPONENT = Pattern.compile("\\d+(\\.\\d+)?[eE][+-]\\d+");

    private Text() {
    }

    /** NFKC then strip (Unicode whitespace, which includes U+3000). {@code null} becomes "". */
    static String nfkcStrip(String raw) {
        return raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
    }

    /** True if {@code s} is non-empty and only ASCII {@code 0-9} (never {@link Character#isDigit}, which takes full-width and other scripts). */
    static boolean isAsciiDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static boolean looksLikeExcelExponent(String s) {
        return EXCEL_EXPONENT.matcher(s).matches();
    }

    static String stars(int n) {
        return "*".repeat(n);
    }

    /** A message from this package's bundle. */
    static String msg(String key, Object... args) {
        return MESSAGES.get(key, args);
    }

    /** An {@link InvalidValueException} with a message from this package's bundle. */
    static InvalidValueException invalid(String key, Object... args) {
        return new InvalidValueException(MESSAGES.get(key, args));
    }

    /**
     * Checks the common shape of a fixed-length digit identifier and throws the specific message for the
     * usual damage (empty, exponent notation, other characters, lost leading zeros, wrong length).
     * Returns the ASCII digits. {@code what} is the message-key prefix, e.g. {@code my_number}.
     */
    static String requireDigits(String raw, String what, int length) {
        String s = nfkcStrip(raw);
        if (s.isEmpty()) {
            throw invalid(what + ".empty");
        }
        if (looksLikeExcelExponent(s)) {
            throw invalid("digits.exponent", msg(what + ".label"));
        }
        if (!isAsciiDigits(s)) {
            throw invalid("digits.not_digits", msg(what + ".label"), String.valueOf(length));
        }
        if (s.length() == length - 1 || s.length() == length - 2) {
            throw invalid("digits.leading_zero", msg(what + ".label"), String.valueOf(length), String.valueOf(s.length()));
        }
        if (s.length() != length) {
            throw invalid("digits.length", msg(what + ".label"), String.valueOf(length), String.valueOf(s.length()));
        }
        return s;
    }
}
