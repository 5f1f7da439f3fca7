package jp.vrsctl.cli;

import picocli.CommandLine.Option;

/** {@code --store URL}; flags beat {@code VRSCTL_STORE}, which beats the default {@code sqlite:./vrs.db}. */
final class StoreOptions {
    static final String DEFAULT = "sqlite:./vrs.db";

    @Option(names = "--store", paramLabel = "URL",
            description = "Store to use: sqlite:PATH (default sqlite:./vrs.db, or $VRSCTL_STORE).")
    String store;

    String url(Context ctx) {
        String u = store != null ? store : ctx.env("VRSCTL_STORE") != null ? ctx.env("VRSCTL_STORE") : DEFAULT;
        if (u.startsWith("sqlite:")) {
            String path = u.substring("sqlite:".length());
            return "sqlite:" + ctx.resolve(path);
        }
        return u;
    }
}
