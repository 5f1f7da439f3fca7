package jp.vrsctl.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI smoke of the benchmark harness (issue 5): the scenario runner at a tiny N, one repetition, every
 * scenario group but JMH, into a temp dir. Asserts that the reports exist and hold every scenario with a
 * positive number; never a time (the machine is shared and the numbers are not targets at this N).
 */
class ScenariosSmokeTest {
    /** Every measurement the runner must report, by id. */
    static final List<String> EXPECTED = List.of(
            "resident-import", "resident-import-baseline", "resident-import-ratio", "resident-parse-validate",
            "ticket-import", "dose-import", "ticket-issue",
            "lookup-my-p50", "lookup-my-p99", "lookup-ticket-p50", "lookup-ticket-p99", "lookup-address-p50",
            "lookup-address-p99", "lookup-my-tx-p50", "lookup-my-tx-p99", "lookup-ticket-tx-p50", "lookup-ticket-tx-p99",
            "lookup-address-tx-p50", "lookup-address-tx-p99", "resident-show-p50", "resident-show-max",
            "audit-fill", "audit-export", "audit-verify", "audit-verify-file", "audit-verify-full", "audit-verify-file-full",
            "startup-vrsctl", "startup-minimal", "startup-ratio",
            "unlock", "import-heap-peak", "import-heap-live", "import-child");

    @TempDir
    Path dir;

    @Test
    void tinyRunWritesEveryScenario() throws Exception {
        Path out = dir.resolve("report");
        int code = Scenarios.run("--n", "1000", "--reps", "1", "--audit-entries", "1000", "--lookups", "100",
                "--show-runs", "3", "--startup-runs", "2", "--unlock-target-ms", "0", "--jmh", "false",
                "--work", dir.resolve("work").toString(), "--out", out.toString(), "--dist", dir.resolve("no-dist").toString());
        assertEquals(0, code, "the scenario runner failed (see its output)");

        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals(1000, json.path("parameters").path("n").asInt());
        assertTrue(json.path("machine").path("nproc").asInt() > 0, "machine details");
        Set<String> seen = new HashSet<>();
        for (JsonNode m : json.path("metrics")) {
            String id = m.path("id").asText();
            seen.add(id);
            assertTrue(m.path("median").isNumber() && m.path("median").asDouble() > 0, id + " has no positive median");
            assertEquals(1, m.path("samples").size(), id + ": one repetition, one sample");
        }
        for (String id : EXPECTED) {
            assertTrue(seen.contains(id), "report.json lacks " + id);
        }
        assertFalse(json.path("targets").isEmpty(), "the issue's targets are listed");
        for (JsonNode t : json.path("targets")) {
            assertTrue(t.path("met").isBoolean(), t.path("metric").asText() + " is judged met or not met");
        }

        String md = Files.readString(out.resolve("report.md"), StandardCharsets.UTF_8);
        assertTrue(md.contains("## Machine") && md.contains("## Targets (issue 5)"), "report.md sections");
        for (JsonNode m : json.path("metrics")) {
            assertTrue(md.contains("| " + m.path("title").asText() + " |"), "report.md lacks " + m.path("id").asText());
        }
        assertFalse(Files.exists(dir.resolve("work").resolve("rep-0")), "the runner cleans up its stores");
    }
}
