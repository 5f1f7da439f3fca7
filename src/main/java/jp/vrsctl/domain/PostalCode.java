package jp.vrsctl.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Japanese postal code: 7 digits, written {@code 123-4567}. Part of an address: {@link #toString()} is masked. */
public final class PostalCode {
    private static final Pattern FORM = Pattern.compile("〒?(\\d{3})-?(\\d{4})");
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}|\\d{2}-\\d{4}");

    private final String value;

    private PostalCode(String value) {
        this.value = value;
    }

    /** Parses {@code 1234567}, {@code 123-4567}, full-width forms and a leading {@code 〒} (after NFKC, trim). */
    public static PostalCode parse(String raw) {
        String s = Text.nfkcStrip(raw);
        if (s.isEmpty()) {
            throw Text.invalid("postal.empty");
        }
        Matcher m = FORM.matcher(s);
        if (m.matches()) {
            return new PostalCode(m.group(1) + m.group(2));
        }
        if (SIX_DIGITS.matcher(s).matches()) {
            throw Text.invalid("postal.leading_zero");
        }
        throw Text.invalid("postal.format");
    }

    /** The 7 digits. */
    public String value() {
        return value;
    }

    /** {@code 123-4567}. */
    public String formatted() {
        return value.substring(0, 3) + "-" + value.substring(3);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PostalCode && ((PostalCode) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** {@code ***-****}: a postal code is part of an address (sealed with K_pii). */
    @Override
    public String toString() {
        return "***-****";
    }
}
