package jp.vrsctl.cli;

import jp.vrsctl.Messages;

final class CliMessages {
    private static final Messages M = Messages.of(CliMessages.class);

    private CliMessages() {}

    static String get(String key, Object... args) {
        return M.get(key, args);
    }
}
