package jp.vrsctl.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import jp.vrsctl.ExitCode;
import jp.vrsctl.Messages;
import jp.vrsctl.VrsException;

/** File digests, for the audit entry of a bulk command (design.md §5). */
public final class Digests {
    private static final Messages MSG = Messages.of(Digests.class);

    private Digests() {
    }

    /**
     * The SHA-256 of a file's bytes, as 64 lower-case hex digits; reads the file as a stream.
     *
     * @throws VrsException {@link ExitCode#NOT_FOUND} if there is no such file, {@link ExitCode#FAILURE} if it
     *                      cannot be read
     */
    public static String sha256Hex(Path file) {
        MessageDigest md = sha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        } catch (NoSuchFileException e) {
            throw new VrsException(ExitCode.NOT_FOUND, MSG.get("io.notFound", file.toString()), e);
        } catch (IOException e) {
            throw new VrsException(ExitCode.FAILURE, MSG.get("io.readFailed", file.toString()), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The SHA-256 of {@code bytes}, as 64 lower-case hex digits. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
