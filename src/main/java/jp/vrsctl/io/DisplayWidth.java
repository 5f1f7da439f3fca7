package jp.vrsctl.io;

/**
 * Terminal display width of text: East Asian Wide and Fullwidth characters count 2, combining marks,
 * variation selectors and format characters 0, everything else 1.
 *
 * <p>Hand-written over the main ranges of Unicode's EastAsianWidth.txt rather than taken from a library
 * (none is on the classpath, and the table only has to align Japanese text). East Asian "Ambiguous"
 * characters (①, Ⅲ, ○, private-use 外字) count 1, as in most modern terminals; on a terminal configured to
 * draw them wide, columns after them shift by one.
 */
public final class DisplayWidth {
    private DisplayWidth() {
    }

    /** The display width of {@code text} in terminal cells. */
    public static int of(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            width += of(cp);
            i += Character.charCount(cp);
        }
        return width;
    }

    /** The display width of one code point (0, 1 or 2). */
    public static int of(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || cp == 0x200B) {
            return 0;
        }
        return isWide(cp) ? 2 : 1;
    }

    private static boolean isWide(int cp) {
        return cp >= 0x1100 && cp <= 0x115F            // Hangul Jamo initials
                || cp >= 0x2E80 && cp <= 0x303E        // CJK radicals, Kangxi, CJK symbols and punctuation
                || cp >= 0x3041 && cp <= 0x33FF        // Hiragana, Katakana, Bopomofo, enclosed CJK, CJK compat
                || cp >= 0x3400 && cp <= 0x4DBF        // CJK extension A
                || cp >= 0x4E00 && cp <= 0x9FFF        // CJK unified ideographs
                || cp >= 0xA000 && cp <= 0xA4CF        // Yi
                || cp >= 0xAC00 && cp <= 0xD7A3        // Hangul syllables
                || cp >= 0xF900 && cp <= 0xFAFF        // CJK compatibility ideographs
                || cp >= 0xFE10 && cp <= 0xFE19        // vertical forms
                || cp >= 0xFE30 && cp <= 0xFE6F        // CJK compatibility forms, small form variants
                || cp >= 0xFF00 && cp <= 0xFF60        // fullwidth forms
                || cp >= 0xFFE0 && cp <= 0xFFE6        // fullwidth signs
                || cp >= 0x1F300 && cp <= 0x1F64F      // pictographs, emoticons
                || cp >= 0x1F900 && cp <= 0x1F9FF      // supplemental symbols and pictographs
                || cp >= 0x20000 && cp <= 0x2FFFD      // CJK extensions B..F, compatibility supplement
                || cp >= 0x30000 && cp <= 0x3FFFD;     // CJK extension G and later
    }
}
