package jp.vrsctl.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The vaccine catalog: makers, products and dated minimum-interval rules, read from JSON
 * ({@code catalog.json} beside this class; an admin may load another with {@link #load(InputStream)}).
 * Immutable and thread-safe.
 */
public final class Catalog {
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");

    private final String asOf;
    private final List<Maker> makers;
    private final List<Product> products;
    private final List<IntervalRule> rules;
    private final Map<String, Maker> makerById;
    private final Map<String, Integer> primaryDoses;
    private final Map<String, Maker> makerByKey;
    private final Map<String, Product> productByKey;

    private Catalog(String asOf, List<Maker> makers, List<Product> products, Map<String, Integer> primaryDoses, List<IntervalRule> rules) {
        this.asOf = asOf;
        this.makers = List.copyOf(makers);
        this.products = List.copyOf(products);
        this.rules = List.copyOf(rules);
        this.primaryDoses = Map.copyOf(primaryDoses);
        Map<String, Maker> byId = new LinkedHashMap<>();
        Map<String, Maker> mKeys = new HashMap<>();
        for (Maker m : makers) {
            byId.put(m.id(), m);
            index(mKeys, m, m.id(), m.name(), m.englishName(), m.synonyms());
        }
        Map<String, Product> pKeys = new HashMap<>();
        for (Product p : products) {
            if (!byId.containsKey(p.makerId())) {
                throw Text.invalid("catalog.unknown_maker", p.id(), p.makerId());
            }
            index(pKeys, p, p.id(), p.name(), p.englishName(), p.synonyms());
        }
        this.makerById = Collections.unmodifiableMap(byId);
        this.makerByKey = Map.copyOf(mKeys);
        this.productByKey = Map.copyOf(pKeys);
    }

    private static <T> void index(Map<String, T> keys, T value, String id, String name, String englishName, List<String> synonyms) {
        List<String> all = new ArrayList<>(List.of(id, name, englishName));
        all.addAll(synonyms);
        for (String s : all) {
            T previous = keys.put(key(s), value);
            if (previous != null && previous != value) {
                throw Text.invalid("catalog.duplicate", s);
            }
        }
    }

    /** Matching key: NFKC, lower case, no whitespace (so {@code ＣＯＭＩＲＮＡＴＹ} and {@code Meiji Seika} match loosely typed input). */
    private static String key(String raw) {
        String s = Normalizer.normalize(raw, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return SPACES.matcher(s).replaceAll("");
    }

    private static final class Bundled {
        static final Catalog INSTANCE = loadBundled();

        private static Catalog loadBundled() {
            try (InputStream in = Catalog.class.getResourceAsStream("catalog.json")) {
                if (in == null) {
                    throw new IllegalStateException("bundled resource missing: catalog.json");
                }
                return load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("bundled catalog unreadable", e);
            }
        }
    }

    /** The catalog bundled with vrsctl, loaded once. */
    public static Catalog bundled() {
        return Bundled.INSTANCE;
    }

    /**
     * Reads a catalog in the layout of the bundled {@code catalog.json}. Does not close {@code in}.
     *
     * @throws InvalidValueException if the JSON is malformed or inconsistent
     */
    public static Catalog load(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw Text.invalid("catalog.unreadable", e.getOriginalMessage());
        }
        try {
            List<Maker> makers = new ArrayList<>();
            for (JsonNode n : required(root, "makers")) {
                makers.add(new Maker(text(n, "id"), text(n, "name"), text(n, "englishName"), strings(n, "synonyms")));
            }
            List<Product> products = new ArrayList<>();
            Map<String, Integer> primaryDoses = new HashMap<>();
            for (JsonNode n : required(root, "products")) {
                Product p = new Product(text(n, "id"), text(n, "name"), text(n, "englishName"), text(n, "maker"),
                        optionalText(n, "cvx"), text(n, "platform"), strings(n, "synonyms"));
                products.add(p);
                primaryDoses.put(p.id(), n.path("primaryDoses").asInt(2));
            }
            List<IntervalRule> rules = new ArrayList<>();
            for (JsonNode n : required(root, "intervalRules")) {
                JsonNode same = n.get("sameMaker");
                rules.add(new IntervalRule(text(n, "id"), text(n, "phase"), optionalStrings(n, "previousMakers"),
                        optionalStrings(n, "nextMakers"), optionalStrings(n, "nextPlatforms"),
                        same == null || same.isNull() ? null : same.asBoolean(), Period.parse(text(n, "interval")),
                        text(n, "counting"), LocalDate.parse(text(n, "validFrom")),
                        optionalText(n, "validUntil") == null ? null : LocalDate.parse(optionalText(n, "validUntil")),
                        optionalText(n, "comment")));
            }
            return new Catalog(text(root, "asOf"), makers, products, primaryDoses, rules);
        } catch (DateTimeParseException | IllegalArgumentException | NullPointerException e) {
            throw Text.invalid("catalog.unreadable", e.getMessage());
        }
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) {
            throw Text.invalid("catalog.unreadable", "missing array " + field);
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        String s = optionalText(n, field);
        if (s == null) {
            throw Text.invalid("catalog.unreadable", "missing text " + field);
        }
        return s;
    }

    private static String optionalText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode n, String field) {
        List<String> l = optionalStrings(n, field);
        return l == null ? List.of() : l;
    }

    private static List<String> optionalStrings(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        v.forEach(e -> out.add(e.asText()));
        return out;
    }

    /** The date of the catalog's data (ISO, e.g. {@code 2024-10-01}). */
    public String asOf() {
        return asOf;
    }

    public List<Maker> makers() {
        return makers;
    }

    public List<Product> products() {
        return products;
    }

    public List<IntervalRule> intervalRules() {
        return rules;
    }

    /** A product by id, name, English name or synonym (NFKC, trimmed, case- and space-insensitive). */
    public Optional<Product> findProduct(String raw) {
        return raw == null ? Optional.empty() : Optional.ofNullable(productByKey.get(key(raw)));
    }

    /** A maker by id, name, English name or synonym ({@code 武田/モデルナ} finds Moderna). */
    public Optional<Maker> findMaker(String raw) {
        return raw == null ? Optional.empty() : Optional.ofNullable(makerByKey.get(key(raw)));
    }

    /** The maker of a product of this catalog. */
    public Maker makerOf(Product product) {
        Maker m = makerById.get(product.makerId());
        if (m == null) {
            throw new IllegalArgumentException("product not of this catalog: " + product.id());
        }
        return m;
    }

    /** Doses in the product's primary series (2 for most, 1 for Janssen, 3 for the infant formulations). */
    public int primarySeriesDoses(Product product) {
        return primaryDoses.getOrDefault(product.id(), 2);
    }

    /**
     * The least period between the previous dose and the next one, by the rule in force on
     * {@code nextDate} ({@link IntervalRule#minimumInterval()}: Pfizer 1→2 is 19 days, an mRNA booster
     * from 2022-10-21 is 3 months).
     *
     * @throws InvalidValueException if no rule is in force on {@code nextDate} (before 2021-02-14)
     */
    public Period minimumInterval(Product previous, int previousDoseNumber, Product next, int nextDoseNumber, LocalDate nextDate) {
        return rule(previous, previousDoseNumber, next, nextDoseNumber, nextDate).minimumInterval();
    }

    /** The rule {@link #minimumInterval} uses. */
    public IntervalRule rule(Product previous, int previousDoseNumber, Product next, int nextDoseNumber, LocalDate nextDate) {
        Objects.requireNonNull(nextDate, "nextDate");
        boolean primary = isPrimaryStep(previous, previousDoseNumber, nextDoseNumber);
        IntervalRule best = null;
        for (IntervalRule r : rules) {
            if (r.inForceOn(nextDate) && r.fits(primary, previous, next) && (best == null || r.specificity() > best.specificity())) {
                best = r;
            }
        }
        if (best == null) {
            throw Text.invalid("catalog.no_rule");
        }
        return best;
    }

    /**
     * The earliest date the next dose may be given. Rules change over time, so this is the least date
     * {@code d} on which the rule in force on {@code d} allows it.
     */
    public LocalDate earliestNextDate(Product previous, int previousDoseNumber, LocalDate previousDate, Product next, int nextDoseNumber) {
        boolean primary = isPrimaryStep(previous, previousDoseNumber, nextDoseNumber);
        LocalDate earliest = null;
        for (IntervalRule r : rules) {
            if (!r.fits(primary, previous, next)) {
                continue;
            }
            LocalDate d = previousDate.plus(r.minimumInterval());
            if (d.isBefore(r.validFrom())) {
                d = r.validFrom();
            }
            if (r.inForceOn(d) && rule(previous, previousDoseNumber, next, nextDoseNumber, d) == r
                    && (earliest == null || d.isBefore(earliest))) {
                earliest = d;
            }
        }
        if (earliest == null) {
            throw Text.invalid("catalog.no_rule");
        }
        return earliest;
    }

    /**
     * Dose 1 → 2 of a product whose primary series has two or more doses. Everything else counts as a
     * booster (domain.md §4); the third primary dose of the infant formulations (8 weeks) is not modelled.
     */
    private boolean isPrimaryStep(Product previous, int previousDoseNumber, int nextDoseNumber) {
        return previousDoseNumber == 1 && nextDoseNumber == 2 && primarySeriesDoses(previous) >= 2;
    }
}
