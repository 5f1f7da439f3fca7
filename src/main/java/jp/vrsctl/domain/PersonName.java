package jp.vrsctl.domain;

/**
 * A person's name (氏名), stored exactly as received (domain.md §5): no NFC/NFKC (NFC turns U+F929 into
 * U+6717), no trimming. Variation selectors, surrogate pairs and private-use 外字 are kept as they are.
 */
public final class PersonName {
    /** Counted in code points, so 𠮷 (a surrogate pair) is one. */
    public static final int MAX_CODE_POINTS = 100;

    private PersonName() {
    }

    /**
     * Returns {@code raw} unchanged if it is a storable name; rejects empty or blank values, more than 100
     * code points, control characters (U+0000–U+001F, U+007F) and unpaired surrogates (which no encoding
     * can write).
     *
     * @throws InvalidValueException without the name in the message
     */
    public static String validate(String raw) {
        if (raw == null || raw.isEmpty() || raw.isBlank() || raw.codePoints().allMatch(PersonName::isSpace)) {
            throw Text.invalid("name.empty");
        }
        if (raw.codePointCount(0, raw.length()) > MAX_CODE_POINTS) {
            throw Text.invalid("name.too_long", String.valueOf(MAX_CODE_POINTS));
        }
        int position = 1;
        for (int i = 0; i < raw.length(); position++) {
            int cp = raw.codePointAt(i);
            if (cp < 0x20 || cp == 0x7F) {
                throw Text.invalid("name.control", String.valueOf(position), String.format("U+%04X", cp));
            }
            if (Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
                throw Text.invalid("name.surrogate", String.valueOf(position));
            }
            i += Character.charCount(cp);
        }
        return raw;
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }
}
