package jp.vrsctl.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One measured number of a scenario: one sample per repetition (or per run), reported as median and spread
 * (min/max), with the target when it has one. {@code met} is null when there is no target.
 */
final class Metric {
    final String id;
    final String group;
    final String title;
    final String unit;
    final List<Double> samples = new ArrayList<>();
    String target = "";
    Boolean met;
    /** How {@link #met} was judged (e.g. projected from N to 1M) and anything else a reader needs. */
    String note = "";

    Metric(String id, String group, String title, String unit) {
        this.id = id;
        this.group = group;
        this.title = title;
        this.unit = unit;
    }

    Metric add(double v) {
        samples.add(v);
        return this;
    }

    double median() {
        return percentile(samples, 50);
    }

    double min() {
        return samples.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double max() {
        return samples.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** Nearest-rank percentile of {@code values} (p in 0..100); the median of an even count is the mean of the middle two. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        if (p == 50) {
            int n = s.size();
            return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        }
        int rank = (int) Math.ceil(p / 100.0 * s.size());
        return s.get(Math.max(0, Math.min(s.size() - 1, rank - 1)));
    }

    String metText() {
        return met == null ? "—" : met ? "met" : "**not met**";
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("group", group);
        m.put("title", title);
        m.put("unit", unit);
        m.put("median", round(median()));
        m.put("min", round(min()));
        m.put("max", round(max()));
        m.put("samples", samples.stream().map(Metric::round).toList());
        m.put("target", target.isEmpty() ? null : target);
        m.put("met", met);
        m.put("note", note.isEmpty() ? null : note);
        return m;
    }

    static double round(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        double a = Math.abs(v);
        double scale = a >= 1000 ? 1 : a >= 10 ? 100 : 10000;
        return Math.round(v * scale) / scale;
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(java.util.Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(java.util.Locale.ROOT, "%.1f", v);
        }
        return String.format(java.util.Locale.ROOT, "%.3f", v);
    }
}
