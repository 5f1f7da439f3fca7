package jp.vrsctl.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A micro-check of the import hot path on two threads: seal three values and compute one blind index per
 * row, then open. It asserts correctness and counts only: no timing assertion, no output. (Run it under a
 * profiler or time it by hand when tuning; on 2 cores it should be far above 50,000 rows/s.)
 */
class AeadThroughputTest {
    private static final int ROWS_PER_THREAD = 20_000;

    @Test
    void twoThreadsSealOpenAndIndex() throws Exception {
        Aead aead = Aead.of(List.of(DataKey.generate("ops", 1)), 1);
        BlindIndex index = BlindIndex.of(DataKey.generate("index", 1), "131016");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    byte[] value = "ヤマダ タロウ synthetic 1990-01-01".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    int ok = 0;
                    for (int i = 0; i < ROWS_PER_THREAD; i++) {
                        String row = "r-" + thread + "-" + i;
                        byte[] a = aead.seal(value, new AeadContext("131016", "resident", row, "name", 1));
                        byte[] b = aead.seal(value, new AeadContext("131016", "resident", row, "kana", 1));
                        byte[] c = aead.seal(value, new AeadContext("131016", "resident", row, "birth", 1));
                        index.compute("my_number", Integer.toString(i));
                        assertArrayEquals(value, aead.open(a, new AeadContext("131016", "resident", row, "name", 1)));
                        if (b.length == c.length) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> f : results) {
                assertEquals(ROWS_PER_THREAD, f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(3L * 2 * ROWS_PER_THREAD, aead.encryptions(1));
    }
}
