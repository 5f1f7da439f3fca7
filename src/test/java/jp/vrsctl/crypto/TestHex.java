package jp.vrsctl.crypto;

import java.util.HexFormat;

final class TestHex {
    private TestHex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
