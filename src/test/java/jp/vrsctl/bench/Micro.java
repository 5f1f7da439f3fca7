package jp.vrsctl.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks of this package ({@link CryptoBench}, {@link UnlockBench}) in forked JVMs with
 * their annotated warm-up and measurement, and turns the results into report rows. Needs a real class path
 * ({@code java -cp ...}), as under {@code exec:exec}; JMH cannot fork from inside Maven's class loader.
 */
final class Micro {
    private Micro() {}

    static void run(List<Map<String, Object>> into) throws RunnerException {
        Options opts = new OptionsBuilder()
                .include("^" + Micro.class.getPackageName().replace(".", "\\.") + "\\..*Bench\\.")
                .shouldFailOnError(true)
                .build();
        for (RunResult r : new Runner(opts).run()) {
            Result<?> p = r.getPrimaryResult();
            Map<String, Object> m = new LinkedHashMap<>();
            String bench = r.getParams().getBenchmark();
            m.put("benchmark", bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1));
            m.put("mode", r.getParams().getMode().shortLabel());
            m.put("score", Metric.round(p.getScore()));
            m.put("error_99_9", Double.isNaN(p.getScoreError()) ? null : Metric.round(p.getScoreError()));
            m.put("min", Metric.round(p.getStatistics().getMin()));
            m.put("max", Metric.round(p.getStatistics().getMax()));
            m.put("unit", p.getScoreUnit());
            m.put("iterations", p.getStatistics().getN());
            m.put("forks", r.getParams().getForks());
            into.add(m);
        }
    }
}
