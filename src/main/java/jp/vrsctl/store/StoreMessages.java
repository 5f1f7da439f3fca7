package jp.vrsctl.store;

import jp.vrsctl.Messages;

final class StoreMessages {
    private static final Messages M = Messages.of(StoreMessages.class);

    private StoreMessages() {}

    static String get(String key, Object... args) { return M.get(key, args); }
}
