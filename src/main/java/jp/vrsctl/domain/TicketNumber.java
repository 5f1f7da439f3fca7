package jp.vrsctl.domain;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * A ticket number (券番号): exactly 10 ASCII digits, unique within a municipality, with no check digit
 * (so a one-digit misread is another valid number; a dose needs a second factor). {@link #toString()}
 * shows only the last 4 digits.
 */
public final class TicketNumber {
    private static final int LENGTH = 10;
    private static final long BOUND = 10_000_000_000L;

    private final String value;

    private TicketNumber(String value) {
        this.value = value;
    }

    /** Parses: NFKC, trim, exactly 10 ASCII digits. */
    public static TicketNumber parse(String raw) {
        return new TicketNumber(Text.requireDigits(raw, "ticket", LENGTH));
    }

    /**
     * A uniformly random number of 10 digits (0000000000–9999999999), so that numbers are not sequential
     * and one ticket's number says nothing about another's. Uniqueness is the caller's (store's) check.
     */
    public static TicketNumber random(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        long n = random.nextLong(BOUND); // RandomGenerator.nextLong(bound) is unbiased
        return new TicketNumber(String.format("%010d", n));
    }

    /** The 10 digits. */
    public String value() {
        return value;
    }

    /** {@code ******} and the last 4 digits, as printed on receipts. */
    public String masked() {
        return Text.stars(LENGTH - 4) + value.substring(LENGTH - 4);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TicketNumber && ((TicketNumber) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** {@link #masked()}. */
    @Override
    public String toString() {
        return masked();
    }
}
