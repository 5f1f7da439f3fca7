package jp.vrsctl.domain;

import java.util.List;
import java.util.Objects;

/**
 * A vaccine product of the {@link Catalog}.
 *
 * @param id          ASCII slug, e.g. {@code comirnaty-xbb1-5}
 * @param name        Japanese name as on the package insert
 * @param englishName English name
 * @param makerId     the {@link Maker#id()}
 * @param cvx         CVX code for certificates, or {@code null} when none is known
 * @param platform    {@code mRNA}, {@code protein}, {@code viral-vector} or {@code saRNA}
 * @param synonyms    other names found in files
 */
public record Product(String id, String name, String englishName, String makerId, String cvx, String platform, List<String> synonyms) {
    public Product {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(englishName, "englishName");
        Objects.requireNonNull(makerId, "makerId");
        Objects.requireNonNull(platform, "platform");
        synonyms = List.copyOf(synonyms);
    }
}
