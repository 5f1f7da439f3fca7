package jp.vrsctl.cli;

import java.util.List;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import jp.vrsctl.crypto.Secrets;
import jp.vrsctl.domain.MunicipalityCode;
import jp.vrsctl.service.KeyService;
import jp.vrsctl.service.Session;
import jp.vrsctl.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "key", mixinStandardHelpOptions = true, description = "The municipality's data keys (admin).",
        subcommands = {KeyCommand.Status.class, KeyCommand.Rotate.class, KeyCommand.Recover.class,
                KeyCommand.UpgradeKdf.class})
final class KeyCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Key versions, algorithms, encryptions counted per key version, KDF parameters per user.")
    static final class Status extends AuthCommand {
        @Mixin
        OutputOptions out;

        @Override
        int run(Session s) {
            KeyService.Status st = new KeyService(ctx.clock).status(s);
            Printer p = new Printer().col("key", "KEY").col("version", "VERSION").col("primary", "PRIMARY")
                    .col("algorithm", "ALGORITHM").col("encryptions", "ENCRYPTIONS").col("created_at", "CREATED");
            for (KeyService.KeyVersion k : st.keys()) {
                p.row(k.name(), k.version(), k.primary(), k.algorithm(), k.encryptions(), k.createdAt());
            }
            p.print(ctx, out);
            if (out.format() == jp.vrsctl.io.OutputFormat.TABLE) {
                ctx.out.println();
                st.algorithms().forEach((k, v) -> ctx.out.println(k + ": " + v));
                ctx.out.println();
                UserCommand.printUsers(ctx, out, st.users().stream()
                        .filter(u -> u.role() != jp.vrsctl.service.Role.RECOVERY).toList());
            }
            return 0;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"New versions of K_ops and K_pii, sealed to every active user of the right roles;"
                    + " old data stays readable. Blind-index keys are not rotated.",
                    "--reseal re-encrypts everything under the new versions, in batches that each commit; run it"
                            + " again to resume after an interruption."})
    static final class Rotate extends AuthCommand {
        @Option(names = "--reseal", description = "Also re-encrypt all data under the new key versions.")
        boolean reseal;

        @Option(names = "--reseal-only", description = "Only resume or finish re-encryption; make no new version.")
        boolean resealOnly;

        @Override
        int run(Session s) {
            KeyService svc = new KeyService(ctx.clock);
            KeyService.ResealProgress rp;
            if (resealOnly) {
                rp = svc.reseal(s, Progress.forTerminal(ctx));
            } else {
                KeyService.Rotation r = svc.rotate(s, reseal, Progress.forTerminal(ctx));
                ctx.err.println(CliMessages.get("key.rotated", r.newVersions().toString(), r.principalsSealed()));
                rp = r.reseal();
            }
            if (rp != null) {
                ctx.err.println(CliMessages.get("key.resealed", rp.rowsChecked(), rp.columnsResealed(), rp.remainingOld()));
            }
            return 0;
        }
    }

    @Command(name = "recover", mixinStandardHelpOptions = true,
            description = {"With the recovery code, give an admin user new key pairs and a new password.",
                    "No login needed; the recovery code is read from --recovery-file or a prompt, never the command line."})
    static final class Recover extends BaseCommand {
        @Mixin
        StoreOptions store;

        @Option(names = {"-m", "--municipality"}, paramLabel = "CODE", description = "Municipality code.")
        String municipality;

        @Option(names = {"-u", "--user"}, required = true, paramLabel = "NAME", description = "The admin to recover.")
        String user;

        @Option(names = "--recovery-file", paramLabel = "FILE", description = "Read the recovery code from FILE.")
        String recoveryFile;

        @Option(names = "--new-password-file", paramLabel = "FILE", description = "Read the new password from FILE.")
        String newFile;

        @Option(names = "--new-password-stdin", description = "Read the new password from standard input.")
        boolean newStdin;

        @Override
        int execute() {
            String m = municipality != null ? municipality : ctx.env("VRSCTL_MUNICIPALITY");
            if (m == null) {
                throw new VrsException(ExitCode.USAGE, CliMessages.get("login.nomunicipality"));
            }
            String muni = MunicipalityCode.parse(m).value();
            char[] code;
            if (recoveryFile != null) {
                code = SecretInput.fromFile(ctx.resolve(recoveryFile));
            } else if (ctx.terminal != null) {
                code = ctx.terminal.readPassword(CliMessages.get("key.recover.prompt"));
            } else {
                throw new VrsException(ExitCode.USAGE, CliMessages.get("key.recover.nocode"));
            }
            char[] next = null;
            try (Store st = Store.open(store.url(ctx), false)) {
                next = UserCommand.newPassword(ctx, newFile, newStdin);
                new KeyService(ctx.clock).recover(st, muni, code, user, next);
            } finally {
                Secrets.wipe(code);
                Secrets.wipe(next);
            }
            ctx.err.println(CliMessages.get("key.recovered", user));
            return 0;
        }
    }

    @Command(name = "upgrade-kdf", mixinStandardHelpOptions = true,
            description = "Re-wrap your own keys with today's Argon2id parameters (after hardware got faster).")
    static final class UpgradeKdf extends AuthCommand {
        @Mixin
        OutputOptions out;

        @Override
        boolean keepPassword() {
            return true;
        }

        @Override
        int run(Session s) {
            UserCommand.printUsers(ctx, out, List.of(new KeyService(ctx.clock).upgradeKdf(s, currentPassword)));
            return 0;
        }
    }
}
