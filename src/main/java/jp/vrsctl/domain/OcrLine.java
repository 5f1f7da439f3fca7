package jp.vrsctl.domain;

import java.util.Objects;

/**
 * The 18-digit line printed (OCR / QR) on a ticket: ticket kind (1) + dose number (1, 1–9) +
 * municipality code (6, check digit verified) + ticket number (10). {@link #toString()} masks the
 * ticket number part like {@link TicketNumber#masked()}.
 */
public final class OcrLine {
    private static final int LENGTH = 18;

    private final int kind;
    private final int doseNumber;
    private final MunicipalityCode municipality;
    private final TicketNumber ticket;

    private OcrLine(int kind, int doseNumber, MunicipalityCode municipality, TicketNumber ticket) {
        this.kind = kind;
        this.doseNumber = doseNumber;
        this.municipality = municipality;
        this.ticket = ticket;
    }

    /** Parses 18 digits (NFKC, trim) and checks each part. */
    public static OcrLine parse(String raw) {
        String s = Text.requireDigits(raw, "ocr", LENGTH);
        int kind = s.charAt(0) - '0';
        int dose = s.charAt(1) - '0';
        if (dose == 0) {
            throw Text.invalid("ocr.dose_zero");
        }
        MunicipalityCode m;
        try {
            m = MunicipalityCode.parse(s.substring(2, 8));
        } catch (InvalidValueException e) {
            throw Text.invalid("ocr.municipality", e.getMessage());
        }
        return new OcrLine(kind, dose, m, TicketNumber.parse(s.substring(8)));
    }

    /**
     * Builds the line for a ticket.
     *
     * @param kind       ticket kind, 0–9
     * @param doseNumber 1–9
     */
    public static OcrLine of(int kind, int doseNumber, MunicipalityCode m, TicketNumber t) {
        if (kind < 0 || kind > 9) {
            throw Text.invalid("ocr.kind_range");
        }
        if (doseNumber < 1 || doseNumber > 9) {
            throw Text.invalid("dose_number.range");
        }
        return new OcrLine(kind, doseNumber, Objects.requireNonNull(m, "m"), Objects.requireNonNull(t, "t"));
    }

    public int kind() {
        return kind;
    }

    public int doseNumber() {
        return doseNumber;
    }

    public MunicipalityCode municipality() {
        return municipality;
    }

    public TicketNumber ticket() {
        return ticket;
    }

    /** The 18 digits. */
    public String digits() {
        return "" + kind + doseNumber + municipality.value() + ticket.value();
    }

    /**
     * Checks that the line agrees with the row it came with (domain.md §6, incident 11).
     *
     * @param expectedMunicipality the municipality importing the row
     * @param expectedDose         the row's dose number, or {@code null} to skip
     * @param expectedTicket       the row's ticket number, or {@code null} to skip
     * @throws InvalidValueException naming the part that disagrees
     */
    public void checkAgrees(MunicipalityCode expectedMunicipality, Integer expectedDose, TicketNumber expectedTicket) {
        if (expectedMunicipality != null && !expectedMunicipality.equals(municipality)) {
            throw Text.invalid("ocr.disagrees.municipality", municipality.value(), expectedMunicipality.value());
        }
        if (expectedDose != null && expectedDose != doseNumber) {
            throw Text.invalid("ocr.disagrees.dose", String.valueOf(doseNumber), String.valueOf(expectedDose));
        }
        if (expectedTicket != null && !expectedTicket.equals(ticket)) {
            throw Text.invalid("ocr.disagrees.ticket");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OcrLine && ((OcrLine) o).digits().equals(digits());
    }

    @Override
    public int hashCode() {
        return digits().hashCode();
    }

    /** Kind, dose and municipality in clear; ticket masked. */
    @Override
    public String toString() {
        return "" + kind + doseNumber + municipality.value() + ticket.masked();
    }
}
