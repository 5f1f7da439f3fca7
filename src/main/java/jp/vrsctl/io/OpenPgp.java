package jp.vrsctl.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Iterator;

import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBEKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;

/**
 * OpenPGP encryption of files for removable media (seed: files carried on media are encrypted), with
 * BouncyCastle's bcpg, readable by {@code gpg --decrypt}: to a recipient's public key, or with a passphrase.
 * AES-256 with the integrity packet (MDC).
 */
public final class OpenPgp {
    private OpenPgp() {}

    /** Wraps {@code out}: what is written is encrypted to the first encryption key in {@code publicKeyFile}. */
    public static OutputStream encryptTo(OutputStream out, Path publicKeyFile, String fileName) {
        PGPPublicKey key = readEncryptionKey(publicKeyFile);
        PGPEncryptedDataGenerator gen = generator();
        gen.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key));
        return open(gen, out, fileName);
    }

    /** Wraps {@code out}: what is written is encrypted with a key derived from {@code passphrase} (S2K). */
    public static OutputStream encryptWithPassphrase(OutputStream out, char[] passphrase, String fileName) {
        PGPEncryptedDataGenerator gen = generator();
        gen.addMethod(new BcPBEKeyEncryptionMethodGenerator(passphrase));
        return open(gen, out, fileName);
    }

    private static PGPEncryptedDataGenerator generator() {
        return new PGPEncryptedDataGenerator(new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                .setWithIntegrityPacket(true).setSecureRandom(new java.security.SecureRandom()));
    }

    private static OutputStream open(PGPEncryptedDataGenerator gen, OutputStream out, String fileName) {
        try {
            OutputStream enc = gen.open(out, new byte[1 << 16]);
            PGPLiteralDataGenerator lit = new PGPLiteralDataGenerator();
            OutputStream literal = lit.open(enc, PGPLiteralData.BINARY, fileName, new Date(), new byte[1 << 16]);
            return new FilterOutputStream(literal) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                private final OutputStream out = literal;

                @Override
                public void close() throws IOException {
                    literal.close();
                    lit.close();
                    enc.close();
                    gen.close();
                    out.close();
                }
            };
        } catch (IOException | PGPException e) {
            throw new VrsException(ExitCode.FAILURE, Messages.get("pgp.failed", e.getClass().getSimpleName()), e);
        }
    }

    static PGPPublicKey readEncryptionKey(Path file) {
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
            PGPPublicKeyRingCollection rings = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
            for (Iterator<PGPPublicKeyRing> it = rings.getKeyRings(); it.hasNext(); ) {
                PGPPublicKeyRing ring = it.next();
                for (Iterator<PGPPublicKey> keys = ring.getPublicKeys(); keys.hasNext(); ) {
                    PGPPublicKey k = keys.next();
                    if (k.isEncryptionKey() && !k.hasRevocation()) {
                        return k;
                    }
                }
            }
        } catch (IOException | PGPException e) {
            throw new VrsException(ExitCode.INVALID_INPUT, Messages.get("pgp.key.bad", file), e);
        }
        throw new VrsException(ExitCode.INVALID_INPUT, Messages.get("pgp.key.none", file));
    }

    /** This package's message bundle. */
    private static final class Messages {
        private static final jp.vrsctl.Messages M = jp.vrsctl.Messages.of(OpenPgp.class);

        static String get(String key, Object... args) {
            return M.get(key, args);
        }
    }
}
