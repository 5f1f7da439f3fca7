package jp.vrsctl.domain;

import java.util.Objects;

/**
 * A municipality of the code list.
 *
 * @param code       its code
 * @param name       full name with prefecture, e.g. 埼玉県狭山市
 * @param shortName  the municipality's own name, e.g. 狭山市
 * @param kana       reading of {@code shortName} in hiragana as published (e.g. さやまし)
 * @param prefecture prefecture name, e.g. 埼玉県
 */
public record Municipality(MunicipalityCode code, String name, String shortName, String kana, String prefecture) {
    public Municipality {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shortName, "shortName");
        Objects.requireNonNull(kana, "kana");
        Objects.requireNonNull(prefecture, "prefecture");
    }
}
