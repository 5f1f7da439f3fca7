package jp.vrsctl.domain;

/**
 * A local government code (全国地方公共団体コード): 5 digits and a check digit (domain.md §3).
 * Only the check digit is verified here; whether the code names a municipality is
 * {@link MunicipalityRegistry}'s job. Not sensitive: {@link #toString()} is the code.
 */
public final class MunicipalityCode implements Comparable<MunicipalityCode> {
    private static final int[] WEIGHTS = {6, 5, 4, 3, 2};

    private final String value;

    private MunicipalityCode(String value) {
        this.value = value;
    }

    /**
     * Parses a code: NFKC, trim, exactly 6 ASCII digits with a correct check digit. A 5-digit value gets
     * the "leading zero lost (Excel?)" message.
     */
    public static MunicipalityCode parse(String raw) {
        String s = Text.requireDigits(raw, "municipality", 6);
        int expected = checkDigit(s.substring(0, 5));
        if (expected != s.charAt(5) - '0') {
            throw Text.invalid("municipality.check_digit", s);
        }
        return new MunicipalityCode(s);
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
     * The check digit for the first 5 digits: {@code (11 - (6d1+5d2+4d3+3d4+2d5) mod 11) mod 10}.
     *
     * @throws IllegalArgumentException if the argument is not 5 ASCII digits
     */
    public static int checkDigit(String first5) {
        if (first5 == null || first5.length() != 5 || !Text.isAsciiDigits(first5)) {
            throw new IllegalArgumentException("need 5 ASCII digits");
        }
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += (first5.charAt(i) - '0') * WEIGHTS[i];
        }
        return (11 - sum % 11) % 10;
    }

    /** The 6 digits. */
    public String value() {
        return value;
    }

    @Override
    public int compareTo(MunicipalityCode o) {
        return value.compareTo(o.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MunicipalityCode && ((MunicipalityCode) o).value.equals(value);
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
