package jp.vrsctl.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SigningKeyPairTest {
    private static final byte[] MSG = "audit entry 17".getBytes(StandardCharsets.UTF_8);

    @Test
    void signAndVerify() {
        SigningKeyPair kp = SigningKeyPair.generate();
        byte[] sig = kp.sign(MSG);
        assertEquals(64, sig.length);
        assertTrue(SigningKeyPair.verify(kp.publicKey(), MSG, sig));
        SigningKeyPair.requireValid(kp.publicKey(), MSG, sig);
        SigningKeyPair restored = SigningKeyPair.of(kp.publicKey(), kp.privateKey());
        assertArrayEquals(sig, restored.sign(MSG)); // Ed25519 is deterministic
    }

    @Test
    void flippedBitsFail() {
        SigningKeyPair kp = SigningKeyPair.generate();
        byte[] sig = kp.sign(MSG);
        for (int i = 0; i < sig.length; i += 7) {
            byte[] bad = sig.clone();
            bad[i] ^= 1;
            assertFalse(SigningKeyPair.verify(kp.publicKey(), MSG, bad), "sig byte " + i);
        }
        byte[] msg = MSG.clone();
        msg[0] ^= 1;
        assertFalse(SigningKeyPair.verify(kp.publicKey(), msg, sig));
        assertFalse(SigningKeyPair.verify(SigningKeyPair.generate().publicKey(), MSG, sig));
        assertFalse(SigningKeyPair.verify(new byte[5], MSG, sig));
        assertFalse(SigningKeyPair.verify(kp.publicKey(), MSG, new byte[64]));
        assertThrows(IntegrityException.class, () -> SigningKeyPair.requireValid(kp.publicKey(), msg, sig));
    }

    @Test
    void rfc8032TestVector1() {
        byte[] priv = TestHex.bytes("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        byte[] pub = TestHex.bytes("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        byte[] expected = TestHex.bytes("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        SigningKeyPair kp = SigningKeyPair.of(pub, priv);
        assertArrayEquals(expected, kp.sign(new byte[0]));
        assertTrue(SigningKeyPair.verify(pub, new byte[0], expected));
    }

    @Test
    void mismatchedKeysAndDestroy() {
        SigningKeyPair a = SigningKeyPair.generate();
        SigningKeyPair b = SigningKeyPair.generate();
        assertThrows(IllegalArgumentException.class, () -> SigningKeyPair.of(a.publicKey(), b.privateKey()));
        assertThrows(IllegalArgumentException.class, () -> SigningKeyPair.of(new byte[31], b.privateKey()));
        a.destroy();
        assertThrows(IllegalStateException.class, () -> a.sign(MSG));
        assertThrows(IllegalStateException.class, a::privateKey);
        assertFalse(a.toString().contains(TestHex.hex(a.publicKey())));
    }
}
