package jp.vrsctl.cli;

import java.nio.file.Path;
import java.time.LocalDate;

import jp.vrsctl.domain.JapaneseDate;
import jp.vrsctl.io.Encoding;
import jp.vrsctl.service.ImportOptions;
import jp.vrsctl.service.ImportSummary;
import picocli.CommandLine.Option;

/** Options shared by every CSV import, and the summary every import prints. */
final class ImportCommandSupport {
    @Option(names = "--encoding", paramLabel = "ENC", defaultValue = "auto",
            description = "Input encoding: auto (default: UTF-8 if valid, else Windows-31J), utf-8 or windows-31j.")
    String encoding;

    @Option(names = "--ignore-unknown", description = "Ignore columns this import does not know (default: refuse).")
    boolean ignoreUnknown;

    @Option(names = "--skip-invalid",
            description = "Write the valid rows; put rejected rows in a rejects file next to the input (exit 8).")
    boolean skipInvalid;

    @Option(names = "--rejects", paramLabel = "FILE", description = "With --skip-invalid: where to write rejected rows.")
    String rejects;

    @Option(names = "--dry-run", description = "Validate and count; write nothing.")
    boolean dryRun;

    @Option(names = "--as-of", paramLabel = "DATE",
            description = "The date 'today' means for future-date checks (default: today in Japan; 西暦 or 和暦).")
    String asOf;

    ImportOptions options(Context ctx, boolean allowMyNumberChange, boolean override, String reason) {
        LocalDate as = asOf == null ? null : JapaneseDate.parse(asOf);
        Path rej = rejects == null ? null : ctx.resolve(rejects);
        return new ImportOptions(Encoding.parse(encoding), ignoreUnknown, skipInvalid, dryRun, rej, allowMyNumberChange,
                as, override, reason, Progress.forTerminal(ctx));
    }

    /** Prints problems, warnings and the counts to stderr (stdout stays for data); returns the exit code. */
    static int report(Context ctx, ImportSummary s, OutputOptions out) {
        if (ctx.terminal != null) {
            ctx.err.println(); // end the progress line
        }
        for (String e : s.errors()) {
            ctx.err.println(e);
        }
        if (s.rejected() > s.errors().size()) {
            ctx.err.println(CliMessages.get("import.moreerrors", s.rejected() - s.errors().size()));
        }
        for (String w : s.warnings()) {
            ctx.err.println(CliMessages.get("warning.prefix") + w);
        }
        if (out.format != null) {
            new Printer().col("file", "FILE").col("rows", "ROWS").col("added", "ADDED").col("updated", "UPDATED")
                    .col("unchanged", "UNCHANGED").col("rejected", "REJECTED").col("warnings", "WARNINGS")
                    .col("written", "WRITTEN").col("sha256", "SHA256")
                    .row(s.file(), s.rows(), s.added(), s.updated(), s.unchanged(), s.rejected(), s.warningCount(),
                            s.written(), s.digest())
                    .print(ctx, out);
        }
        String key = s.dryRun() ? "import.summary.dryrun" : s.written() ? "import.summary" : "import.summary.nothing";
        ctx.err.println(CliMessages.get(key, s.rows(), s.added(), s.updated(), s.unchanged(), s.rejected(),
                s.warningCount()));
        if (s.rejectsFile() != null) {
            ctx.err.println(CliMessages.get("import.rejectsfile", s.rejectsFile()));
        }
        return s.exitCode().code;
    }

    static LocalDate date(String raw) {
        return raw == null ? null : JapaneseDate.parse(raw);
    }
}
