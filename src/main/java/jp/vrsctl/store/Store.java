package jp.vrsctl.store;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;

/**
 * A vrsctl store: a local SQLite file ({@code sqlite:PATH}) or, in a later issue, a shared PostgreSQL
 * server ({@code postgresql://HOST/DB}). Everything above this interface is the same for both.
 */
public interface Store extends AutoCloseable {

    /** The schema version this build writes and understands. */
    int SCHEMA_VERSION = 1;

    /** Opens (and, when {@code create}, creates) the store named by {@code url}. */
    static Store open(String url, boolean create) {
        if (url == null || url.isBlank()) {
            throw new VrsException(ExitCode.USAGE, StoreMessages.get("store.url.empty"));
        }
        if (url.startsWith("sqlite:")) {
            return SqliteStore.open(url.substring("sqlite:".length()), create);
        }
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            throw new VrsException(ExitCode.USAGE, StoreMessages.get("store.postgres.notyet"));
        }
        throw new VrsException(ExitCode.USAGE, StoreMessages.get("store.url.unknown", url));
    }

    /** A read-only unit of work (no write lock taken). */
    UnitOfWork read();

    /** A read-write unit of work; on SQLite it takes the write lock at once ({@code BEGIN IMMEDIATE}). */
    UnitOfWork write();

    /** A human description of where the store is (never contains a password). */
    String describe();

    @Override
    void close();
}
