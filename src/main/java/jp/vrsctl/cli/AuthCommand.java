package jp.vrsctl.cli;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import jp.vrsctl.crypto.Secrets;
import jp.vrsctl.domain.MunicipalityCode;
import jp.vrsctl.service.AccessService;
import jp.vrsctl.service.Session;
import jp.vrsctl.store.Store;
import picocli.CommandLine.Mixin;

/** A command that needs a logged-in user: opens the store, logs in, runs, closes and wipes. */
abstract class AuthCommand extends BaseCommand {
    @Mixin
    LoginOptions login;

    @Override
    final int execute() throws Exception {
        String muni = municipality();
        String user = login.user != null ? login.user : ctx.env("VRSCTL_USER");
        if (user == null) {
            throw new VrsException(ExitCode.USAGE, CliMessages.get("login.nouser"));
        }
        try (Store store = Store.open(login.store.url(ctx), false)) {
            char[] password = SecretInput.password(ctx, login, CliMessages.get("login.prompt", user, muni));
            try (Session s = new AccessService(ctx.clock).login(store, muni, user, password)) {
                if (keepPassword()) {
                    currentPassword = password;
                } else {
                    Secrets.wipe(password);
                }
                try {
                    int code;
                    try {
                        code = run(s);
                    } finally {
                        s.takeNotices().forEach(ctx.err::println);
                    }
                    ctx.out.flush();
                    new jp.vrsctl.service.AuditLog(ctx.clock).completeReads(s);
                    return code;
                } catch (VrsException e) {
                    ExitCode c = e.exitCode();
                    String command = spec().qualifiedName(" ").replaceFirst("^vrsctl ", "");
                    if (c == ExitCode.NOT_PERMITTED) {
                        new jp.vrsctl.service.AuditLog(ctx.clock).denied(s, command);
                    } else if (c == ExitCode.INVALID_INPUT || c == ExitCode.NOT_FOUND || c == ExitCode.CONFLICT
                            || c == ExitCode.INTEGRITY) {
                        // A refused attempt is recorded too (a wrong birth date at a venue, an unknown ticket).
                        // Not for failures of the store itself: writing the entry would fail the same way.
                        try {
                            new jp.vrsctl.service.AuditLog(ctx.clock).failed(s, command, c.code);
                        } catch (RuntimeException ignored) {
                            // the original error is what the operator must see
                        }
                    }
                    throw e;
                }
            } finally {
                Secrets.wipe(password);
                currentPassword = null;
            }
        }
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    private picocli.CommandLine.Model.CommandSpec spec() {
        return commandSpec;
    }

    String municipality() {
        String m = login.municipality != null ? login.municipality : ctx.env("VRSCTL_MUNICIPALITY");
        if (m == null) {
            throw new VrsException(ExitCode.USAGE, CliMessages.get("login.nomunicipality"));
        }
        return MunicipalityCode.parse(m).value();
    }

    /** The logged-in user's password, for commands that re-wrap their own keys (null otherwise). */
    char[] currentPassword;

    /** Whether {@link #run} needs {@link #currentPassword}. */
    boolean keepPassword() {
        return false;
    }

    abstract int run(Session s) throws Exception;
}
