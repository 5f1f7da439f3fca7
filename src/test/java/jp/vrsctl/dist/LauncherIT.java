package jp.vrsctl.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jp.vrsctl.domain.MyNumber;

/**
 * Runs the assembled distribution ({@code target/vrsctl/bin/vrsctl}, built in the {@code package} phase) as a
 * real process, the way an operator would: its own working directory, environment and exit codes. Run by
 * maven-failsafe in {@code ./mvnw verify}.
 */
class LauncherIT {
    static final String MUNI = "112151";
    static final String PASSWORD = "correct horse battery";

    static Path dist;
    static Path launcher;

    @TempDir
    Path work;

    @BeforeAll
    static void findDistribution() {
        String d = System.getProperty("vrsctl.dist");
        dist = (d != null ? Path.of(d) : Path.of("target", "vrsctl")).toAbsolutePath();
        launcher = dist.resolve("bin").resolve("vrsctl");
        assertTrue(Files.isRegularFile(launcher), "no launcher at " + launcher + " (run ./mvnw verify, not test)");
    }

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** A clean environment: nothing inherited but PATH; C locale, so UTF-8 output cannot come from the locale. */
    Map<String, String> env() {
        return new java.util.HashMap<>(Map.of(
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "HOME", work.toString(),
                "JAVA_HOME", System.getProperty("java.home"),
                "LANG", "C",
                "LC_ALL", "C",
                "NO_COLOR", "1",
                // Argon2id at its floor: the launcher would otherwise calibrate to ~1 s per login.
                "VRSCTL_JAVA_OPTS", "-Dvrsctl.kdf.target-ms=0",
                "VRSCTL_STORE", "sqlite:./vrs.db"));
    }

    Result run(Path exe, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", args));
        }
        return new Result(p.exitValue(), utf8(out.get()), utf8(err.get()));
    }

    Result run(Map<String, String> env, String... args) throws Exception {
        return run(launcher, env, args);
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Strict UTF-8 decoding: a mangled byte fails the test instead of turning into U+FFFD. */
    private static String utf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new AssertionError("output is not valid UTF-8", e);
        }
    }

    static String myNumber(String first11) {
        return first11 + MyNumber.checkDigit(first11);
    }

    @Test
    void versionAndUsage() throws Exception {
        Result r = run(env(), "--version");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("vrsctl "), r::toString);
        assertFalse(r.out().startsWith("vrsctl dev"), "the jar manifest carries the version: " + r);

        r = run(env(), "--help");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("resident") && r.out().contains("Exit codes:"), r::toString);

        r = run(env(), "no-such-command");
        assertEquals(2, r.code(), r::toString);
    }

    @Test
    void initImportListThroughTheLauncher() throws Exception {
        Map<String, String> env = env();
        Files.writeString(work.resolve("pw"), PASSWORD + "\n");

        Result r = run(env, "init", "--municipality", MUNI, "--admin", "alice", "--password-file", "pw",
                "--recovery-file", "recovery.txt");
        assertEquals(0, r.code(), r::toString);
        assertTrue(Files.isRegularFile(work.resolve("vrs.db")), "store created in the working directory");
        assertTrue(r.err().contains("埼玉県狭山市"), "municipality name in UTF-8 on stderr: " + r);
        Path recovery = work.resolve("recovery.txt");
        assertTrue(Files.size(recovery) > 0);
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(recovery));
        String code = Files.readString(recovery).trim();
        assertFalse(r.out().contains(code) || r.err().contains(code), "recovery code must not be printed");

        String mn1 = myNumber("12345678901");
        String mn2 = myNumber("98765432109");
        String csv = "宛名番号,個人番号,氏名,氏名カナ,生年月日,性別\r\n"
                + "0001," + mn1 + ",山田 太郎,ﾔﾏﾀﾞ ﾀﾛｳ,S50.1.2,1\r\n"
                + "0002," + mn2 + ",髙橋 𠮷子,タカハシ ヨシコ,H2.3.4,2\r\n";
        // Windows-31J cannot hold 𠮷: the UTF-8 file (with BOM) carries both names exactly.
        Files.write(work.resolve("residents.csv"), concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                csv.getBytes(StandardCharsets.UTF_8)));

        env.put("VRSCTL_MUNICIPALITY", MUNI);
        env.put("VRSCTL_USER", "alice");
        env.put("VRSCTL_PASSWORD_FILE", work.resolve("pw").toString());
        r = run(env, "resident", "import", "residents.csv");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("added 2"), r::toString);

        r = run(env, "resident", "list", "-o", "json");
        assertEquals(0, r.code(), r::toString);
        JsonNode list = new ObjectMapper().readTree(r.out());
        assertEquals(2, list.size(), r::toString);
        Map<String, JsonNode> byNumber = new java.util.TreeMap<>();  // list order is not by 宛名番号
        list.forEach(n -> byNumber.put(n.get("address_number").asText(), n));
        assertEquals(Set.of("0001", "0002"), byNumber.keySet(), r::toString);
        JsonNode yamada = byNumber.get("0001");
        JsonNode takahashi = byNumber.get("0002");
        assertEquals("山田 太郎", yamada.get("name").asText());
        assertEquals("ヤマダ タロウ", yamada.get("name_kana").asText(), "half-width kana normalised");
        assertEquals("1975-01-02", yamada.get("birth_date").asText());
        assertEquals("髙橋 𠮷子", takahashi.get("name").asText(), "name stored and printed exactly");
        assertEquals("タカハシ ヨシコ", takahashi.get("name_kana").asText());
        assertEquals("1990-03-04", takahashi.get("birth_date").asText());
        assertFalse(r.out().contains(mn1) || r.out().contains(mn2), "My Numbers must not be listed");

        // Table output too: raw bytes of the Japanese header and names.
        r = run(env, "resident", "list");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("宛名番号") && r.out().contains("髙橋 𠮷子"), r::toString);

        // Re-import changes nothing.
        r = run(env, "resident", "import", "residents.csv");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("unchanged 2"), r::toString);

        // Exit codes survive the launcher's exec.
        r = run(env, "resident", "show", "9999");
        assertEquals(5, r.code(), r::toString);
        Files.writeString(work.resolve("bad-pw"), "not the password\n");
        env.put("VRSCTL_PASSWORD_FILE", work.resolve("bad-pw").toString());
        r = run(env, "resident", "list");
        assertEquals(4, r.code(), r::toString);
        assertEquals("", r.out(), r::toString);
    }

    /**
     * Installed elsewhere (a path with a space and Japanese) and called through absolute and relative symlinks,
     * as packagers do, and by a relative path with CDPATH set.
     */
    @Test
    void launcherFindsItsHomeThroughSymlinksAndRelativePaths() throws Exception {
        // A UTF-8 locale here: under LC_ALL=C the JVM itself cannot decode a non-ASCII class path
        // (sun.jnu.encoding=ANSI_X3.4-1968), whatever the launcher does.
        Map<String, String> env = env();
        env.put("LANG", "C.UTF-8");
        env.put("LC_ALL", "C.UTF-8");
        Path home = Files.createDirectories(work.resolve("opt dir 予防接種").resolve("vrsctl"));
        copyTree(dist.resolve("bin"), home.resolve("bin"));
        copyTree(dist.resolve("lib"), home.resolve("lib"));
        Path usrBin = Files.createDirectories(work.resolve("usr-bin"));
        Path absolute = Files.createSymbolicLink(usrBin.resolve("vrsctl"), home.resolve("bin").resolve("vrsctl"));
        Path relative = Files.createSymbolicLink(usrBin.resolve("vrsctl-rel"),
                Path.of("..", "opt dir 予防接種", "vrsctl", "bin", "vrsctl"));
        Path chained = Files.createSymbolicLink(work.resolve("vrsctl-chain"), Path.of("usr-bin", "vrsctl-rel"));

        Result r = run(home.resolve("bin").resolve("vrsctl"), env, "--version");
        assertEquals(0, r.code(), r::toString);
        for (Path link : List.of(absolute, relative, chained)) {
            Result viaLink = run(link, env, "catalog", "municipalities", "-o", "json");
            assertEquals(0, viaLink.code(), () -> work.relativize(link) + ": " + viaLink);
            assertTrue(viaLink.out().contains("狭山市"), "catalog through " + work.relativize(link));
        }

        // A relative invocation must not be redirected by CDPATH (cd would also print the directory).
        Files.createDirectories(work.resolve("decoy").resolve("opt dir 予防接種").resolve("vrsctl")
                .resolve("bin"));
        env.put("CDPATH", work.resolve("decoy").toString());
        r = run(Path.of("/bin/sh"), env, "-c", "exec 'opt dir 予防接種/vrsctl/bin/vrsctl' --version");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("vrsctl "), r::toString);
    }

    @Test
    void libHoldsBouncyCastleUnmodifiedAndSigned() throws Exception {
        Path lib = dist.resolve("lib");
        String m2Prop = System.getProperty("vrsctl.m2");
        Path m2 = m2Prop != null ? Path.of(m2Prop) : Path.of(System.getProperty("user.home"), ".m2", "repository");
        List<Path> bc;
        try (Stream<Path> s = Files.list(lib)) {
            bc = s.filter(p -> p.getFileName().toString().matches("bc[a-z]+-jdk18on-.*\\.jar")).sorted().toList();
        }
        List<String> names = bc.stream().map(p -> p.getFileName().toString().replaceAll("-jdk18on-.*", "")).toList();
        assertTrue(names.containsAll(List.of("bcprov", "bcpkix", "bcpg", "bcutil")), names::toString);
        for (Path jar : bc) {
            String file = jar.getFileName().toString();
            String artifact = file.substring(0, file.indexOf("-jdk18on-") + "-jdk18on".length());
            String version = file.substring(artifact.length() + 1, file.length() - ".jar".length());
            Path original = m2.resolve("org/bouncycastle").resolve(artifact).resolve(version).resolve(file);
            assertTrue(Files.isRegularFile(original), "not in the local repository: " + original);
            assertEquals(sha256(original), sha256(jar), file + " differs from the Maven artifact (shaded or rewritten?)");
            assertSigned(jar);
        }
        // Nothing shaded into our own jar, and test-only tooling stays out of the distribution.
        try (Stream<Path> s = Files.list(lib)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                assertFalse(n.startsWith("picocli-codegen") || n.startsWith("junit") || n.startsWith("jqwik"), n);
                if (n.startsWith("vrsctl-")) {
                    try (JarFile jf = new JarFile(p.toFile())) {
                        assertTrue(jf.stream().noneMatch(e -> e.getName().startsWith("org/bouncycastle/")),
                                "BouncyCastle classes shaded into " + n);
                    }
                }
            }
        }
    }

    /** Every class in the jar verifies against its signature (JarFile checks digests while reading). */
    private static void assertSigned(Path jar) throws IOException {
        try (JarFile jf = new JarFile(jar.toFile(), true)) {
            int classes = 0;
            byte[] buf = new byte[8192];
            for (Enumeration<JarEntry> en = jf.entries(); en.hasMoreElements();) {
                JarEntry e = en.nextElement();
                if (!e.getName().endsWith(".class") || e.getName().startsWith("META-INF/versions/")) {
                    continue;
                }
                try (InputStream in = jf.getInputStream(e)) {
                    while (in.read(buf) >= 0) {
                        // reading to the end verifies the entry's digest (SecurityException if tampered)
                    }
                }
                assertTrue(e.getCodeSigners() != null && e.getCodeSigners().length > 0,
                        jar.getFileName() + ": unsigned entry " + e.getName());
                classes++;
            }
            assertTrue(classes > 10, jar.getFileName() + " has no classes");
        }
    }

    private static String sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        return HexFormat.of().formatHex(md.digest(Files.readAllBytes(p)));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
