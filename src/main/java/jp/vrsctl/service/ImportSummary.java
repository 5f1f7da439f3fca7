package jp.vrsctl.service;

import java.nio.file.Path;
import java.util.List;

import jp.vrsctl.ExitCode;

/**
 * What an import did. {@code errors} and {@code warnings} hold at most {@link #MAX_LISTED} messages each, in
 * the form {@code FILE:LINE: column NAME: problem}; the counts are exact.
 */
public record ImportSummary(String file, String digest, long rows, long added, long updated, long unchanged,
                            long rejected, long warningCount, List<String> errors, List<String> warnings,
                            boolean dryRun, boolean written, Path rejectsFile, long auditSeq) {
    public static final int MAX_LISTED = 100;

    /** 0 when everything was written, 3 when nothing was written because of invalid rows, 8 when partly written. */
    public ExitCode exitCode() {
        if (rejected == 0) {
            return ExitCode.OK;
        }
        return written ? ExitCode.PARTIAL : ExitCode.INVALID_INPUT;
    }
}
