package jp.vrsctl;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * User-facing messages from resource bundles (design.md §8). Each layer keeps its own bundle beside its
 * classes: {@code jp/vrsctl/<layer>/messages.properties} (UTF-8, Java 9+ reads properties bundles as UTF-8).
 * Use {@code Messages.of(MyClass.class).get("key", args...)}; a missing key is a bug and shows as {@code !key!}.
 */
public final class Messages {
    private final ResourceBundle bundle;

    private Messages(ResourceBundle bundle) { this.bundle = bundle; }

    public static Messages of(Class<?> owner) {
        String name = owner.getPackageName() + ".messages";
        return new Messages(ResourceBundle.getBundle(name, Locale.getDefault(), owner.getModule()));
    }

    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
        if (args.length == 0) {
            // MessageFormat syntax either way: a message without arguments still writes an apostrophe as ''
            return pattern.replace("''", "'");
        }
        MessageFormat format = new MessageFormat(pattern, Locale.ROOT);
        return format.format(args);
    }
}
