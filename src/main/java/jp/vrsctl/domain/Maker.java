package jp.vrsctl.domain;

import java.util.List;
import java.util.Objects;

/**
 * A vaccine maker of the {@link Catalog}.
 *
 * @param id          ASCII slug, e.g. {@code moderna}
 * @param name        Japanese name, e.g. モデルナ
 * @param englishName e.g. Moderna
 * @param synonyms    other names found in files, e.g. 武田/モデルナ
 */
public record Maker(String id, String name, String englishName, List<String> synonyms) {
    public Maker {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(englishName, "englishName");
        synonyms = List.copyOf(synonyms);
    }
}
