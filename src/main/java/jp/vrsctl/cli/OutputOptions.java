package jp.vrsctl.cli;

import jp.vrsctl.io.OutputFormat;
import picocli.CommandLine.Option;

/** {@code -o table|json|ndjson|csv} and {@code --excel} (formats.md "Outputs"). */
final class OutputOptions {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "Output format: table (default), json, ndjson or csv.")
    OutputFormat format;

    @Option(names = "--excel", description = "With -o csv: add a BOM and Windows line ends for Excel.")
    boolean excel;

    OutputFormat format() {
        return format == null ? OutputFormat.TABLE : format;
    }
}
