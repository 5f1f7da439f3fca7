package jp.vrsctl.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.vrsctl.ExitCode;
import org.junit.jupiter.api.Test;

class AeadTest {
    private static final AeadContext CTX = new AeadContext("131016", "resident", "r-7f3a", "name", 3);
    private final DataKey v1 = DataKey.generate("ops", 1);
    private final Aead aead = Aead.of(List.of(v1), 1);

    @Test
    void roundTrip() {
        byte[] pt = "山田 太郎 (synthetic)".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = aead.seal(pt, CTX);
        assertEquals(pt.length + 1 + 4 + 12 + 16, sealed.length);
        assertEquals(Aead.FORMAT, sealed[0]);
        assertEquals(1, Aead.keyVersionOf(sealed));
        assertArrayEquals(pt, aead.open(sealed, CTX));
        assertEquals("テスト", aead.openString(aead.sealString("テスト", CTX), CTX));
        assertArrayEquals(new byte[0], aead.open(aead.seal(new byte[0], CTX), CTX));
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        byte[] pt = {1, 2, 3};
        assertFalse(java.util.Arrays.equals(aead.seal(pt, CTX), aead.seal(pt, CTX)));
    }

    @Test
    void valueCopiedElsewhereDoesNotOpen() {
        byte[] sealed = aead.sealString("synthetic", CTX);
        List<AeadContext> elsewhere = List.of(
                new AeadContext("131016", "resident", "r-0000", "name", 3),   // other row
                new AeadContext("131016", "resident", "r-7f3a", "kana", 3),   // other column
                new AeadContext("131016", "resident", "r-7f3a", "name", 4),   // other row version
                new AeadContext("011002", "resident", "r-7f3a", "name", 3),   // other municipality
                new AeadContext("131016", "ticket", "r-7f3a", "name", 3),     // other table
                // length prefixes: shifting a character between adjacent parts changes the AAD
                new AeadContext("131016", "residentr", "-7f3a", "name", 3));
        for (AeadContext other : elsewhere) {
            IntegrityException e = assertThrows(IntegrityException.class, () -> aead.open(sealed, other), other.toString());
            assertEquals(ExitCode.INTEGRITY, e.exitCode());
            assertFalse(e.getMessage().contains("synthetic"));
        }
    }

    @Test
    void anyFlippedByteFails() {
        byte[] sealed = aead.sealString("synthetic value", CTX);
        for (int i = 0; i < sealed.length; i++) {
            byte[] t = sealed.clone();
            t[i] ^= 0x01;
            assertThrows(IntegrityException.class, () -> aead.open(t, CTX), "byte " + i);
        }
        assertThrows(IntegrityException.class, () -> aead.open(java.util.Arrays.copyOf(sealed, sealed.length - 1), CTX));
        assertThrows(IntegrityException.class, () -> aead.open(new byte[5], CTX));
        assertThrows(IntegrityException.class, () -> Aead.keyVersionOf(new byte[0]));
    }

    @Test
    void otherKeyOfSameNameAndVersionFails() {
        Aead other = Aead.of(List.of(DataKey.generate("ops", 1)), 1);
        assertThrows(IntegrityException.class, () -> other.open(aead.sealString("x", CTX), CTX));
    }

    @Test
    void keyNameIsBound() {
        DataKey pii = DataKey.of("pii", 1, v1.exportBytes()); // same bytes, other name
        Aead piiAead = Aead.of(List.of(pii), 1);
        assertThrows(IntegrityException.class, () -> piiAead.open(aead.sealString("x", CTX), CTX));
    }

    @Test
    void rotation() {
        byte[] old = aead.sealString("old", CTX);
        DataKey v2 = DataKey.generate("ops", 2);
        Aead rotated = Aead.of(List.of(v1, v2), 2);
        byte[] fresh = rotated.sealString("new", CTX);
        assertEquals(2, Aead.keyVersionOf(fresh));
        assertEquals("old", rotated.openString(old, CTX));
        assertEquals("new", rotated.openString(fresh, CTX));
        assertFalse(rotated.isUnderPrimary(old));
        assertTrue(rotated.isUnderPrimary(fresh));
        // the old Aead does not know version 2
        IntegrityException e = assertThrows(IntegrityException.class, () -> aead.open(fresh, CTX));
        assertTrue(e.getMessage().contains("ops"));
        // the version in the header is authenticated: relabelling v1 data as v2 fails
        byte[] relabelled = old.clone();
        relabelled[4] = 2;
        assertThrows(IntegrityException.class, () -> rotated.open(relabelled, CTX));
    }

    @Test
    void countsEncryptionsPerVersion() {
        DataKey v2 = DataKey.generate("ops", 2);
        Aead a = Aead.of(List.of(v1, v2), 2);
        for (int i = 0; i < 5; i++) {
            a.seal(new byte[1], CTX);
        }
        assertEquals(5, a.encryptions(2));
        assertEquals(0, a.encryptions(1));
        assertEquals(0, a.encryptions(99));
        assertEquals(java.util.Map.of(1, 0L, 2, 5L), a.encryptionCounts());
    }

    @Test
    void refusesBadKeySets() {
        DataKey pii = DataKey.generate("pii", 2);
        assertThrows(IllegalArgumentException.class, () -> Aead.of(List.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> Aead.of(List.of(v1, pii), 1));
        assertThrows(IllegalArgumentException.class, () -> Aead.of(List.of(v1, DataKey.generate("ops", 1)), 1));
        assertThrows(IllegalArgumentException.class, () -> Aead.of(List.of(v1), 2));
    }

    @Test
    void dataKeyHidesBytesAndCanBeDestroyed() {
        DataKey k = DataKey.of("pii", 3, new byte[32]);
        assertEquals("DataKey[pii v3]", k.toString());
        byte[] exported = k.exportBytes();
        exported[0] = 9;
        assertEquals(0, k.exportBytes()[0]);
        Aead before = Aead.of(List.of(k), 3);
        k.destroy();
        assertThrows(IllegalStateException.class, k::exportBytes);
        assertThrows(IllegalStateException.class, () -> Aead.of(List.of(k), 3));
        assertNotEquals(0, before.seal(new byte[1], CTX).length); // an Aead made before keeps working
        assertThrows(IllegalArgumentException.class, () -> DataKey.of("Ops", 1, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> DataKey.of("ops", 1, new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> DataKey.generate("ops", -1));
    }

    @Test
    void contextEncodingIsInjective() {
        assertFalse(java.util.Arrays.equals(
                new AeadContext("a", "bc", "d", "e", 1).encode("ops", 1),
                new AeadContext("ab", "c", "d", "e", 1).encode("ops", 1)));
        assertFalse(java.util.Arrays.equals(CTX.encode("ops", 1), CTX.encode("ops", 2)));
    }
}
