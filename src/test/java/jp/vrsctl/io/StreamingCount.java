package jp.vrsctl.io;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Run in a child JVM with a small heap by {@link CsvSourceTest}: counts the rows of a CSV file. */
public final class StreamingCount {
    private StreamingCount() {
    }

    public static void main(String[] args) {
        long count = 0;
        String charset;
        try (CsvSource src = CsvSource.open(Path.of(args[0]), Encoding.AUTO)) {
            charset = src.charset().name().toLowerCase();
            while (src.next() != null) {
                count++;
            }
        }
        new PrintStream(System.out, true, StandardCharsets.UTF_8).println(count + " " + charset);
    }
}
