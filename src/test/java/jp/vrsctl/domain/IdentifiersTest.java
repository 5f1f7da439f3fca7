package jp.vrsctl.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class IdentifiersTest {
    @Test
    void addressNumberKeepsLeadingZerosAndMasks() {
        AddressNumber a = AddressNumber.parse(" ０００１２３ ");
        assertEquals("000123", a.value());
        assertEquals("******", a.toString());
        assertEquals(AddressNumber.parse("000123"), a);
        assertNotEquals(AddressNumber.parse("123"), a);
        assertEquals(15, AddressNumber.parse("123456789012345").value().length());
    }

    @Test
    void addressNumberRejects() {
        assertTrue(assertThrows(InvalidValueException.class, () -> AddressNumber.parse("1234567890123456")).getMessage().contains("15"));
        assertThrows(InvalidValueException.class, () -> AddressNumber.parse(""));
        assertThrows(InvalidValueException.class, () -> AddressNumber.parse("12-34"));
        assertTrue(assertThrows(InvalidValueException.class, () -> AddressNumber.parse("1.23E+14")).getMessage().contains("exponent"));
    }

    @Test
    void ticketNumber() {
        TicketNumber t = TicketNumber.parse("０１２３４５６７８９");
        assertEquals("0123456789", t.value());
        assertEquals("******6789", t.toString());
        assertTrue(assertThrows(InvalidValueException.class, () -> TicketNumber.parse("123456789")).getMessage().contains("leading zero"));
        assertThrows(InvalidValueException.class, () -> TicketNumber.parse("12345678901"));
        assertThrows(InvalidValueException.class, () -> TicketNumber.parse("12345 67890"));
    }

    @Test
    void randomTicketNumbersAreTenDigitsAndSpread() {
        SecureRandom rng = new SecureRandom();
        Set<String> seen = new HashSet<>();
        boolean leadingZero = false;
        for (int i = 0; i < 2000; i++) {
            String v = TicketNumber.random(rng).value();
            assertEquals(10, v.length());
            assertTrue(v.chars().allMatch(c -> c >= '0' && c <= '9'));
            leadingZero |= v.charAt(0) == '0';
            seen.add(v);
        }
        assertEquals(2000, seen.size());
        assertTrue(leadingZero, "the first digit may be 0 (about 200 of 2000 expected)");
    }

    @Test
    void ocrLineRoundTrip() {
        OcrLine l = OcrLine.of(1, 3, MunicipalityCode.parse("112151"), TicketNumber.parse("0123456789"));
        assertEquals("131121510123456789", l.digits());
        OcrLine p = OcrLine.parse("131121510123456789");
        assertEquals(l, p);
        assertEquals(1, p.kind());
        assertEquals(3, p.doseNumber());
        assertEquals("112151", p.municipality().value());
        assertEquals("0123456789", p.ticket().value());
        assertEquals("13112151******6789", p.toString());
    }

    @Test
    void ocrLineRejectsBadParts() {
        assertTrue(assertThrows(InvalidValueException.class, () -> OcrLine.parse("131310110123456789")).getMessage().contains("check digit"));
        assertThrows(InvalidValueException.class, () -> OcrLine.parse("101121510123456789"));
        assertThrows(InvalidValueException.class, () -> OcrLine.parse("13112151012345678"));
        assertThrows(InvalidValueException.class, () -> OcrLine.of(1, 0, MunicipalityCode.parse("112151"), TicketNumber.parse("0123456789")));
        assertThrows(InvalidValueException.class, () -> OcrLine.of(10, 1, MunicipalityCode.parse("112151"), TicketNumber.parse("0123456789")));
    }

    @Test
    void ocrLineCheckAgrees() {
        OcrLine l = OcrLine.parse("121121510123456789");
        MunicipalityCode sayama = MunicipalityCode.parse("112151");
        l.checkAgrees(sayama, 2, TicketNumber.parse("0123456789"));
        l.checkAgrees(sayama, null, null);
        assertTrue(assertThrows(InvalidValueException.class, () -> l.checkAgrees(MunicipalityCode.parse("131016"), null, null))
                .getMessage().contains("municipality"));
        assertTrue(assertThrows(InvalidValueException.class, () -> l.checkAgrees(sayama, 3, null)).getMessage().contains("dose"));
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> l.checkAgrees(sayama, 2, TicketNumber.parse("0123456780")));
        assertTrue(e.getMessage().contains("ticket"));
        assertTrue(!e.getMessage().contains("0123456780") && !e.getMessage().contains("0123456789"));
    }

    @Test
    void doseNumber() {
        assertEquals(1, DoseNumber.parse("1"));
        assertEquals(9, DoseNumber.parse("９"));
        assertEquals(3, DoseNumber.parse("3回目"));
        assertEquals(2, DoseNumber.parse("第2回"));
        for (String bad : new String[] {"0", "10", "", "a", "-1", "1.0"}) {
            assertThrows(InvalidValueException.class, () -> DoseNumber.parse(bad), bad);
        }
        assertEquals(4, DoseNumber.check(4));
        assertThrows(InvalidValueException.class, () -> DoseNumber.check(0));
    }

    @Test
    void sex() {
        assertEquals(Sex.MALE, Sex.parse("1"));
        assertEquals(Sex.MALE, Sex.parse("男"));
        assertEquals(Sex.MALE, Sex.parse("m"));
        assertEquals(Sex.MALE, Sex.parse("Ｍ"));
        assertEquals(Sex.FEMALE, Sex.parse("2"));
        assertEquals(Sex.FEMALE, Sex.parse("女"));
        assertEquals(Sex.FEMALE, Sex.parse("f"));
        assertEquals(Sex.UNKNOWN, Sex.parse("9"));
        assertEquals(Sex.UNKNOWN, Sex.parse("不明"));
        assertEquals("1", Sex.MALE.code());
        assertEquals("2", Sex.FEMALE.code());
        assertEquals("9", Sex.UNKNOWN.code());
        assertThrows(InvalidValueException.class, () -> Sex.parse("3"));
        assertThrows(InvalidValueException.class, () -> Sex.parse(""));
    }

    @Test
    void postalCode() {
        assertEquals("3501301", PostalCode.parse("350-1301").value());
        assertEquals("350-1301", PostalCode.parse("３５０－１３０１").formatted());
        assertEquals("3501301", PostalCode.parse("3501301").value());
        assertEquals("3501301", PostalCode.parse("〒350-1301").value());
        assertEquals("***-****", PostalCode.parse("3501301").toString());
        assertTrue(assertThrows(InvalidValueException.class, () -> PostalCode.parse("601301")).getMessage().contains("leading zero"));
        assertThrows(InvalidValueException.class, () -> PostalCode.parse("35-01301"));
        assertThrows(InvalidValueException.class, () -> PostalCode.parse("350-13011"));
    }

    @Test
    void lotNumber() {
        assertEquals("000267A", LotNumber.parse("000267A").value());
        assertEquals("FF2018", LotNumber.parse(" ＦＦ２０１８ ").value());
        assertEquals("EW0150", LotNumber.parse("EW0150").toString());
        assertEquals("1E10", LotNumber.parse("1E10").value());
        for (String excelDate : new String[] {"6-Aug", "Aug-6", "aug-21", "2021/8/6", "2021-08-06", "8/6/2021", "8月6日"}) {
            assertTrue(assertThrows(InvalidValueException.class, () -> LotNumber.parse(excelDate)).getMessage().contains("date"), excelDate);
        }
        assertTrue(assertThrows(InvalidValueException.class, () -> LotNumber.parse("2.1E+05")).getMessage().contains("exponent"));
        assertThrows(InvalidValueException.class, () -> LotNumber.parse("-AB12"));
        assertThrows(InvalidValueException.class, () -> LotNumber.parse("AB 12"));
        assertThrows(InvalidValueException.class, () -> LotNumber.parse("A".repeat(21)));
        assertThrows(InvalidValueException.class, () -> LotNumber.parse(""));
        assertEquals(20, LotNumber.parse("A".repeat(20)).value().length());
    }
}
