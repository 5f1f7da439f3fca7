package jp.vrsctl.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import jp.vrsctl.crypto.Secrets;
import jp.vrsctl.domain.MunicipalityRegistry;
import jp.vrsctl.service.AccessService;
import jp.vrsctl.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create the store (if absent) and a municipality in it: its data keys, the first admin user"
                + " and a recovery code.",
                "The recovery code is shown once, only on a terminal, or written to --recovery-file (mode 0600);"
                        + " keep it offline. It is never logged."})
final class InitCommand extends BaseCommand {
    @Mixin
    StoreOptions store;

    @Option(names = {"-m", "--municipality"}, required = true, paramLabel = "CODE",
            description = "Municipality code (6 digits with check digit, from the bundled code list).")
    String municipality;

    @Option(names = "--name", paramLabel = "NAME", description = "Display name (default: the name in the code list).")
    String name;

    @Option(names = "--admin", required = true, paramLabel = "USER", description = "Name of the first admin user.")
    String admin;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the admin's new password from FILE.")
    String passwordFile;

    @Option(names = "--password-stdin", description = "Read the admin's new password from standard input.")
    boolean passwordStdin;

    @Option(names = "--add-municipality",
            description = "Allow adding this municipality to a store that already holds another (one trust domain).")
    boolean addMunicipality;

    @Option(names = "--recovery-file", paramLabel = "FILE",
            description = "Write the recovery code to FILE (created with mode 0600; must not exist).")
    String recoveryFile;

    @Override
    int execute() throws Exception {
        // Check everything that can be checked before any key is made or file created.
        MunicipalityRegistry.bundled().require(municipality);
        AccessService.validateUserName(admin);
        Path recovery = recoveryFile == null ? null : ctx.resolve(recoveryFile);
        if (recovery == null && ctx.terminal == null) {
            throw new VrsException(ExitCode.USAGE, CliMessages.get("init.recovery.noterminal"));
        }
        if (recovery != null && Files.exists(recovery)) {
            throw new VrsException(ExitCode.CONFLICT, CliMessages.get("init.recovery.exists", recovery));
        }
        char[] password = newPassword();
        try {
            AccessService.checkPassword(password);
        } catch (VrsException e) {
            Secrets.wipe(password);
            throw e;
        }
        AccessService.InitResult result;
        try (Store s = Store.open(store.url(ctx), true)) {
            if (!addMunicipality && !new AccessService(ctx.clock).municipalities(s).isEmpty()
                    && !new AccessService(ctx.clock).municipalities(s).contains(
                    jp.vrsctl.domain.MunicipalityCode.parse(municipality).value())) {
                throw new VrsException(ExitCode.USAGE, CliMessages.get("init.addmunicipality"));
            }
            result = new AccessService(ctx.clock).init(s, municipality, name, admin, password);
        } finally {
            Secrets.wipe(password);
        }
        char[] code = result.recoveryCode();
        try {
            if (recovery != null) {
                writeSecretFile(recovery, code);
                ctx.err.println(CliMessages.get("init.recovery.written", recovery));
            } else {
                ctx.terminal.show(CliMessages.get("init.recovery.show", new String(code)));
            }
        } finally {
            Arrays.fill(code, '\0');
        }
        ctx.err.println(CliMessages.get("init.done", result.municipality().code().value(), result.municipality().name(),
                admin, store.url(ctx), result.kdf().encode()));
        return 0;
    }

    private char[] newPassword() {
        if (passwordFile != null) {
            return SecretInput.fromFile(ctx, ctx.resolve(passwordFile));
        }
        if (passwordStdin) {
            return SecretInput.fromStream(ctx.in);
        }
        if (ctx.env("VRSCTL_PASSWORD_FILE") != null) {
            return SecretInput.fromFile(ctx.resolve(ctx.env("VRSCTL_PASSWORD_FILE")));
        }
        if (ctx.terminal == null) {
            throw new VrsException(ExitCode.NOT_PERMITTED, CliMessages.get("secret.none"));
        }
        char[] first = ctx.terminal.readPassword(CliMessages.get("init.password.prompt", admin));
        char[] again = ctx.terminal.readPassword(CliMessages.get("init.password.again"));
        boolean same = Arrays.equals(first, again);
        Secrets.wipe(again);
        if (!same) {
            Secrets.wipe(first);
            throw new VrsException(ExitCode.INVALID_INPUT, CliMessages.get("init.password.mismatch"));
        }
        return first;
    }

    /** Creates {@code file} with mode 0600 (where POSIX) and writes the secret; refuses to overwrite. */
    static void writeSecretFile(Path file, char[] secret) throws IOException {
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            throw new VrsException(ExitCode.CONFLICT, CliMessages.get("init.recovery.exists", file));
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
            w.write(secret);
            w.write('\n');
        }
    }
}
