package jp.vrsctl.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A secret (a user's private keys, a recovery identity) protected by a password or recovery code:
 * {@code AES-256-GCM(key = Argon2id(password, salt, params))}. The blob describes itself:
 * <pre>[format=1 : 1][memoryKiB : 4][iterations : 4][parallelism : 4][salt : 16][nonce : 12][ciphertext + tag]</pre>
 * The whole header is authenticated (it is part of the GCM associated data, followed by the caller's
 * {@code aad}), so the parameters cannot be lowered unnoticed. For a recovery code, pass
 * {@link RecoveryCode#normalize(char[])} of what was typed.
 */
public final class WrappedSecret {
    /** Format byte of blobs made by this class. */
    public static final byte FORMAT = 1;
    private static final int SALT = 16;
    private static final int NONCE = 12;
    private static final int TAG = 16;
    private static final int PARAMS_END = 1 + 12;
    private static final int HEADER = PARAMS_END + SALT + NONCE;

    private WrappedSecret() {
    }

    /**
     * Protects {@code secret} with {@code password}.
     *
     * @param aad what the blob belongs to (e.g. municipality and user id), needed again to unwrap;
     *            {@code null} means empty
     */
    public static byte[] wrap(char[] password, Argon2Params p, byte[] secret, byte[] aad) {
        byte[] salt = Secrets.randomBytes(SALT);
        byte[] nonce = Secrets.randomBytes(NONCE);
        byte[] out = new byte[HEADER + secret.length + TAG];
        out[0] = FORMAT;
        Bytes.putInt(out, 1, p.memoryKiB());
        Bytes.putInt(out, 5, p.iterations());
        Bytes.putInt(out, 9, p.parallelism());
        System.arraycopy(salt, 0, out, PARAMS_END, SALT);
        System.arraycopy(nonce, 0, out, PARAMS_END + SALT, NONCE);
        byte[] key = Kdf.argon2id(password, salt, p, 32);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG * 8, nonce));
            c.updateAAD(out, 0, HEADER);
            c.updateAAD(aad == null ? new byte[0] : aad);
            c.doFinal(secret, 0, secret.length, out, HEADER);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(Msg.get("crypto.unavailable", "AES/GCM/NoPadding"), e);
        } finally {
            Secrets.wipe(key);
        }
    }

    /**
     * Recovers the secret. Runs Argon2id with the blob's parameters.
     *
     * @throws WrongSecretException if the password is wrong (or the ciphertext or aad was altered, which
     *                              cannot be told apart from a wrong password)
     * @throws IntegrityException   if the blob is malformed or its parameters are out of bounds
     */
    public static byte[] unwrap(char[] password, byte[] blob, byte[] aad) {
        Argon2Params p = paramsOf(blob);
        byte[] salt = Arrays.copyOfRange(blob, PARAMS_END, PARAMS_END + SALT);
        byte[] key = Kdf.argon2id(password, salt, p, 32);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG * 8, blob, PARAMS_END + SALT, NONCE));
            c.updateAAD(blob, 0, HEADER);
            c.updateAAD(aad == null ? new byte[0] : aad);
            return c.doFinal(blob, HEADER, blob.length - HEADER);
        } catch (AEADBadTagException e) {
            throw new WrongSecretException();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(Msg.get("crypto.unavailable", "AES/GCM/NoPadding"), e);
        } finally {
            Secrets.wipe(key);
        }
    }

    /**
     * The Argon2id parameters a blob was made with (to decide whether to re-wrap with stronger ones).
     *
     * @throws IntegrityException if the blob is malformed or its parameters are out of bounds
     */
    public static Argon2Params paramsOf(byte[] blob) {
        if (blob == null || blob.length < HEADER + TAG || blob[0] != FORMAT) {
            throw new IntegrityException(Msg.get("crypto.integrity.wrapped"));
        }
        try {
            return new Argon2Params(Bytes.getInt(blob, 1), Bytes.getInt(blob, 5), Bytes.getInt(blob, 9));
        } catch (IllegalArgumentException e) {
            throw new IntegrityException(Msg.get("crypto.integrity.wrapped"), e);
        }
    }
}
