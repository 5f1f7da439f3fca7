package jp.vrsctl.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test harness: runs the real CLI in-process ({@link Main#run}) against real store files in a temp
 * directory, with captured stdout/stderr, its own environment, a fixed clock and no terminal.
 */
public final class Cli {
    public static final String MUNI = "112151";
    public static final String OTHER_MUNI = "131016";
    public static final String ADMIN = "alice";
    public static final String PASSWORD = "correct horse battery";

    public final Path dir;
    public final Map<String, String> env = new HashMap<>();
    public Clock clock = Clock.fixed(Instant.parse("2024-06-01T03:00:00Z"), ZoneOffset.UTC);
    public Context.Terminal terminal;

    public Cli(Path dir) {
        this.dir = dir;
        env.put("VRSCTL_STORE", "sqlite:" + dir.resolve("vrs.db"));
    }

    /** The result of one command. */
    public record Result(int code, String out, String err) {
        public String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    public Result run(String... args) {
        return runWithInput("", args);
    }

    public Result runWithInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Context ctx = new Context(new PrintWriter(out), new PrintWriter(err),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), Map.copyOf(env), clock, dir, terminal);
        int code = Main.run(ctx, args);
        return new Result(code, normalise(out.toString()), normalise(err.toString()));
    }

    private static String normalise(String s) {
        return s.replace("\r\n", "\n");
    }

    public Path write(String name, String content) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, content, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path writeBytes(String name, byte[] content) {
        try {
            Path p = dir.resolve(name);
            Files.write(p, content);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a password file for {@code user} and returns its path. */
    public Path passwordFile(String user, String password) {
        Path p = write("pw-" + user, password + "\n");
        try {
            java.nio.file.Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            // not POSIX
        }
        return p;
    }

    /** Initialises {@link #MUNI} with admin {@link #ADMIN} and logs in as that admin for later commands. */
    public Cli init() {
        return init(MUNI);
    }

    public Cli init(String muni) {
        Path pw = passwordFile(ADMIN, PASSWORD);
        Result r = run("init", "--municipality", muni, "--admin", ADMIN, "--password-file", pw.toString(),
                "--recovery-file", dir.resolve("recovery-" + muni + ".txt").toString(), "--add-municipality");
        if (r.code() != 0) {
            throw new AssertionError("init failed: " + r);
        }
        loginAs(muni, ADMIN, pw);
        return this;
    }

    public void loginAs(String muni, String user, Path passwordFile) {
        env.put("VRSCTL_MUNICIPALITY", muni);
        env.put("VRSCTL_USER", user);
        env.put("VRSCTL_PASSWORD_FILE", passwordFile.toString());
    }

    public static String[] args(String... a) {
        return a;
    }

    public static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        for (String l : s.split("\n")) {
            if (!l.isEmpty()) {
                out.add(l);
            }
        }
        return out;
    }
}
