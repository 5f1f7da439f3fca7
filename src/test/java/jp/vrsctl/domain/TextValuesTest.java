package jp.vrsctl.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextValuesTest {
    @Test
    void kanaWidensHalfWidthAndComposesVoicedMarks() {
        assertEquals("ヤマダ タロウ", Kana.normalize("ﾔﾏﾀﾞ ﾀﾛｳ"));
        assertEquals("パピプペポ", Kana.normalize("ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ"));
        assertEquals("ヴァイオリン", Kana.normalize("ｳﾞｧｲｵﾘﾝ"));
        assertEquals("コーヒー", Kana.normalize("ｺｰﾋｰ"));
    }

    @Test
    void kanaHiraganaBecomesKatakanaAndSpacesCollapse() {
        assertEquals("ヤマダ タロウ", Kana.normalize("やまだ\u3000\u3000たろう"));
        assertEquals("ヤマダ タロウ", Kana.normalize("  ヤマダ  \t タロウ "));
        assertEquals("サトウ・ジョン", Kana.normalize("さとう･ｼﾞｮﾝ"));
        assertEquals("イスヾ", Kana.normalize("いすゞ"));
        assertEquals("ヤマダタロウ", Kana.matchKey(Kana.normalize("ﾔﾏﾀﾞ ﾀﾛｳ")));
    }

    @Test
    void kanaRejectsOtherScriptsWithoutEchoingTheName() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> Kana.normalize("ヤマダ太郎"));
        assertTrue(e.getMessage().contains("character 4"), e.getMessage());
        assertFalse(e.getMessage().contains("太郎"));
        assertFalse(Kana.isValid("YAMADA"));
        assertFalse(Kana.isValid("ヤマダ-タロウ"));
        assertFalse(Kana.isValid(" \u3000 "));
    }

    @Test
    void personNameIsStoredByteIdentical() {
        for (String name : new String[] {"\uF929田 太郎", "葛\uDB40\uDD00飾 花子", "𠮷田 一郎", "\uE000山 次郎", " 山田\u3000太郎 ", "髙﨑 ①"}) {
            assertSame(name, PersonName.validate(name));
        }
        assertEquals(1, "𠮷".codePointCount(0, "𠮷".length()));
        assertEquals("𠮷".repeat(100), PersonName.validate("𠮷".repeat(100)));
    }

    @Test
    void personNameRejects() {
        assertThrows(InvalidValueException.class, () -> PersonName.validate(""));
        assertThrows(InvalidValueException.class, () -> PersonName.validate(null));
        assertThrows(InvalidValueException.class, () -> PersonName.validate(" \u3000 "));
        assertThrows(InvalidValueException.class, () -> PersonName.validate("𠮷".repeat(101)));
        assertThrows(InvalidValueException.class, () -> PersonName.validate("山田\u0000太郎"));
        assertThrows(InvalidValueException.class, () -> PersonName.validate("山田\n太郎"));
        assertThrows(InvalidValueException.class, () -> PersonName.validate("山田\u007F"));
        assertThrows(InvalidValueException.class, () -> PersonName.validate("山田\uD842"));
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> PersonName.validate("山田\t太郎"));
        assertFalse(e.getMessage().contains("山田"));
    }
}
