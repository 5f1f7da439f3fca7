package jp.vrsctl.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KdfTest {

    /** RFC 9106 §5.3: Argon2id, version 0x13, with secret and associated data. */
    @Test
    void argon2idRfc9106Vector() {
        byte[] password = filled(32, 0x01);
        byte[] salt = filled(16, 0x02);
        byte[] secret = filled(8, 0x03);
        byte[] ad = filled(12, 0x04);
        byte[] tag = Kdf.argon2idRaw(password, salt, secret, ad, 32, 3, 4, 32);
        assertEquals("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659", TestHex.hex(tag));
    }

    @Test
    void argon2idOfPasswordIsItsUtf8() {
        char[] password = "pässwörd-テスト".toCharArray();
        byte[] salt = filled(16, 0x07);
        byte[] viaChars = Kdf.argon2id(password, salt, Argon2Params.FLOOR, 32);
        byte[] viaBytes = Kdf.argon2idRaw("pässwörd-テスト".getBytes(java.nio.charset.StandardCharsets.UTF_8), salt,
                null, null, 19456, 2, 1, 32);
        assertArrayEquals(viaBytes, viaChars);
        assertEquals('p', password[0]); // the caller's array is left to the caller
        assertFalse(Arrays.equals(viaChars, Kdf.argon2id(password, filled(16, 0x08), Argon2Params.FLOOR, 32)));
    }

    /** RFC 5869 Appendix A, test case 1. */
    @Test
    void hkdfRfc5869Case1() {
        byte[] okm = Kdf.hkdfSha256(filled(22, 0x0b), TestHex.bytes("000102030405060708090a0b0c"),
                TestHex.bytes("f0f1f2f3f4f5f6f7f8f9"), 42);
        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
                TestHex.hex(okm));
    }

    @Test
    void paramsBelowFloorRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Argon2Params(19455, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Params(19456, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Params(19456, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Params(65536, 1, 4));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Params(Integer.MAX_VALUE, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> Argon2Params.decode("argon2id$m=4096,t=3,p=1"));
        new Argon2Params(65536, 3, 4); // stronger is fine
    }

    @Test
    void paramsEncodeDecode() {
        assertEquals("argon2id$m=19456,t=2,p=1", Argon2Params.FLOOR.encode());
        assertEquals(Argon2Params.FLOOR, Argon2Params.decode("argon2id$m=19456,t=2,p=1"));
        Argon2Params p = new Argon2Params(65536, 3, 4);
        assertEquals(p, Argon2Params.decode(p.encode()));
        for (String bad : new String[] {"", "argon2i$m=19456,t=2,p=1", "argon2id$m=19456,t=2", "argon2id$m=x,t=2,p=1",
                "argon2id$m=99999999999,t=2,p=1", " argon2id$m=19456,t=2,p=1"}) {
            assertThrows(IllegalArgumentException.class, () -> Argon2Params.decode(bad), bad);
        }
    }

    @Test
    void calibrateWithPropertyZeroGivesFloorAtOnce() {
        String before = System.getProperty(Kdf.TARGET_PROPERTY);
        System.setProperty(Kdf.TARGET_PROPERTY, "0");
        try {
            long start = System.nanoTime();
            assertEquals(Argon2Params.FLOOR, Kdf.calibrate(Duration.ofSeconds(5)));
            assertTrue(System.nanoTime() - start < 1_000_000_000L);
        } finally {
            restore(before);
        }
    }

    @Test
    void calibrateNeverGoesBelowFloorAndRaisesCostForALongerTarget() {
        String before = System.getProperty(Kdf.TARGET_PROPERTY);
        System.clearProperty(Kdf.TARGET_PROPERTY);
        try {
            assertEquals(Argon2Params.FLOOR, Kdf.calibrate(Duration.ofMillis(1)));
        } finally {
            restore(before);
        }
        // the scaling step itself (no timing): memory first up to 64 MiB, then passes
        assertEquals(new Argon2Params(38912, 2, 1), Kdf.scale(Argon2Params.FLOOR, 2.0));
        assertEquals(new Argon2Params(65536, 7, 1), Kdf.scale(Argon2Params.FLOOR, 12.0));
        assertEquals(Argon2Params.FLOOR, Kdf.scale(Argon2Params.FLOOR, 0.5));
    }

    private static void restore(String before) {
        if (before == null) {
            System.clearProperty(Kdf.TARGET_PROPERTY);
        } else {
            System.setProperty(Kdf.TARGET_PROPERTY, before);
        }
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
