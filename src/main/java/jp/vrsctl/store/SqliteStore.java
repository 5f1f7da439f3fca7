package jp.vrsctl.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;

/**
 * The embedded store: one SQLite file (design.md §7). WAL, {@code synchronous=FULL}, 60 s busy timeout,
 * {@code secure_delete=ON}, writes in {@code BEGIN IMMEDIATE}. One file is one trust domain: whoever can
 * write it can delete rows; the audit chain detects that, nothing prevents it.
 */
final class SqliteStore implements Store {
    /** File systems where SQLite's locking is known to break. */
    private static final Set<String> NETWORK_FS = Set.of("nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs",
            "afs", "9p", "fuse.sshfs", "sshfs", "davfs", "fuse.davfs2", "glusterfs", "ceph", "lustre");

    private final Path path;

    private SqliteStore(Path path) {
        this.path = path;
    }

    static SqliteStore open(String location, boolean create) {
        Path p = Path.of(location).toAbsolutePath().normalize();
        boolean exists = Files.exists(p);
        if (!exists && !create) {
            throw new VrsException(ExitCode.NOT_FOUND, StoreMessages.get("store.notfound", "sqlite:" + location));
        }
        refuseNetworkFileSystem(p);
        if (!exists) {
            createPrivate(p);
        }
        SqliteStore store = new SqliteStore(p);
        try (Connection c = store.connect()) {
            store.migrate(c, create);
        } catch (SQLException e) {
            throw translate(e, p.toString());
        }
        return store;
    }

    private static void refuseNetworkFileSystem(Path p) {
        Path dir = p.getParent();
        try {
            String type = Files.getFileStore(dir).type().toLowerCase(Locale.ROOT);
            if (NETWORK_FS.contains(type) || type.startsWith("nfs") || type.startsWith("smb")) {
                throw new VrsException(ExitCode.FAILURE, StoreMessages.get("store.network", p, type));
            }
        } catch (IOException e) {
            throw new VrsException(ExitCode.FAILURE, StoreMessages.get("store.error", e.getMessage()), e);
        }
    }

    /**
     * Creates the store file readable by its owner only (mode 0600, where POSIX): SQLite gives its -wal and
     * -shm files the same mode. The data is sealed, but user names and audit metadata are in clear.
     */
    private static void createPrivate(Path p) {
        try {
            if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(p, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // created concurrently: fine
        } catch (IOException e) {
            throw new VrsException(ExitCode.FAILURE, StoreMessages.get("store.error", e.getMessage()), e);
        }
    }

    Connection connect() throws SQLException {
        return connect(true);
    }

    /** A connection; {@code write} ones begin their transactions with BEGIN IMMEDIATE, read ones DEFERRED. */
    Connection connect(boolean write) throws SQLException {
        Properties props = new Properties();
        props.setProperty("journal_mode", "WAL");
        props.setProperty("synchronous", "FULL");
        props.setProperty("busy_timeout", "60000");
        props.setProperty("foreign_keys", "true");
        props.setProperty("transaction_mode", write ? "IMMEDIATE" : "DEFERRED");
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + path, props);
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA secure_delete=ON");
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("PRAGMA synchronous=FULL");
            st.execute("PRAGMA busy_timeout=60000");
            // 256 MiB of page cache (native memory, not Java heap): the blind-index B-trees of a 1M-resident
            // municipality must stay in memory during an import, since their inserts land at random places.
            st.execute("PRAGMA cache_size=" + (write ? "-262144" : "-65536"));
        }
        return c;
    }

    private void migrate(Connection c, boolean create) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            Integer version = SqlSchema.readVersion(c);
            if (version == null) {
                if (!SqlSchema.isEmpty(c)) {
                    throw new VrsException(ExitCode.FAILURE, StoreMessages.get("store.notvrs", path));
                }
                if (!create) {
                    throw new VrsException(ExitCode.NOT_FOUND, StoreMessages.get("store.notfound", describe()));
                }
                for (String ddl : SqlSchema.sqliteDdl()) {
                    st.execute(ddl);
                }
                st.execute("INSERT INTO schema_info(key, value) VALUES ('schema_version', '" + SCHEMA_VERSION + "')");
                c.commit();
            } else if (version > SCHEMA_VERSION) {
                throw new VrsException(ExitCode.FAILURE, StoreMessages.get("store.newer", describe(), version, SCHEMA_VERSION));
            } else {
                c.commit();
            }
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    @Override
    public UnitOfWork read() {
        return begin(false);
    }

    @Override
    public UnitOfWork write() {
        return begin(true);
    }

    private UnitOfWork begin(boolean write) {
        try {
            Connection c = pooled(write);
            if (c == null) {
                c = connect(write);
                c.setAutoCommit(false);
            }
            if (write) {
                // transaction_mode=IMMEDIATE makes the driver issue BEGIN IMMEDIATE: take the write lock now,
                // not at the first write, so two writers never deadlock half way through.
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT 1 FROM schema_info LIMIT 1");
                }
            }
            return new JdbcUnitOfWork(c, path.toString(), !write, (conn, reusable) -> giveBack(conn, write, reusable));
        } catch (SQLException e) {
            throw translate(e, path.toString());
        }
    }

    static VrsException translate(SQLException e, String where) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("SQLITE_BUSY") || msg.contains("database is locked")) {
            return new VrsException(ExitCode.CONFLICT, StoreMessages.get("store.busy"), e);
        }
        if (msg.contains("not a database") || msg.contains("SQLITE_NOTADB")) {
            return new VrsException(ExitCode.FAILURE, StoreMessages.get("store.notvrs", where), e);
        }
        return new VrsException(ExitCode.FAILURE, StoreMessages.get("store.error", msg), e);
    }

    @Override
    public String describe() {
        return "sqlite:" + path;
    }

    Path path() {
        return path;
    }

    /*
     * A small pool of idle connections per kind (read: DEFERRED, write: IMMEDIATE): opening a SQLite
     * connection and setting its pragmas costs more than an indexed lookup, and a command runs several units
     * of work (login, the command, its audit entries). At most POOL connections of each kind are kept.
     */
    private static final int POOL = 4;
    private final java.util.ArrayDeque<Connection> idleRead = new java.util.ArrayDeque<>();
    private final java.util.ArrayDeque<Connection> idleWrite = new java.util.ArrayDeque<>();
    private boolean closed;

    private synchronized Connection pooled(boolean write) {
        return (write ? idleWrite : idleRead).pollFirst();
    }

    private void giveBack(Connection c, boolean write, boolean reusable) {
        synchronized (this) {
            java.util.ArrayDeque<Connection> idle = write ? idleWrite : idleRead;
            if (reusable && !closed && idle.size() < POOL) {
                idle.addFirst(c);
                return;
            }
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to do
        }
    }

    @Override
    public void close() {
        java.util.List<Connection> all;
        synchronized (this) {
            closed = true;
            all = new java.util.ArrayList<>(idleRead);
            all.addAll(idleWrite);
            idleRead.clear();
            idleWrite.clear();
        }
        for (Connection c : all) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing more to do
            }
        }
    }
}
