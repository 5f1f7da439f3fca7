package jp.vrsctl.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes {@code report.md} and {@code report.json} from a finished {@link Scenarios} run. */
final class Report {
    private Report() {}

    /** The targets table, in its order: metric id → the scenario name. */
    static final Map<String, String> TARGETS = new LinkedHashMap<>();

    static {
        TARGETS.put("resident-import", "resident import, SQLite, encrypted");
        TARGETS.put("resident-import-ratio", "resident import, time vs. baseline");
        TARGETS.put("dose-import", "dose import");
        TARGETS.put("lookup-my-p99", "lookup p99, My Number");
        TARGETS.put("lookup-ticket-p99", "lookup p99, ticket");
        TARGETS.put("lookup-address-p99", "lookup p99, 宛名番号");
        TARGETS.put("lookup-my-tx-p99", "lookup p99, My Number (query + crypto)");
        TARGETS.put("lookup-ticket-tx-p99", "lookup p99, ticket (query + crypto)");
        TARGETS.put("lookup-address-tx-p99", "lookup p99, 宛名番号 (query + crypto)");
        TARGETS.put("ticket-issue", "ticket issue --all-eligible");
        TARGETS.put("audit-export", "audit export");
        TARGETS.put("audit-verify", "audit verify (store)");
        TARGETS.put("audit-verify-file", "audit verify --file");
        TARGETS.put("audit-verify-full", "audit verify --full (store)");
        TARGETS.put("audit-verify-file-full", "audit verify --full --file");
        TARGETS.put("startup-ratio", "`vrsctl --version` vs. minimal picocli");
        TARGETS.put("import-heap-peak", "peak heap, import");
    }

    static void write(Scenarios s) throws IOException {
        Instant end = Instant.now();
        Map<String, Object> machine = Machine.describe(s.work);
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("start", s.loadStart);
        load.put("end", Machine.loadAverage());
        load.put("max_1min_sampled", Double.isNaN(s.loadMax) ? null : s.loadMax);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("n", s.n);
        params.put("repetitions", s.reps);
        params.put("audit_entries", s.auditEntries);
        params.put("lookups", s.lookups);
        params.put("show_runs", s.showRuns);
        params.put("startup_runs", s.startupRuns);
        params.put("heap_repetitions", s.heapReps);
        params.put("groups", new ArrayList<>(s.only));
        params.put("tickets", s.ticketRows);
        params.put("doses", s.doseRows);
        params.put("arguments", s.commandLine.replace(Path.of("").toAbsolutePath() + java.io.File.separator, ""));

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("title", "vrsctl benchmark report");
        json.put("started", s.started.toString());
        json.put("finished", end.toString());
        json.put("git_commit", Machine.gitCommit(Path.of("").toAbsolutePath()));
        json.put("machine", machine);
        json.put("load_average", load);
        json.put("parameters", params);
        List<Map<String, Object>> targets = new ArrayList<>();
        for (var t : TARGETS.entrySet()) {
            Metric m = s.metrics.get(t.getKey());
            if (m == null || m.samples.isEmpty()) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scenario", t.getValue().replace("`", ""));
            row.put("metric", m.id);
            row.put("target", m.target);
            row.put("median", Metric.round(m.median()));
            row.put("unit", m.unit);
            row.put("met", m.met);
            row.put("note", m.note.isEmpty() ? null : m.note);
            targets.add(row);
        }
        json.put("targets", targets);
        json.put("metrics", s.metrics.values().stream().map(Metric::toJson).toList());
        json.put("micro_benchmarks", s.micro);
        json.put("notes", s.notes);
        Scenarios.writeJson(s.out.resolve("report.json"), json);

        StringBuilder md = new StringBuilder();
        String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT).withZone(ZoneId.systemDefault())
                .format(s.started);
        md.append("# vrsctl benchmark report\n\n");
        String cwd = Path.of("").toAbsolutePath() + java.io.File.separator;
        md.append("Generated ").append(when).append(" by `jp.vrsctl.bench.Scenarios ").append(s.commandLine.replace(cwd, ""))
                .append("` (see [docs/performance.md](../docs/performance.md))");
        Object commit = json.get("git_commit");
        if (commit != null) {
            md.append(" at commit `").append(commit).append('`');
        }
        md.append(String.format(Locale.ROOT, "; took %.1f min.%n%n", (end.toEpochMilli() - s.started.toEpochMilli()) / 60000.0));
        md.append("N = ").append(String.format(Locale.ROOT, "%,d", s.n)).append(" residents (")
                .append(String.format(Locale.ROOT, "%,d tickets, %,d doses", s.ticketRows, s.doseRows))
                .append("), ").append(s.reps).append(" repetition(s), each on a fresh store");
        if (s.only.contains("audit")) {
            md.append("; audit: ").append(String.format(Locale.ROOT, "%,d", s.auditEntries)).append(" entries in one store");
        }
        md.append(". Numbers are the median of the repetitions with the spread (min–max) beside it.\n\n");

        md.append("## Machine\n\n| | |\n| --- | --- |\n");
        machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("| load average (1/5/15 min) at start | ").append(load.get("start")).append(" |\n");
        md.append("| load average at end | ").append(load.get("end")).append(" |\n");
        md.append("| highest 1-min load sampled (every 5 s) | ").append(load.get("max_1min_sampled")).append(" |\n\n");
        md.append("The machine is shared: other jobs may have run at the same time (see the load), which is why the"
                + " encrypted import is compared with a baseline measured in the same run.\n\n");

        md.append("## Targets (issue 5)\n\n| scenario | target | measured: median (min–max) | met | note |\n"
                + "| --- | --- | --- | --- | --- |\n");
        for (var t : TARGETS.entrySet()) {
            Metric m = s.metrics.get(t.getKey());
            if (m == null || m.samples.isEmpty()) {
                continue;
            }
            md.append("| ").append(t.getValue()).append(" | ").append(m.target).append(" | ").append(value(m))
                    .append(" | ").append(m.metText()).append(" | ").append(m.note).append(" |\n");
        }
        md.append("\n## All measurements\n\n| group | measurement | median | min | max | unit | samples |\n"
                + "| --- | --- | --- | --- | --- | --- | --- |\n");
        for (Metric m : s.metrics.values()) {
            md.append("| ").append(m.group).append(" | ").append(m.title).append(" | ").append(Metric.fmt(m.median()))
                    .append(" | ").append(Metric.fmt(m.min())).append(" | ").append(Metric.fmt(m.max())).append(" | ")
                    .append(m.unit).append(" | ")
                    .append(String.join(", ", m.samples.stream().map(Metric::fmt).toList())).append(" |\n");
        }
        if (!s.micro.isEmpty()) {
            md.append("\n## Micro-benchmarks (JMH, average time per operation, 1 fork)\n\n"
                    + "| benchmark | score | ± 99.9% | min | max | unit |\n| --- | --- | --- | --- | --- | --- |\n");
            for (Map<String, Object> m : s.micro) {
                md.append("| ").append(m.get("benchmark")).append(" | ").append(num(m.get("score"))).append(" | ")
                        .append(num(m.get("error_99_9"))).append(" | ").append(num(m.get("min"))).append(" | ")
                        .append(num(m.get("max"))).append(" | ").append(m.get("unit")).append(" |\n");
            }
        }
        if (!s.notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            for (String n : s.notes) {
                md.append("- ").append(n).append('\n');
            }
        }
        Files.writeString(s.out.resolve("report.md"), md.toString(), StandardCharsets.UTF_8);
    }

    private static String value(Metric m) {
        String v = Metric.fmt(m.median()) + " " + m.unit;
        if (m.samples.size() > 1) {
            v += " (" + Metric.fmt(m.min()) + "–" + Metric.fmt(m.max()) + ")";
        }
        return v;
    }

    private static String num(Object o) {
        return o instanceof Number n ? Metric.fmt(n.doubleValue()) : "";
    }
}
