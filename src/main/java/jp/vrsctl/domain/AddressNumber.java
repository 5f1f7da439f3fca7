package jp.vrsctl.domain;

/**
 * An address number (宛名番号): the municipality's own resident id, 1–15 ASCII digits, kept as text
 * because leading zeros matter. Treated as a sensitive identifier: {@link #toString()} is masked.
 */
public final class AddressNumber {
    /** Excel keeps at most 15 significant digits, so a longer 宛名番号 could not survive a spreadsheet anyway. */
    private static final int MAX_LENGTH = 15;

    private final String value;

    private AddressNumber(String value) {
        this.value = value;
    }

    /** Parses: NFKC, trim, 1–15 ASCII digits. */
    public static AddressNumber parse(String raw) {
        String s = Text.nfkcStrip(raw);
        if (s.isEmpty()) {
            throw Text.invalid("address_number.empty");
        }
        if (Text.looksLikeExcelExponent(s)) {
            throw Text.invalid("digits.exponent", Text.msg("address_number.label"));
        }
        if (!Text.isAsciiDigits(s)) {
            throw Text.invalid("address_number.not_digits");
        }
        if (s.length() > MAX_LENGTH) {
            throw Text.invalid("address_number.too_long", String.valueOf(MAX_LENGTH), String.valueOf(s.length()));
        }
        return new AddressNumber(s);
    }

    /** The digits, leading zeros kept. */
    public String value() {
        return value;
    }

    /** One {@code *} per digit. */
    public String masked() {
        return Text.stars(value.length());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressNumber && ((AddressNumber) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Masked. */
    @Override
    public String toString() {
        return masked();
    }
}
