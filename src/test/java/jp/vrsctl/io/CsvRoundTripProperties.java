package jp.vrsctl.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the writer writes, the reader reads back exactly (line ends, quotes, commas, kanji, 𠮷). */
class CsvRoundTripProperties {
    @Provide
    Arbitrary<List<List<String>>> tables() {
        Arbitrary<String> field = Arbitraries.of(",", "\"", "\r", "\n", "\r\n", " ", "a", "Z", "0", "=", "髙", "構",
                        "～", "①", "𠮷")
                .list().ofMaxSize(6)
                .map(parts -> String.join("", parts));
        return Arbitraries.integers().between(1, 4).flatMap(width ->
                field.list().ofSize(width).list().ofMinSize(0).ofMaxSize(8)
                        .map(rows -> {
                            List<List<String>> all = new ArrayList<>();
                            List<String> header = new ArrayList<>();
                            for (int i = 0; i < width; i++) {
                                header.add("c" + i);
                            }
                            all.add(header);
                            all.addAll(rows);
                            return all;
                        }));
    }

    @Property(tries = 200)
    void writeThenRead(@ForAll("tables") List<List<String>> table) throws IOException {
        Path p = Files.createTempFile("roundtrip", ".csv");
        try {
            try (CsvFileWriter w = CsvFileWriter.create(p, StandardCharsets.UTF_8, true, "\r\n", false)) {
                for (List<String> row : table) {
                    w.writeRow(row);
                }
            }
            try (CsvSource src = CsvSource.open(p, Encoding.AUTO)) {
                assertEquals(table.get(0), src.header());
                for (List<String> row : table.subList(1, table.size())) {
                    if (row.stream().allMatch(String::isEmpty)) {
                        continue; // all-empty records are skipped by design
                    }
                    assertEquals(row, src.next().fields());
                }
                assertNull(src.next());
            }
        } finally {
            Files.delete(p);
        }
    }
}
