package jp.vrsctl.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What a command may touch of the outside world, injected so tests run the real CLI in-process with
 * captured output, their own environment and a fixed clock (style.md: JReleaser/JBang).
 */
public final class Context {
    final PrintWriter out;
    final PrintWriter err;
    final InputStream in;
    final Map<String, String> env;
    final Clock clock;
    final Path cwd;
    /** The interactive terminal, or null when there is none (pipes, CI, tests). */
    final Terminal terminal;

    public Context(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env, Clock clock, Path cwd,
                   Terminal terminal) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.env = env;
        this.clock = clock;
        this.cwd = cwd;
        this.terminal = terminal;
    }

    private Config config;

    /**
     * A setting: the environment variable, else the configuration file's value for it ({@link Config}); flags
     * are checked by the caller before (design.md §8: flags > VRSCTL_* > config.toml > defaults).
     */
    String env(String name) {
        String v = env.get(name);
        if (v != null && !v.isEmpty()) {
            return v;
        }
        if (name.startsWith("VRSCTL_") && Config.KEYS.containsValue(name)) {
            if (config == null) {
                config = Config.load(env);
            }
            return config.get(name);
        }
        return null;
    }

    /** As {@link #env}, but a configuration file that cannot be used counts as absent (for the error handler). */
    String envIgnoringBadConfig(String name) {
        try {
            return env(name);
        } catch (jp.vrsctl.VrsException e) {
            return null;
        }
    }

    boolean colour() {
        return terminal != null && env("NO_COLOR") == null && !"dumb".equals(env("TERM"));
    }

    Path resolve(String file) {
        Path p = Path.of(file);
        return p.isAbsolute() ? p : cwd.resolve(p).normalize();
    }

    /** A terminal to prompt on and to show secrets that must not go to stdout (recovery codes, one-time passwords). */
    public interface Terminal {
        char[] readPassword(String prompt);

        String readLine(String prompt);

        /** Writes to the terminal itself, never to a redirected stdout. */
        void show(String text);
    }

    /** The process's console as a {@link Terminal}, or null when stdin/stdout are not a terminal. */
    static Terminal systemConsole() {
        java.io.Console c = System.console();
        if (c == null) {
            return null;
        }
        return new Terminal() {
            @Override
            public char[] readPassword(String prompt) {
                return c.readPassword("%s", prompt);
            }

            @Override
            public String readLine(String prompt) {
                return c.readLine("%s", prompt);
            }

            @Override
            public void show(String text) {
                c.writer().println(text);
                c.writer().flush();
            }
        };
    }
}
