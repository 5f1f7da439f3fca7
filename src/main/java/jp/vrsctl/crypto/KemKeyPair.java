package jp.vrsctl.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;

/**
 * A key pair for sealing to a recipient ({@link Sealer}): X-Wing, the hybrid of ML-KEM-768 and X25519
 * (draft-connolly-cfrg-xwing-kem), so what is sealed today stays safe if either part is broken, including
 * by a future quantum computer ("harvest now, decrypt later"). The public key is 1216 bytes; the private
 * key is X-Wing's 32-byte seed.
 */
public final class KemKeyPair {
    /** The algorithm name, as stored beside keys. */
    public static final String ALGORITHM = "X-Wing";
    public static final int PUBLIC_LENGTH = 1216;
    public static final int PRIVATE_LENGTH = 32;

    private final byte[] publicKey;
    private final byte[] privateKey;
    private volatile boolean destroyed;

    private KemKeyPair(byte[] publicKey, byte[] privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /** A fresh key pair. */
    public static KemKeyPair generate() {
        HPKE hpke = Sealer.hpke();
        byte[] seed = Secrets.randomBytes(PRIVATE_LENGTH);
        try {
            AsymmetricCipherKeyPair kp = hpke.deserializePrivateKey(seed, null);
            return new KemKeyPair(hpke.serializePublicKey(kp.getPublic()), hpke.serializePrivateKey(kp.getPrivate()));
        } finally {
            Secrets.wipe(seed);
        }
    }

    /**
     * A key pair from stored bytes (copied). The public key is checked against the private one.
     *
     * @throws IllegalArgumentException if the sizes are wrong or the keys do not belong together
     */
    public static KemKeyPair of(byte[] publicKey, byte[] privateKey) {
        if (publicKey.length != PUBLIC_LENGTH || privateKey.length != PRIVATE_LENGTH) {
            throw new IllegalArgumentException(Msg.get("crypto.kem.badPublicKey"));
        }
        HPKE hpke = Sealer.hpke();
        byte[] derived = hpke.serializePublicKey(hpke.deserializePrivateKey(privateKey, null).getPublic());
        if (!MessageDigest.isEqual(derived, publicKey)) {
            throw new IllegalArgumentException(Msg.get("crypto.kem.mismatch"));
        }
        return new KemKeyPair(publicKey.clone(), privateKey.clone());
    }

    /** {@value #ALGORITHM}. */
    public String algorithm() {
        return ALGORITHM;
    }

    /** A copy of the public key, to publish or store in clear. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** A copy of the private key (seed), to wrap with the user's password; the caller wipes it. */
    public byte[] privateKey() {
        return livePrivateKey().clone();
    }

    /** The BouncyCastle key pair for opening; package-private. */
    AsymmetricCipherKeyPair forHpke(HPKE hpke) {
        return hpke.deserializePrivateKey(livePrivateKey(), null);
    }

    private byte[] livePrivateKey() {
        if (destroyed) {
            throw new IllegalStateException(Msg.get("crypto.key.destroyed"));
        }
        return privateKey;
    }

    /** Wipes the private key; later use of it throws {@link IllegalStateException}. */
    public void destroy() {
        destroyed = true;
        Arrays.fill(privateKey, (byte) 0);
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "KemKeyPair[" + ALGORITHM + ", " + Fingerprint.of(publicKey) + (destroyed ? ", destroyed]" : "]");
    }
}
