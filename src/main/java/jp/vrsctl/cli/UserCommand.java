package jp.vrsctl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import jp.vrsctl.crypto.Secrets;
import jp.vrsctl.service.Role;
import jp.vrsctl.service.Session;
import jp.vrsctl.service.UserService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Users and roles (admin), and your own password (everyone).",
        subcommands = {UserCommand.Add.class, UserCommand.ListCmd.class, UserCommand.Disable.class,
                UserCommand.Reset.class, UserCommand.RoleCmd.class, UserCommand.Passwd.class})
final class UserCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static void printUsers(Context ctx, OutputOptions out, List<UserService.User> users) {
        Printer p = new Printer().col("name", "NAME").col("role", "ROLE").col("status", "STATUS")
                .col("must_change_password", "MUST CHANGE").col("failed_logins", "FAILED").col("kdf", "KDF")
                .col("signing_key", "SIGNING KEY").col("created_at", "CREATED");
        for (UserService.User u : users) {
            p.row(u.name(), u.role().id(), u.status(), u.mustChangePassword(), u.failedLogins(), u.kdf(),
                    u.signingFingerprint(), u.createdAt());
        }
        p.print(ctx, out);
    }

    /** Shows a one-time password on the terminal or writes it to a new 0600 file; never to stdout. */
    static final class OneTimeOut {
        @Option(names = "--password-out", paramLabel = "FILE",
                description = "Write the one-time password to FILE (created with mode 0600) instead of the terminal.")
        String file;

        Path check(Context ctx) {
            Path p = file == null ? null : ctx.resolve(file);
            if (p == null && ctx.terminal == null) {
                throw new VrsException(ExitCode.USAGE, CliMessages.get("user.otp.noterminal"));
            }
            if (p != null && Files.exists(p)) {
                throw new VrsException(ExitCode.CONFLICT, CliMessages.get("init.recovery.exists", p));
            }
            // Checked before the user is created: afterwards the one-time password could not be delivered.
            if (p != null && (p.getParent() == null || !Files.isDirectory(p.getParent())
                    || !Files.isWritable(p.getParent()))) {
                throw new VrsException(ExitCode.USAGE, CliMessages.get("user.otp.nodir", p));
            }
            return p;
        }

        void deliver(Context ctx, Path p, UserService.OneTime ot) throws java.io.IOException {
            try {
                if (p != null) {
                    InitCommand.writeSecretFile(p, ot.password());
                    ctx.err.println(CliMessages.get("user.otp.written", ot.user().name(), p));
                } else {
                    ctx.terminal.show(CliMessages.get("user.otp.show", ot.user().name(), new String(ot.password())));
                }
            } finally {
                Secrets.wipe(ot.password());
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a user with a role; prints a one-time password (terminal or --password-out only).",
                    "The role's keys are sealed to the new user's key pair; they must set their own password at first"
                            + " login (vrsctl user passwd)."})
    static final class Add extends AuthCommand {
        @Parameters(paramLabel = "NAME", description = "User name.")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, operator, venue or auditor.")
        String role;

        @Mixin
        OneTimeOut otp;

        @Mixin
        OutputOptions out;

        @Override
        int run(Session s) throws Exception {
            Role r = Role.parse(role);
            Path p = otp.check(ctx);
            UserService.OneTime ot = new UserService(ctx.clock).add(s, name, r);
            otp.deliver(ctx, p, ot);
            printUsers(ctx, out, List.of(ot.user()));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users (admin).")
    static final class ListCmd extends AuthCommand {
        @Mixin
        OutputOptions out;

        @Override
        int run(Session s) {
            printUsers(ctx, out, new UserService(ctx.clock).list(s));
            return 0;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = {"Disable a user and delete what was sealed to them.",
                    "Their password then opens nothing in this store. A copy of the store made earlier still holds"
                            + " what was sealed to them: rotate the keys (key rotate --reseal) to defeat keys they may"
                            + " have copied."})
    static final class Disable extends AuthCommand {
        @Parameters(paramLabel = "NAME", description = "User name.")
        String name;

        @Mixin
        OutputOptions out;

        @Override
        int run(Session s) {
            printUsers(ctx, out, List.of(new UserService(ctx.clock).disable(s, name)));
            ctx.err.println(CliMessages.get("user.disabled.hint", name));
            return 0;
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Give a user new key pairs and a new one-time password (admin); nothing old is re-wrapped.")
    static final class Reset extends AuthCommand {
        @Parameters(paramLabel = "NAME", description = "User name.")
        String name;

        @Mixin
        OneTimeOut otp;

        @Mixin
        OutputOptions out;

        @Override
        int run(Session s) throws Exception {
            Path p = otp.check(ctx);
            UserService.OneTime ot = new UserService(ctx.clock).reset(s, name);
            otp.deliver(ctx, p, ot);
            printUsers(ctx, out, List.of(ot.user()));
            return 0;
        }
    }

    @Command(name = "role", mixinStandardHelpOptions = true,
            description = "Change a user's role: the new role's keys are sealed to them, the old role's deleted.")
    static final class RoleCmd extends AuthCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "User name.")
        String name;

        @Parameters(index = "1", paramLabel = "ROLE", description = "admin, operator, venue or auditor.")
        String role;

        @Mixin
        OutputOptions out;

        @Override
        int run(Session s) {
            printUsers(ctx, out, List.of(new UserService(ctx.clock).changeRole(s, name, Role.parse(role))));
            return 0;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true,
            description = {"Set your own password (also the first login with a one-time password).",
                    "Log in with the current password as usual (--password-file, --password-stdin, prompt); the new"
                            + " one comes from --new-password-file, --new-password-stdin (the line after the current"
                            + " password when both use stdin) or a prompt."})
    static final class Passwd extends AuthCommand {
        @Option(names = "--new-password-file", paramLabel = "FILE", description = "Read the new password from FILE.")
        String newFile;

        @Option(names = "--new-password-stdin", description = "Read the new password from standard input.")
        boolean newStdin;

        @Override
        boolean keepPassword() {
            return true;
        }

        @Override
        int run(Session s) {
            char[] next = newPassword(ctx, newFile, newStdin);
            try {
                new UserService(ctx.clock).changeOwnPassword(s, currentPassword, next);
            } finally {
                Secrets.wipe(next);
            }
            ctx.err.println(CliMessages.get("user.passwd.done", s.userName()));
            return 0;
        }
    }

    static char[] newPassword(Context ctx, String file, boolean stdin) {
        if (file != null) {
            return SecretInput.fromFile(ctx.resolve(file));
        }
        if (stdin) {
            return SecretInput.fromStream(ctx.in);
        }
        if (ctx.terminal == null) {
            throw new VrsException(ExitCode.USAGE, CliMessages.get("user.newpassword.none"));
        }
        char[] a = ctx.terminal.readPassword(CliMessages.get("user.newpassword.prompt"));
        char[] b = ctx.terminal.readPassword(CliMessages.get("init.password.again"));
        boolean same = Arrays.equals(a, b);
        Secrets.wipe(b);
        if (!same) {
            Secrets.wipe(a);
            throw new VrsException(ExitCode.INVALID_INPUT, CliMessages.get("init.password.mismatch"));
        }
        return a;
    }
}
