package jp.vrsctl.crypto;

import jp.vrsctl.Messages;

/** Package-private access to this package's message bundle. */
final class Msg {
    private static final Messages MESSAGES = Messages.of(Msg.class);

    private Msg() {
    }

    static String get(String key, Object... args) {
        return MESSAGES.get(key, args);
    }
}
