package jp.vrsctl.crypto;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * Sealing to a recipient's public {@link KemKeyPair} (design.md §3: data keys are sealed to users; §6:
 * transfer messages), with HPKE (RFC 9180) in base mode. Output:
 * <pre>[suite : 1][encapsulated key : 1120][ciphertext + tag]</pre>
 * Suite {@value #SUITE_XWING} is KEM X-Wing (0x647a, hybrid ML-KEM-768 + X25519), KDF HKDF-SHA256, AEAD
 * AES-256-GCM, implemented by BouncyCastle's lightweight {@code org.bouncycastle.crypto.hpke.HPKE}. The
 * suite byte lets a later version move to another suite while old values still open.
 */
public final class Sealer {
    /** HPKE base mode, X-Wing, HKDF-SHA256, AES-256-GCM. */
    public static final byte SUITE_XWING = 1;
    private static final int ENC_LENGTH = 1120;
    private static final byte[] EMPTY = new byte[0];

    private Sealer() {
    }

    /** A fresh HPKE instance for the current suite (BouncyCastle's is cheap to make; not shared across threads). */
    static HPKE hpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X_WING, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
    }

    /**
     * Seals {@code plaintext} to the holder of the private key matching {@code recipientPublicKey}.
     *
     * @param info context of the use (e.g. {@code "vrsctl data key ops v3"}), bound into the key schedule;
     *             {@code null} means empty
     * @param aad  associated data that must match when opening; {@code null} means empty
     * @throws IllegalArgumentException if the public key is not a valid X-Wing public key
     */
    public static byte[] seal(byte[] recipientPublicKey, byte[] plaintext, byte[] info, byte[] aad) {
        HPKE hpke = hpke();
        AsymmetricKeyParameter pk;
        try {
            if (recipientPublicKey.length != KemKeyPair.PUBLIC_LENGTH) {
                throw new IllegalArgumentException(Msg.get("crypto.kem.badPublicKey"));
            }
            pk = hpke.deserializePublicKey(recipientPublicKey);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(Msg.get("crypto.kem.badPublicKey"), e);
        }
        byte[][] ctAndEnc;
        try {
            ctAndEnc = hpke.seal(pk, orEmpty(info), orEmpty(aad), plaintext, null, null, null);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e); // sealing has no failure mode with valid inputs
        }
        byte[] ct = ctAndEnc[0];
        byte[] enc = ctAndEnc[1];
        byte[] out = new byte[1 + enc.length + ct.length];
        out[0] = SUITE_XWING;
        System.arraycopy(enc, 0, out, 1, enc.length);
        System.arraycopy(ct, 0, out, 1 + enc.length, ct.length);
        return out;
    }

    /**
     * Opens what {@link #seal} sealed to {@code recipient}'s public key with the same info and aad.
     *
     * @throws IntegrityException if it was sealed to another key, with other info or aad, altered, or is
     *                            of an unknown suite
     */
    public static byte[] open(KemKeyPair recipient, byte[] sealed, byte[] info, byte[] aad) {
        if (sealed == null || sealed.length < 1 + ENC_LENGTH + 16 || sealed[0] != SUITE_XWING) {
            throw new IntegrityException(Msg.get("crypto.integrity.malformed"));
        }
        HPKE hpke = hpke();
        byte[] enc = new byte[ENC_LENGTH];
        System.arraycopy(sealed, 1, enc, 0, ENC_LENGTH);
        byte[] ct = new byte[sealed.length - 1 - ENC_LENGTH];
        System.arraycopy(sealed, 1 + ENC_LENGTH, ct, 0, ct.length);
        AsymmetricCipherKeyPair keyPair = recipient.forHpke(hpke); // IllegalStateException if destroyed
        try {
            return hpke.open(enc, keyPair, orEmpty(info), orEmpty(aad), ct, null, null, null);
        } catch (InvalidCipherTextException | RuntimeException e) {
            throw new IntegrityException(Msg.get("crypto.integrity.sealedMessage"), e);
        }
    }

    /** The suite byte of a sealed value. */
    public static int suiteOf(byte[] sealed) {
        if (sealed == null || sealed.length == 0) {
            throw new IntegrityException(Msg.get("crypto.integrity.malformed"));
        }
        return sealed[0];
    }

    private static byte[] orEmpty(byte[] b) {
        return b == null ? EMPTY : b;
    }
}
