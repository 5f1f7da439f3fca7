package jp.vrsctl.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the report says about the machine: best effort, from /proc and system properties (Linux). */
final class Machine {
    private Machine() {}

    static Map<String, Object> describe(Path workDir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nproc", Runtime.getRuntime().availableProcessors());
        m.put("cpu_model", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        String mem = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        m.put("memory_total", mem == null ? null : humanKb(mem));
        m.put("os", osRelease() + " (" + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ")");
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vendor") + ")");
        m.put("filesystem", filesystemOf(workDir));
        return m;
    }

    /** The 1-, 5- and 15-minute load averages, or null. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static double load1() {
        String l = loadAverage();
        return l == null ? Double.NaN : Double.parseDouble(l.split(" ")[0]);
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return null;
    }

    private static String humanKb(String memTotal) {
        try {
            long kb = Long.parseLong(memTotal.replace("kB", "").trim());
            return String.format(java.util.Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return memTotal;
        }
    }

    private static String osRelease() {
        String v = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME");
        if (v == null) {
            try {
                for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                    if (line.startsWith("PRETTY_NAME=")) {
                        return line.substring(12).replace("\"", "");
                    }
                }
            } catch (IOException | RuntimeException e) {
                return "unknown OS";
            }
        }
        return v == null ? "unknown OS" : v;
    }

    /** The type and device of the file system holding {@code dir} (from /proc/mounts: the longest mount point). */
    static String filesystemOf(Path dir) {
        try {
            Path real = dir.toAbsolutePath().normalize();
            String best = null;
            String bestType = null;
            for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
                String[] f = line.split(" ");
                if (f.length < 3) {
                    continue;
                }
                String mp = f[1].replace("\\040", " ");
                if (real.startsWith(mp) && (best == null || mp.length() > best.length())) {
                    best = mp;
                    bestType = f[2] + " on " + mp + " (" + f[0] + ")";
                }
            }
            return bestType;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The git commit of the working tree, or null. */
    static String gitCommit(Path dir) {
        try {
            Process p = new ProcessBuilder(List.of("git", "-C", dir.toString(), "rev-parse", "--short", "HEAD"))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? out : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
