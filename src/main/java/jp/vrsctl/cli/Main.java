package jp.vrsctl.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import picocli.CommandLine;

/**
 * Entry point. {@link #run} is what the launcher, the tests and (later) the interactive shell call: it
 * builds a fresh {@link CommandLine} each time (picocli keeps option values between executions otherwise).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
            // Fast path: building the model of ~45 commands costs more than the JVM start itself, and
            // "--version" is what scripts and CI call to check the install.
            for (String line : new VersionProvider().getVersion()) {
                System.out.println(line);
            }
            System.exit(0);
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        Context ctx = new Context(out, err, System.in, System.getenv(), Clock.systemUTC(),
                Path.of("").toAbsolutePath(), Context.systemConsole());
        int code = run(ctx, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line with the given context; returns the exit code (design.md §8). */
    public static int run(Context ctx, String... args) {
        CommandLine cl = commandLine(ctx);
        try {
            return cl.execute(args);
        } finally {
            ctx.out.flush();
            ctx.err.flush();
        }
    }

    /** Convenience for tests and embedders. */
    public static int run(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env, Clock clock,
                          Path cwd, String... args) {
        return run(new Context(out, err, in, env, clock, cwd, null), args);
    }

    static CommandLine commandLine(Context ctx) {
        CommandLine cl = new CommandLine(new VrsctlCommand(), new Factory(ctx));
        cl.setOut(ctx.out);
        cl.setErr(ctx.err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, commandLine, ctx));
        cl.setParameterExceptionHandler(new ParameterErrors());
        cl.setExitCodeExceptionMapper(ex -> ex instanceof VrsException v ? v.exitCode().code : ExitCode.FAILURE.code);
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(ctx.colour() ? CommandLine.Help.Ansi.ON
                : CommandLine.Help.Ansi.OFF));
        return cl;
    }

    /** A yes/no setting: anything but empty, {@code 0}, {@code false}, {@code no} or {@code off} is yes. */
    static boolean isTrue(String v) {
        return v != null && !java.util.Set.of("", "0", "false", "no", "off").contains(v.trim().toLowerCase(java.util.Locale.ROOT));
    }

    private static int handle(Exception ex, CommandLine cl, Context ctx) {
        CommandLine root = cl;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        boolean verbose = isTrue(ctx.envIgnoringBadConfig("VRSCTL_VERBOSE"))
                || (root.getCommand() instanceof VrsctlCommand v && v.verbose);
        if (ex instanceof VrsException v) {
            ctx.err.println(CliMessages.get("error.prefix") + v.getMessage());
            if (verbose && v.getCause() != null) {
                printSafeTrace(v.getCause(), ctx);
            }
            return v.exitCode().code;
        }
        java.io.IOException io = ex instanceof java.io.IOException e ? e
                : ex instanceof java.io.UncheckedIOException u ? u.getCause() : null;
        if (io != null) {
            // A file the operator named could not be read or created: say which, not "internal error".
            // (I/O messages name paths and reasons, never file contents.)
            boolean missing = io instanceof java.nio.file.NoSuchFileException;
            String what = io instanceof java.nio.file.FileSystemException fse && fse.getFile() != null
                    ? fse.getFile() : String.valueOf(io.getMessage());
            ctx.err.println(CliMessages.get("error.prefix") + CliMessages.get(missing ? "error.file.missing"
                    : "error.file", what, io.getClass().getSimpleName()));
            return missing ? ExitCode.NOT_FOUND.code : ExitCode.FAILURE.code;
        }
        // Not an expected failure: say so in one line; the stack trace (class names and line numbers only,
        // no messages, which might carry data) only with --verbose.
        ctx.err.println(CliMessages.get("error.internal", ex.getClass().getSimpleName()));
        if (verbose) {
            printSafeTrace(ex, ctx);
        }
        return ExitCode.FAILURE.code;
    }

    /** Prints a stack trace without exception messages, so no value can leak through them. */
    private static void printSafeTrace(Throwable t, Context ctx) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            ctx.err.println("  " + c.getClass().getName());
            for (StackTraceElement e : c.getStackTrace()) {
                ctx.err.println("    at " + e);
            }
        }
    }

    /** Parameter errors: the message, did-you-mean suggestions, and a pointer to --help; exit 2. */
    private static final class ParameterErrors implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println(CliMessages.get("error.prefix") + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println(CliMessages.get("error.seehelp", cmd.getCommandSpec().qualifiedName()));
            return ExitCode.USAGE.code;
        }
    }

    /** Gives every command the context. */
    private static final class Factory implements CommandLine.IFactory {
        private final Context ctx;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        Factory(Context ctx) {
            this.ctx = ctx;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            K k = fallback.create(cls);
            if (k instanceof BaseCommand b) {
                b.ctx = ctx;
            }
            return k;
        }
    }
}
