package jp.vrsctl.service;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.LongConsumer;

import jp.vrsctl.io.Encoding;

/**
 * Options common to every CSV import (formats.md).
 *
 * @param skipInvalid write the valid rows and put the rejected ones in {@code rejectsFile} (exit 8)
 * @param dryRun      validate and count, write nothing
 * @param asOf        the date "today" means for future-date checks (Asia/Tokyo)
 * @param override    (dose import) replace confirmed doses, keeping the old version, with {@code reason}
 * @param progress    called with the number of data rows read so far (may be null)
 */
public record ImportOptions(Encoding encoding, boolean ignoreUnknown, boolean skipInvalid, boolean dryRun,
                            Path rejectsFile, boolean allowMyNumberChange, LocalDate asOf, boolean override,
                            String reason, LongConsumer progress) {

    public static ImportOptions defaults(LocalDate asOf) {
        return new ImportOptions(Encoding.AUTO, false, false, false, null, false, asOf, false, null, null);
    }
}
