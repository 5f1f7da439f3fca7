package jp.vrsctl.domain;

/**
 * A My Number (個人番号): 12 ASCII digits whose last digit is the check digit of domain.md §3.
 * Immutable. {@link #toString()} is always masked; only {@link #digits()} gives the number, and callers
 * must seal it before it leaves memory.
 */
public final class MyNumber {
    /** Weights of the first 11 digits, left to right (domain.md §3). */
    private static final int[] WEIGHTS = {6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    private static final int LENGTH = 12;

    private final String digits;

    private MyNumber(String digits) {
        this.digits = digits;
    }

    /**
     * Parses a My Number: NFKC (so full-width digits are accepted), trim, then exactly 12 ASCII digits
     * with a correct check digit.
     *
     * @throws InvalidValueException with a message that never contains the value
     */
    public static MyNumber parse(String raw) {
        String s = Text.requireDigits(raw, "my_number", LENGTH);
        if (checkDigit(s.substring(0, 11)) != s.charAt(11) - '0') {
            throw Text.invalid("my_number.check_digit");
        }
        return new MyNumber(s);
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

    /**
     * The check digit for the first 11 digits.
     *
     * @param first11AsciiDigits exactly 11 ASCII digits
     * @throws IllegalArgumentException if the argument is not 11 ASCII digits (a programming error)
     */
    public static int checkDigit(String first11AsciiDigits) {
        if (first11AsciiDigits == null || first11AsciiDigits.length() != 11 || !Text.isAsciiDigits(first11AsciiDigits)) {
            throw new IllegalArgumentException("need 11 ASCII digits");
        }
        int sum = 0;
        for (int i = 0; i < 11; i++) {
            sum += (first11AsciiDigits.charAt(i) - '0') * WEIGHTS[i];
        }
        int r = sum % 11;
        return r <= 1 ? 0 : 11 - r;
    }

    /** The 12 digits. Sensitive: seal or blind-index it, never log it. */
    public String digits() {
        return digits;
    }

    /** Every digit masked: {@code ************}. */
    public String masked() {
        return Text.stars(LENGTH);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MyNumber && ((MyNumber) o).digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    /** Masked; never the number. */
    @Override
    public String toString() {
        return masked();
    }
}
