package jp.vrsctl.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jp.vrsctl.ExitCode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MyNumberTest {
    private static final String VALID = "123456789018";

    @Test
    void parsesTheDocumentedExample() {
        MyNumber n = MyNumber.parse(VALID);
        assertEquals(VALID, n.digits());
        assertEquals(8, MyNumber.checkDigit("12345678901"));
    }

    @Test
    void acceptsFullWidthDigitsAndSurroundingSpaces() {
        assertEquals(VALID, MyNumber.parse(" １２３４５６７８９０１８\u3000").digits());
    }

    @Test
    void toStringAndMaskedNeverShowDigits() {
        MyNumber n = MyNumber.parse(VALID);
        assertEquals("************", n.toString());
        assertEquals("************", n.masked());
    }

    @Test
    void equalityIsOnDigits() {
        assertEquals(MyNumber.parse(VALID), MyNumber.parse("１２３４５６７８９０１８"));
        assertEquals(MyNumber.parse(VALID).hashCode(), MyNumber.parse(VALID).hashCode());
        assertNotEquals(MyNumber.parse(VALID), MyNumber.parse("000000000000"));
    }

    @Test
    void rejectsWrongCheckDigitWithoutEchoingTheValue() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> MyNumber.parse("123456789012"));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("check digit"), e.getMessage());
        assertFalse(e.getMessage().contains("123456789012"));
    }

    @Test
    void excelExponentGetsASpecificMessage() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> MyNumber.parse("1.23457E+11"));
        assertTrue(e.getMessage().contains("exponent"), e.getMessage());
    }

    @Test
    void elevenDigitsSuggestsALostLeadingZero() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> MyNumber.parse("23456789018"));
        assertTrue(e.getMessage().contains("leading zero"), e.getMessage());
        assertFalse(e.getMessage().contains("23456789018"));
    }

    @Test
    void rejectsOtherShapes() {
        for (String bad : new String[] {null, "", "   ", "1234-5678-9018", "12345678901a", "1234567890180", "١٢٣٤٥٦٧٨٩٠١٨"}) {
            assertFalse(MyNumber.isValid(bad), String.valueOf(bad));
            assertThrows(InvalidValueException.class, () -> MyNumber.parse(bad));
        }
    }

    @Test
    void checkDigitRejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> MyNumber.checkDigit("1234567890"));
        assertThrows(IllegalArgumentException.class, () -> MyNumber.checkDigit("１２３４５６７８９０１"));
    }

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.strings().withCharRange('0', '9').ofLength(11);
    }

    @Property
    void everyPrefixWithItsCheckDigitParses(@ForAll("prefixes") String prefix) {
        String number = prefix + MyNumber.checkDigit(prefix);
        assertEquals(number, MyNumber.parse(number).digits());
    }

    /**
     * A one-digit change is detected, except in the scheme's one blind spot: remainders 0 and 1 both give
     * check digit 0, so a change that moves the weighted sum's remainder between 0 and 1 goes unnoticed.
     */
    @Property
    void changingOneDigitBreaksTheCheck(@ForAll("prefixes") String prefix, @ForAll @IntRange(min = 0, max = 11) int position,
                                        @ForAll @IntRange(min = 1, max = 9) int delta) {
        String valid = prefix + MyNumber.checkDigit(prefix);
        char[] c = valid.toCharArray();
        c[position] = (char) ('0' + (c[position] - '0' + delta) % 10);
        String changed = new String(c);
        boolean blindSpot = position < 11 && remainder(prefix) <= 1 && remainder(changed.substring(0, 11)) <= 1;
        assertEquals(blindSpot, MyNumber.isValid(changed));
    }

    @Test
    void theBlindSpotExists() {
        // 00000000000 has remainder 0; changing the last prefix digit (weight 2) to 6 gives 12 mod 11 = 1: still check digit 0
        assertTrue(MyNumber.isValid("000000000000"));
        assertTrue(MyNumber.isValid("000000000060"));
    }

    private static int remainder(String first11) {
        int[] w = {6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
        int sum = 0;
        for (int i = 0; i < 11; i++) {
            sum += (first11.charAt(i) - '0') * w[i];
        }
        return sum % 11;
    }
}
