package jp.vrsctl.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecoveryCodeTest {
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    @Test
    void formatAndEntropy() {
        char[] code = RecoveryCode.generate();
        String s = new String(code);
        assertTrue(s.matches("([0-9A-HJKMNP-TV-Z]{4}-){9}[0-9A-HJKMNP-TV-Z]{4}"), s.length() + " chars");
        assertTrue(RecoveryCode.ENTROPY_BITS >= 160);
        assertEquals(40, RecoveryCode.normalize(code).length);
        assertTrue(RecoveryCode.looksValid(code));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            assertTrue(seen.add(new String(RecoveryCode.generate())));
        }
    }

    @Test
    void normalizeFollowsCrockford() {
        assertArrayEquals("0011AB".toCharArray(), RecoveryCode.normalize(" o-O iL\tab ".toCharArray()));
        char[] code = RecoveryCode.generate();
        String typed = new String(code).toLowerCase().replace("-", "  ").replace('0', 'o').replace('1', 'l');
        assertTrue(RecoveryCode.looksValid(typed.toCharArray()));
        assertArrayEquals(RecoveryCode.normalize(code), RecoveryCode.normalize(typed.toCharArray()));
    }

    @Test
    void rejectsWrongLengthAndForeignSymbols() {
        char[] code = RecoveryCode.normalize(RecoveryCode.generate());
        assertFalse(RecoveryCode.looksValid(java.util.Arrays.copyOf(code, 39)));
        assertFalse(RecoveryCode.looksValid(new char[0]));
        char[] withU = code.clone();
        withU[3] = 'U';
        assertFalse(RecoveryCode.looksValid(withU));
    }

    /** Exhaustive rather than sampled: every position, every other symbol (40 * 31 cases). */
    @Test
    void everySingleSubstitutionIsCaught() {
        char[] code = RecoveryCode.normalize(RecoveryCode.generate());
        for (int position = 0; position < code.length; position++) {
            for (int delta = 1; delta < 32; delta++) {
                char[] typo = code.clone();
                typo[position] = ALPHABET.charAt((ALPHABET.indexOf(code[position]) + delta) % 32);
                assertFalse(RecoveryCode.looksValid(typo), "position " + position + " delta " + delta);
            }
        }
    }

    /** Every swap of two adjacent, different symbols, over a hundred random codes. */
    @Test
    void everyAdjacentSwapIsCaught() {
        for (int n = 0; n < 100; n++) {
            char[] code = RecoveryCode.normalize(RecoveryCode.generate());
            for (int position = 0; position + 1 < code.length; position++) {
                if (code[position] == code[position + 1]) {
                    continue;
                }
                char[] swapped = code.clone();
                swapped[position] = code[position + 1];
                swapped[position + 1] = code[position];
                assertFalse(RecoveryCode.looksValid(swapped), "position " + position);
            }
        }
    }
}
