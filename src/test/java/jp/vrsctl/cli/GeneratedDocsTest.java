package jp.vrsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The man pages ({@code man/*.adoc}) and the bash/zsh completion script ({@code completions/vrsctl.bash}) are
 * generated from the picocli command model; this test regenerates them and fails when the committed files are
 * stale. With {@code -Dvrsctl.regenerate=true} it writes them into the project instead.
 */
class GeneratedDocsTest {
    static final String REGENERATE = "./mvnw -q test -Dtest=GeneratedDocsTest -Dvrsctl.regenerate=true";
    static final String COMPLETION = "vrsctl.bash";
    /** The version lines ManPageGenerator puts in the header; pinned so the pages do not change per build. */
    private static final Pattern REVNUMBER = Pattern.compile("(?m)^:revnumber: .*\\R");
    private static final Pattern MANSOURCE = Pattern.compile("(?m)^:mansource: .*$");

    @TempDir
    Path tmp;

    @Test
    void committedManPagesAndCompletionsAreCurrent() throws IOException {
        Path generated = tmp.resolve("generated");
        generate(generated);
        Path project = projectDir();
        if (Boolean.getBoolean("vrsctl.regenerate")) {
            sync(generated.resolve("man"), project.resolve("man"), ".adoc");
            sync(generated.resolve("completions"), project.resolve("completions"), ".bash");
            return;
        }
        List<String> problems = new ArrayList<>();
        compare(generated.resolve("man"), project.resolve("man"), ".adoc", problems);
        compare(generated.resolve("completions"), project.resolve("completions"), ".bash", problems);
        if (!problems.isEmpty()) {
            fail("Generated man pages / completions are out of date with the command model:\n  "
                    + String.join("\n  ", problems) + "\nRegenerate them with:\n  " + REGENERATE
                    + "\nand commit man/ and completions/.");
        }
    }

    @Test
    void generationIsDeterministicAndCoversEveryCommand() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        generate(a);
        generate(b);
        Map<String, byte[]> first = files(a);
        Map<String, byte[]> second = files(b);
        assertEquals(first.keySet(), second.keySet());
        for (String name : first.keySet()) {
            assertTrue(java.util.Arrays.equals(first.get(name), second.get(name)), name + " differs between two runs");
        }

        // One page per (non-hidden) command and subcommand, named as ManPageGenerator names them.
        Set<String> expected = new TreeSet<>();
        List<String> leafNames = new ArrayList<>();
        collect(newCommandLine(), expected, leafNames);
        Set<String> pages = new TreeSet<>();
        for (String name : first.keySet()) {
            if (name.startsWith("man/")) {
                pages.add(name.substring("man/".length()));
            }
        }
        assertEquals(expected, pages);
        assertTrue(pages.contains("vrsctl-resident-import.adoc"), pages::toString);
        assertTrue(pages.contains("vrsctl-dose-record.adoc"), pages::toString);

        Pattern date = Pattern.compile("\\b(19|20)\\d\\d-\\d\\d-\\d\\d\\b|:revdate:|:docdate:");
        for (Map.Entry<String, byte[]> e : first.entrySet()) {
            String text = new String(e.getValue(), StandardCharsets.UTF_8);
            assertFalse(date.matcher(text).find(), e.getKey() + " embeds a date");
            assertFalse(text.contains("\r"), e.getKey() + " has CR line ends");
            assertFalse(text.contains("vrsctl dev") || text.contains("SNAPSHOT"), e.getKey() + " embeds a build version");
        }

        String page = new String(first.get("man/vrsctl-resident-import.adoc"), StandardCharsets.UTF_8);
        assertTrue(page.contains("= vrsctl-resident-import(1)"), page);
        assertTrue(page.contains(":mansource: vrsctl\n"), page);
        assertFalse(page.contains(":revnumber:"), page);
        assertTrue(page.contains("--skip-invalid"), page);
        assertTrue(page.contains("宛名番号"), "Japanese text must survive as UTF-8");

        String completion = new String(first.get("completions/" + COMPLETION), StandardCharsets.UTF_8);
        assertTrue(completion.contains("complete -F _complete_vrsctl"), "bash completion function registered");
        for (String leaf : leafNames) {
            assertTrue(completion.contains(leaf), "completion lacks " + leaf);
        }
    }

    /** The generated script really completes subcommands and options when bash sources it. */
    @Test
    void bashCompletesCommandsAndOptions() throws Exception {
        Path bash = Path.of("/bin/bash");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(bash), "needs bash");
        generate(tmp);
        Path script = tmp.resolve("completions").resolve(COMPLETION);
        assertEquals("resident", complete(bash, script, "vrsctl", "res"));
        assertEquals("import", complete(bash, script, "vrsctl", "resident", "im"));
        assertEquals("--skip-invalid", complete(bash, script, "vrsctl", "resident", "import", "--sk"));
        assertEquals("--all-eligible", complete(bash, script, "vrsctl", "ticket", "issue", "--all"));
        assertEquals("", complete(bash, script, "vrsctl", "nosuchcommand"));
    }

    private static String complete(Path bash, Path script, String... words) throws Exception {
        String line = String.join(" ", words);
        StringBuilder arr = new StringBuilder();
        for (String w : words) {
            arr.append(" '").append(w).append('\'');
        }
        String program = "source '" + script + "' 2>/dev/null\n"
                + "COMP_WORDS=(" + arr + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE='" + line + "'\nCOMP_POINT=${#COMP_LINE}\n"
                + "_complete_vrsctl 2>/dev/null\n"
                + "printf '%s' \"${COMPREPLY[*]}\"\n";
        Process p = new ProcessBuilder(bash.toString(), "--norc", "--noprofile", "-c", program)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "bash did not finish");
        assertEquals(0, p.exitValue(), out);
        return out.trim();
    }

    /** Writes man/*.adoc and completions/vrsctl.bash under {@code dir}. */
    static void generate(Path dir) throws IOException {
        Path man = dir.resolve("man");
        Path completions = dir.resolve("completions");
        Files.createDirectories(man);
        Files.createDirectories(completions);

        CommandLine cl = newCommandLine();
        int rc = ManPageGenerator.generateManPage(man.toFile(), null, new boolean[0], false, cl.getCommandSpec());
        assertEquals(0, rc, "ManPageGenerator exit code");
        try (Stream<Path> s = Files.list(man)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String text = Files.readString(p, StandardCharsets.UTF_8);
                // The version comes from the jar manifest ("dev" in a test run): pin it, so the pages only change
                // when the commands do. asciidoctor -a mansource="vrsctl X.Y" overrides it when converting.
                text = REVNUMBER.matcher(text).replaceAll("");
                text = MANSOURCE.matcher(text).replaceAll(":mansource: vrsctl");
                Files.writeString(p, lf(text), StandardCharsets.UTF_8);
            }
        }

        String script = AutoComplete.bash("vrsctl", newCommandLine());
        Files.writeString(completions.resolve(COMPLETION), lf(script), StandardCharsets.UTF_8);
    }

    /** The real command line, as Main builds it, with a fixed usage width (no terminal probing). */
    static CommandLine newCommandLine() {
        StringWriter sink = new StringWriter();
        Context ctx = new Context(new PrintWriter(sink), new PrintWriter(sink), InputStream.nullInputStream(), Map.of(),
                Clock.fixed(Instant.parse("2024-06-01T03:00:00Z"), ZoneOffset.UTC), Path.of("").toAbsolutePath(), null);
        CommandLine cl = Main.commandLine(ctx);
        cl.setUsageHelpAutoWidth(false);
        cl.setUsageHelpWidth(80);
        return cl;
    }

    private static void collect(CommandLine cl, Set<String> pages, List<String> names) {
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        if (spec.usageMessage().hidden()) {
            return;
        }
        pages.add(spec.qualifiedName("-").replaceAll("\\s", "_") + ".adoc");
        names.add(spec.name());
        for (CommandLine sub : cl.getSubcommands().values()) {
            collect(sub, pages, names);
        }
    }

    private static String lf(String s) {
        return s.replace("\r\n", "\n");
    }

    private static Path projectDir() {
        Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        assertTrue(Files.isRegularFile(dir.resolve("pom.xml")), "not the project directory: " + dir);
        return dir;
    }

    /** All regular files under {@code root}, by relative path with '/' separators. */
    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p)) {
                    out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    private static Map<String, byte[]> generatedFiles(Path dir, String suffix) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(suffix)) {
                    out.put(p.getFileName().toString(), Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    private static void compare(Path generated, Path committed, String suffix, List<String> problems)
            throws IOException {
        Map<String, byte[]> want = generatedFiles(generated, suffix);
        Map<String, byte[]> have = generatedFiles(committed, suffix);
        String where = committed.getFileName() + "/";
        for (Map.Entry<String, byte[]> e : want.entrySet()) {
            byte[] h = have.get(e.getKey());
            if (h == null) {
                problems.add(where + e.getKey() + ": missing");
            } else if (!java.util.Arrays.equals(h, e.getValue())) {
                problems.add(where + e.getKey() + ": differs (" + firstDifference(h, e.getValue()) + ")");
            }
        }
        for (String name : have.keySet()) {
            if (!want.containsKey(name)) {
                problems.add(where + name + ": no longer generated (stale)");
            }
        }
    }

    private static String firstDifference(byte[] committed, byte[] generated) {
        String[] c = new String(committed, StandardCharsets.UTF_8).split("\n", -1);
        String[] g = new String(generated, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < Math.max(c.length, g.length); i++) {
            String cl = i < c.length ? c[i] : "<end of file>";
            String gl = i < g.length ? g[i] : "<end of file>";
            if (!cl.equals(gl)) {
                return "line " + (i + 1) + ": committed \"" + cl + "\", generated \"" + gl + "\"";
            }
        }
        return "line ends or encoding";
    }

    /** Makes {@code target} hold exactly the generated files with {@code suffix} (stale ones are removed). */
    private static void sync(Path generated, Path target, String suffix) throws IOException {
        Files.createDirectories(target);
        Map<String, byte[]> want = generatedFiles(generated, suffix);
        for (String stale : generatedFiles(target, suffix).keySet()) {
            if (!want.containsKey(stale)) {
                Files.delete(target.resolve(stale));
            }
        }
        for (Map.Entry<String, byte[]> e : want.entrySet()) {
            Files.write(target.resolve(e.getKey()), e.getValue());
        }
    }
}
