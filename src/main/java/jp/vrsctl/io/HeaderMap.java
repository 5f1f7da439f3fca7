package jp.vrsctl.io;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jp.vrsctl.Messages;

/**
 * Which field of a record holds which column, resolved from a file's header (formats.md, top section).
 *
 * <p>Header names are matched after removing a leading byte order mark, NFKC, trimming and lower-casing,
 * against the English and the Japanese name of each {@link ColumnSpec} (normalised the same way); so
 * {@code ＡＤＤＲＥＳＳ＿ＮＵＭＢＥＲ}, {@code " Address_Number "} and {@code 宛名番号} all match. Column order is
 * free. Immutable.
 */
public final class HeaderMap {
    private static final Messages MSG = Messages.of(HeaderMap.class);
    /** Four or more digits in a header cell suggest a data row (a file without a header): never echo them. */
    private static final Pattern LONG_DIGITS = Pattern.compile("\\d{4,}");

    private final Map<String, Integer> indexByKey;
    private final Map<String, String> nameByKey;
    private final List<String> ignored;

    private HeaderMap(Map<String, Integer> indexByKey, Map<String, String> nameByKey, List<String> ignored) {
        this.indexByKey = Map.copyOf(indexByKey);
        this.nameByKey = Map.copyOf(nameByKey);
        this.ignored = List.copyOf(ignored);
    }

    /**
     * Resolves a header whose record is on line 1.
     *
     * @param file          the file's display name, for errors
     * @param header        the header's fields, raw
     * @param specs         the columns the import understands
     * @param ignoreUnknown whether unknown columns are ignored rather than refused
     * @throws InputException for an unknown column (unless {@code ignoreUnknown}), a column given twice (also
     *                        under its English and its Japanese name), missing required columns (all listed),
     *                        or a header in which no column is recognised (probably a file without a header;
     *                        its cells are not echoed, as they may be personal data)
     */
    public static HeaderMap resolve(String file, List<String> header, List<ColumnSpec> specs, boolean ignoreUnknown) {
        return resolve(file, 1, header, specs, ignoreUnknown);
    }

    /** Resolves the header of {@code source}, reporting errors on its actual header line. */
    public static HeaderMap resolve(CsvSource source, List<ColumnSpec> specs, boolean ignoreUnknown) {
        return resolve(source.file(), source.headerLine(), source.header(), specs, ignoreUnknown);
    }

    /** Resolves a header found on line {@code headerLine}. */
    public static HeaderMap resolve(String file, long headerLine, List<String> header, List<ColumnSpec> specs,
                                    boolean ignoreUnknown) {
        Map<String, ColumnSpec> byName = specsByName(specs);
        int width = header.size();
        while (width > 0 && normalize(header.get(width - 1)).isEmpty()) {
            width--;
        }
        Map<String, Integer> indexByKey = new LinkedHashMap<>();
        Map<String, String> nameByKey = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            String raw = header.get(i);
            ColumnSpec spec = byName.get(normalize(raw));
            if (spec == null) {
                unknown.add(raw);
                continue;
            }
            if (indexByKey.containsKey(spec.key())) {
                throw new InputException(file, headerLine, safeName(raw), MSG.get("header.duplicate",
                        safeName(header.get(indexByKey.get(spec.key())))));
            }
            indexByKey.put(spec.key(), i);
            nameByKey.put(spec.key(), displayName(raw));
        }
        if (indexByKey.isEmpty()) {
            throw new InputException(file, headerLine, null, MSG.get("header.noneKnown", expected(specs)));
        }
        if (!unknown.isEmpty() && !ignoreUnknown) {
            String first = unknown.get(0);
            String problem = normalize(first).isEmpty()
                    ? MSG.get("header.blank")
                    : MSG.get("header.unknown", expected(specs));
            throw new InputException(file, headerLine, safeName(first), problem);
        }
        List<String> missing = specs.stream()
                .filter(s -> s.required() && !indexByKey.containsKey(s.key()))
                .map(s -> s.english() + " (" + s.japanese() + ")")
                .collect(Collectors.toList());
        if (!missing.isEmpty()) {
            throw new InputException(file, headerLine, null,
                    MSG.get("header.missing", String.join(", ", missing)));
        }
        List<String> ignored = unknown.stream().map(HeaderMap::safeName).collect(Collectors.toList());
        return new HeaderMap(indexByKey, nameByKey, ignored);
    }

    /** Whether the file has the column. */
    public boolean has(String key) {
        return indexByKey.containsKey(key);
    }

    /** The field index of the column, or -1 if the file does not have it. */
    public int index(String key) {
        return indexByKey.getOrDefault(key, -1);
    }

    /**
     * The raw text of the column in {@code row}: {@code null} if the file has no such column, otherwise the
     * field exactly as read (possibly {@code ""}).
     */
    public String get(CsvRow row, String key) {
        Integer i = indexByKey.get(key);
        if (i == null) {
            return null;
        }
        return i < row.fields().size() ? row.fields().get(i) : "";
    }

    /** The column's header text as it appears in the file (BOM and surrounding spaces removed), or null. */
    public String headerName(String key) {
        return nameByKey.get(key);
    }

    /** The keys of the columns the file has. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(indexByKey.keySet());
    }

    /** Header names that matched no column and were ignored ({@code ignoreUnknown}), for a warning. */
    public List<String> ignoredColumns() {
        return ignored;
    }

    /** The form in which header names are compared: BOM removed, NFKC, trimmed, lower-cased. */
    public static String normalize(String name) {
        String s = stripBom(name == null ? "" : name);
        return Normalizer.normalize(s, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }

    /** A header text for messages: BOM and surrounding white space removed. */
    static String displayName(String raw) {
        return stripBom(raw == null ? "" : raw).strip();
    }

    /** A header text for messages, with long digit runs masked in case the "header" is really data. */
    static String safeName(String raw) {
        String name = displayName(raw);
        String nfkc = Normalizer.normalize(name, Normalizer.Form.NFKC);
        if (LONG_DIGITS.matcher(nfkc).find()) {
            return LONG_DIGITS.matcher(nfkc).replaceAll(m -> "*".repeat(m.group().length()));
        }
        return name.length() > 60 ? name.substring(0, 60) + "…" : name;
    }

    private static String stripBom(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '\uFEFF') {
            i++;
        }
        return s.substring(i);
    }

    private static Map<String, ColumnSpec> specsByName(List<ColumnSpec> specs) {
        Map<String, ColumnSpec> byName = new HashMap<>();
        Set<String> keys = new java.util.HashSet<>();
        for (ColumnSpec spec : specs) {
            if (!keys.add(spec.key())) {
                throw new IllegalArgumentException("duplicate column key " + spec.key());
            }
            for (String name : List.of(spec.english(), spec.japanese())) {
                ColumnSpec previous = byName.put(normalize(name), spec);
                if (previous != null && previous != spec) {
                    throw new IllegalArgumentException("column name " + name + " used twice");
                }
            }
        }
        return byName;
    }

    private static String expected(List<ColumnSpec> specs) {
        return specs.stream().map(ColumnSpec::english).collect(Collectors.joining(", "));
    }
}
