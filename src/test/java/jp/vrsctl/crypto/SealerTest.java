package jp.vrsctl.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SealerTest {
    private static final byte[] INFO = "vrsctl data key ops v1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AAD = "131016/user/u-42".getBytes(StandardCharsets.UTF_8);
    private final KemKeyPair alice = KemKeyPair.generate();

    @Test
    void roundTripWithXWing() {
        assertEquals("X-Wing", alice.algorithm());
        assertEquals(1216, alice.publicKey().length);
        assertEquals(32, alice.privateKey().length);
        byte[] secret = Secrets.randomBytes(32);
        byte[] sealed = Sealer.seal(alice.publicKey(), secret, INFO, AAD);
        assertEquals(Sealer.SUITE_XWING, sealed[0]);
        assertEquals(1 + 1120 + 32 + 16, sealed.length);
        assertArrayEquals(secret, Sealer.open(alice, sealed, INFO, AAD));
        // a key pair restored from its bytes opens it too
        KemKeyPair restored = KemKeyPair.of(alice.publicKey(), alice.privateKey());
        assertArrayEquals(secret, Sealer.open(restored, sealed, INFO, AAD));
        assertArrayEquals(new byte[0], Sealer.open(alice, Sealer.seal(alice.publicKey(), new byte[0], null, null), null, null));
    }

    @Test
    void wrongRecipientInfoAadOrTamperingFails() {
        byte[] sealed = Sealer.seal(alice.publicKey(), "k".getBytes(StandardCharsets.UTF_8), INFO, AAD);
        KemKeyPair mallory = KemKeyPair.generate();
        assertThrows(IntegrityException.class, () -> Sealer.open(mallory, sealed, INFO, AAD));
        assertThrows(IntegrityException.class, () -> Sealer.open(alice, sealed, "other".getBytes(StandardCharsets.UTF_8), AAD));
        assertThrows(IntegrityException.class, () -> Sealer.open(alice, sealed, INFO, null));
        for (int i : new int[] {0, 1, 600, 1120, 1121, sealed.length - 1}) {
            byte[] t = sealed.clone();
            t[i] ^= 0x40;
            assertThrows(IntegrityException.class, () -> Sealer.open(alice, t, INFO, AAD), "byte " + i);
        }
        assertThrows(IntegrityException.class, () -> Sealer.open(alice, new byte[10], INFO, AAD));
    }

    @Test
    void keyPairChecks() {
        KemKeyPair other = KemKeyPair.generate();
        assertThrows(IllegalArgumentException.class, () -> KemKeyPair.of(other.publicKey(), alice.privateKey()));
        assertThrows(IllegalArgumentException.class, () -> KemKeyPair.of(new byte[10], alice.privateKey()));
        assertThrows(IllegalArgumentException.class, () -> Sealer.seal(new byte[32], new byte[1], null, null));
        byte[] sealed = Sealer.seal(other.publicKey(), new byte[1], null, null);
        other.destroy();
        assertThrows(IllegalStateException.class, other::privateKey);
        assertThrows(IllegalStateException.class, () -> Sealer.open(other, sealed, null, null));
        assertEquals(1216, other.publicKey().length);
    }
}
