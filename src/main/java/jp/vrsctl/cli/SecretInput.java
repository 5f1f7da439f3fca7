package jp.vrsctl.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;

/**
 * Reads secrets (passwords, recovery codes, My Numbers) from a file, standard input or a masked prompt,
 * as {@code char[]} that the caller wipes. Never from argv, never into a String.
 */
final class SecretInput {
    private SecretInput() {}

    static char[] fromFile(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            try {
                return firstLine(bytes);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new VrsException(ExitCode.NOT_FOUND, CliMessages.get("secret.file.missing", file));
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw new VrsException(ExitCode.INVALID_INPUT, CliMessages.get("secret.file.directory", file));
            }
            throw new VrsException(ExitCode.INVALID_INPUT, CliMessages.get("secret.file", file));
        }
    }

    static char[] fromStream(InputStream in) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                buf.write(b);
            }
        } catch (IOException e) {
            throw new VrsException(ExitCode.INVALID_INPUT, CliMessages.get("secret.stdin"));
        }
        byte[] bytes = buf.toByteArray();
        try {
            return firstLine(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static char[] firstLine(byte[] bytes) {
        CharBuffer cb;
        try {
            cb = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new VrsException(ExitCode.INVALID_INPUT, CliMessages.get("secret.encoding"));
        }
        int end = 0;
        while (end < cb.limit() && cb.get(end) != '\n' && cb.get(end) != '\r') {
            end++;
        }
        int start = 0;
        if (end > 0 && cb.get(0) == '\uFEFF') {
            start = 1;
        }
        char[] out = new char[end - start];
        for (int i = start; i < end; i++) {
            out[i - start] = cb.get(i);
        }
        char[] backing = cb.array();
        Arrays.fill(backing, '\0');
        return out;
    }

    /** Warns (stderr) when a file holding a secret can be read by other users. */
    static void warnIfShared(Context ctx, Path file) {
        if (!Files.isRegularFile(file)) {
            return; // fromFile says what is wrong with it
        }
        try {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)
                    || perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)) {
                ctx.err.println(CliMessages.get("warning.prefix") + CliMessages.get("secret.shared", file));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not POSIX, or unreadable: fromFile reports the latter
        }
    }

    static char[] fromFile(Context ctx, Path file) {
        warnIfShared(ctx, file);
        return fromFile(file);
    }

    /** The password for a login: --password-file, --password-stdin, $VRSCTL_PASSWORD_FILE, else a masked prompt. */
    static char[] password(Context ctx, LoginOptions o, String prompt) {
        if (o.passwordFile != null) {
            return fromFile(ctx, ctx.resolve(o.passwordFile));
        }
        if (o.passwordStdin) {
            return fromStream(ctx.in);
        }
        if (ctx.env("VRSCTL_PASSWORD_FILE") != null) {
            return fromFile(ctx, ctx.resolve(ctx.env("VRSCTL_PASSWORD_FILE")));
        }
        if (ctx.terminal != null) {
            char[] p = ctx.terminal.readPassword(prompt);
            if (p != null) {
                return p;
            }
        }
        throw new VrsException(ExitCode.NOT_PERMITTED, CliMessages.get("secret.none"));
    }
}
