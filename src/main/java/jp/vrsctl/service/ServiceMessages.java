package jp.vrsctl.service;

import jp.vrsctl.Messages;

final class ServiceMessages {
    private static final Messages M = Messages.of(ServiceMessages.class);

    private ServiceMessages() {}

    static String get(String key, Object... args) {
        return M.get(key, args);
    }
}
