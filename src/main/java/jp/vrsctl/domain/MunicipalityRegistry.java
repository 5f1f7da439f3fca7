package jp.vrsctl.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The code list of municipalities (総務省 全国地方公共団体コード), so that a code that passes its check digit
 * but names no municipality is refused. The bundled list (ELASTIC Consultants' JSON, MIT licence, kept
 * beside it) is as of 2024-01-01; an admin may load a newer list with {@link #load(Path, Path, LocalDate)}.
 * Immutable and thread-safe.
 */
public final class MunicipalityRegistry {
    private static final String RESOURCE_DIR = "local-gov-codes/";
    private static final LocalDate BUNDLED_AS_OF = LocalDate.of(2024, 1, 1);

    private final Map<MunicipalityCode, Municipality> byCode;
    private final List<Municipality> all;
    /** Designated-city wards (行政区): ward code -> (ward full name, city). Not municipalities. */
    private final Map<MunicipalityCode, Ward> wards;
    private final LocalDate asOf;

    private record Ward(String name, MunicipalityCode city, String cityName) {
    }

    private MunicipalityRegistry(List<Municipality> municipalities, Map<MunicipalityCode, Ward> wards, LocalDate asOf) {
        List<Municipality> sorted = new ArrayList<>(municipalities);
        sorted.sort(Comparator.comparing(Municipality::code));
        Map<MunicipalityCode, Municipality> map = new HashMap<>();
        for (Municipality m : sorted) {
            if (map.put(m.code(), m) != null) {
                throw Text.invalid("registry.duplicate", m.code().value());
            }
        }
        this.all = Collections.unmodifiableList(sorted);
        this.byCode = Collections.unmodifiableMap(map);
        this.wards = Collections.unmodifiableMap(new HashMap<>(wards));
        this.asOf = asOf;
    }

    /** Lazily loaded once (initialisation-on-demand holder). */
    private static final class Bundled {
        static final MunicipalityRegistry INSTANCE = loadBundled();

        private static MunicipalityRegistry loadBundled() {
            try (InputStream cities = open("cities.json"); InputStream wards = open("wards.json")) {
                return new MunicipalityRegistry(readCities(cities), readWards(wards), BUNDLED_AS_OF);
            } catch (IOException e) {
                throw new UncheckedIOException("bundled municipality code list unreadable", e);
            }
        }

        private static InputStream open(String name) {
            InputStream in = MunicipalityRegistry.class.getResourceAsStream(RESOURCE_DIR + name);
            if (in == null) {
                throw new IllegalStateException("bundled resource missing: " + RESOURCE_DIR + name);
            }
            return in;
        }
    }

    /** The list bundled with vrsctl (as of 2024-01-01), loaded once. */
    public static MunicipalityRegistry bundled() {
        return Bundled.INSTANCE;
    }

    /**
     * Loads an admin-provided list in the bundled JSON layout.
     *
     * @param citiesJson array of objects with {@code code}, {@code name}, {@code city_name}, {@code city_kana}, {@code pref_name}
     * @param wardsJson  the designated-city wards, or {@code null} for none
     * @param asOf       the date the list is valid at (shown in messages)
     */
    public static MunicipalityRegistry load(Path citiesJson, Path wardsJson, LocalDate asOf) throws IOException {
        Objects.requireNonNull(asOf, "asOf");
        List<Municipality> cities;
        try (InputStream in = Files.newInputStream(citiesJson)) {
            cities = readCities(in);
        }
        Map<MunicipalityCode, Ward> wards = Map.of();
        if (wardsJson != null) {
            try (InputStream in = Files.newInputStream(wardsJson)) {
                wards = readWards(in);
            }
        }
        return new MunicipalityRegistry(cities, wards, asOf);
    }

    /**
     * Loads an admin-provided list; the list's date is taken to be the last-modified date of
     * {@code citiesJson} (the JSON itself carries no date). Prefer {@link #load(Path, Path, LocalDate)}.
     */
    public static MunicipalityRegistry load(Path citiesJson, Path wardsJson) throws IOException {
        LocalDate modified = LocalDate.ofInstant(Files.getLastModifiedTime(citiesJson).toInstant(), java.time.ZoneId.of("Asia/Tokyo"));
        return load(citiesJson, wardsJson, modified);
    }

    private static List<Municipality> readCities(InputStream in) throws IOException {
        List<Municipality> out = new ArrayList<>();
        for (JsonNode n : array(in)) {
            MunicipalityCode code = MunicipalityCode.parse(text(n, "code"));
            out.add(new Municipality(code, text(n, "name"), text(n, "city_name"), text(n, "city_kana"), text(n, "pref_name")));
        }
        return out;
    }

    private static Map<MunicipalityCode, Ward> readWards(InputStream in) throws IOException {
        Map<MunicipalityCode, Ward> out = new HashMap<>();
        for (JsonNode n : array(in)) {
            out.put(MunicipalityCode.parse(text(n, "code")),
                    new Ward(text(n, "name"), MunicipalityCode.parse(text(n, "city_code")), text(n, "city_name")));
        }
        return out;
    }

    private static JsonNode array(InputStream in) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        if (root == null || !root.isArray()) {
            throw Text.invalid("registry.not_array");
        }
        return root;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw Text.invalid("registry.missing_field", field);
        }
        return v.asText();
    }

    /** The municipality with this code, if the list has it. */
    public Optional<Municipality> find(MunicipalityCode code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /**
     * Parses {@code raw} and requires it to name a municipality of the list.
     *
     * @throws InvalidValueException for a bad code, a designated-city ward's code (names the city to use),
     *                               or a code not in the list (names the list's date)
     */
    public Municipality require(String raw) {
        MunicipalityCode code = MunicipalityCode.parse(raw);
        Municipality m = byCode.get(code);
        if (m != null) {
            return m;
        }
        Ward ward = wards.get(code);
        if (ward != null) {
            throw Text.invalid("municipality.ward", code.value(), ward.name(), ward.cityName(), ward.city().value());
        }
        throw Text.invalid("municipality.unknown", code.value(), asOf.toString());
    }

    /** Every municipality, sorted by code. */
    public List<Municipality> all() {
        return all;
    }

    /** The date the list is valid at. */
    public LocalDate asOf() {
        return asOf;
    }
}
