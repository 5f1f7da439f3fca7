package jp.vrsctl.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import jp.vrsctl.io.ColumnSpec;
import jp.vrsctl.io.CsvFileWriter;
import jp.vrsctl.io.CsvRow;
import jp.vrsctl.io.CsvSource;
import jp.vrsctl.io.Digests;
import jp.vrsctl.io.HeaderMap;
import jp.vrsctl.store.UnitOfWork;

/**
 * The mechanics every CSV import shares (formats.md): decode, match headers, validate each row and report
 * it by file, line and column, all-or-nothing by default, {@code --skip-invalid} with a rejects file,
 * {@code --dry-run}, one audit entry per import whose sequence number every written row records.
 *
 * <p>All rows are processed inside one write transaction; when any row is invalid (without
 * {@code --skip-invalid}) or on a dry run the transaction is rolled back, so nothing is half-written.
 * Rows later in a file may depend on rows earlier in it (a dose 2 after its dose 1), which is why rows are
 * written as they are validated rather than in a separate pass.
 */
final class CsvImport {

    enum Outcome { ADDED, UPDATED, UNCHANGED }

    /** Handles one row: validates it completely, then writes it. Returns null when {@code errors} is not ok. */
    interface RowHandler {
        Outcome handle(CsvRow row, RowErrors errors, List<String> warnings);

        /** Residents the import entry must name (e.g. those whose confirmed doses an override replaced). */
        default List<String> subjects() {
            return List.of();
        }

        /** Extra details for the import entry (sealed). */
        default Map<String, Object> details() {
            return Map.of();
        }
    }

    /**
     * A handler split in two so that the expensive, pure part (parsing, validation, blind indexes, sealing)
     * runs on worker threads while the store is written in file order on the calling thread.
     */
    interface TwoPhaseHandler<P> extends RowHandler {
        /** Thread-safe, touches no store: validates the row into {@code errors} and prepares what to write. */
        P prepare(CsvRow row, RowErrors errors);

        /** On the importing thread, in file order: checks against the store and writes. Null when rejected. */
        Outcome apply(CsvRow row, P prepared, RowErrors errors, List<String> warnings);

        @Override
        default Outcome handle(CsvRow row, RowErrors errors, List<String> warnings) {
            P p = prepare(row, errors);
            return errors.ok() ? apply(row, p, errors, warnings) : null;
        }
    }

    /** One row read, with its validation errors and (for a two-phase handler) what was prepared. */
    private record Item(CsvRow row, RowErrors errors, Object prepared) {}

    /**
     * Reads batches of rows on the calling thread and prepares them on a small pool, keeping a few batches in
     * flight; hands them back in file order. Memory stays bounded (at most IN_FLIGHT batches).
     */
    private static final class ParallelRows implements AutoCloseable {
        private static final int BATCH = 512;
        private static final int IN_FLIGHT = 4;
        private final CsvSource csv;
        private final TwoPhaseHandler<?> handler;
        private final String display;
        private final HeaderMap header;
        private final java.util.concurrent.ExecutorService pool;
        private final java.util.ArrayDeque<java.util.concurrent.Future<List<Item>>> pending = new java.util.ArrayDeque<>();
        private java.util.Iterator<Item> current = java.util.Collections.emptyIterator();
        private boolean eof;

        ParallelRows(CsvSource csv, TwoPhaseHandler<?> handler, String display, HeaderMap header, int threads) {
            this.csv = csv;
            this.handler = handler;
            this.display = display;
            this.header = header;
            this.pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "vrsctl-import");
                t.setDaemon(true);
                return t;
            });
        }

        private void fill() {
            while (!eof && pending.size() < IN_FLIGHT) {
                List<CsvRow> batch = new ArrayList<>(BATCH);
                CsvRow r;
                while (batch.size() < BATCH && (r = csv.next()) != null) {
                    batch.add(r);
                }
                if (batch.size() < BATCH) {
                    eof = true;
                }
                if (!batch.isEmpty()) {
                    pending.add(pool.submit(() -> {
                        List<Item> out = new ArrayList<>(batch.size());
                        for (CsvRow row : batch) {
                            RowErrors e = new RowErrors(display, header, row);
                            Object p = handler.prepare(row, e);
                            out.add(new Item(row, e, p));
                        }
                        return out;
                    }));
                }
            }
        }

        Item next() {
            while (!current.hasNext()) {
                fill();
                if (pending.isEmpty()) {
                    return null;
                }
                try {
                    current = pending.poll().get().iterator();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
            return current.next();
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    /** Worker threads for two-phase imports: the cores, less none (the importing thread mostly waits on SQLite). */
    static int workers() {
        return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    interface HandlerFactory {
        RowHandler create(UnitOfWork uow, HeaderMap header, long auditSeq);
    }

    private CsvImport() {}

    static ImportSummary run(Session session, AuditLog audit, Path file, ImportOptions opts, List<ColumnSpec> specs,
                             String command, HandlerFactory factory) {
        String display = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new VrsException(ExitCode.NOT_FOUND, ServiceMessages.get("import.nofile", display));
        }
        String digest = Digests.sha256Hex(file);
        long rows = 0;
        long added = 0;
        long updated = 0;
        long unchanged = 0;
        long rejected = 0;
        long warningCount = 0;
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Path rejectsPath = null;
        CsvFileWriter rejects = null;
        long seq;
        boolean written = false;
        ParallelRows parallel = null;
        RowHandler[] handlerRef = new RowHandler[1];
        try (CsvSource csv = CsvSource.open(file, opts.encoding());
             UnitOfWork uow = session.store().write()) {
            HeaderMap header = HeaderMap.resolve(display, csv.header(), specs, opts.ignoreUnknown());
            seq = audit.nextSeq(uow, session.municipality());
            RowHandler handler = factory.create(uow, header, seq);
            handlerRef[0] = handler;
            @SuppressWarnings("unchecked")
            TwoPhaseHandler<Object> twoPhase = handler instanceof TwoPhaseHandler<?> t && workers() > 1
                    ? (TwoPhaseHandler<Object>) t : null;
            parallel = twoPhase == null ? null : new ParallelRows(csv, twoPhase, display, header, workers());
            while (true) {
                CsvRow row;
                RowErrors rowErrors;
                Object prepared = null;
                if (parallel != null) {
                    Item item = parallel.next();
                    if (item == null) {
                        break;
                    }
                    row = item.row();
                    rowErrors = item.errors();
                    prepared = item.prepared();
                } else {
                    row = csv.next();
                    if (row == null) {
                        break;
                    }
                    rowErrors = new RowErrors(display, header, row);
                }
                rows++;
                List<String> rowWarnings = new ArrayList<>();
                Outcome outcome;
                if (!rowErrors.ok()) {
                    outcome = null;
                } else if (twoPhase != null) {
                    outcome = twoPhase.apply(row, prepared, rowErrors, rowWarnings);
                } else {
                    outcome = handler.handle(row, rowErrors, rowWarnings);
                }
                if (!rowErrors.ok() || outcome == null) {
                    rejected++;
                    for (String p : rowErrors.problems()) {
                        if (errors.size() < ImportSummary.MAX_LISTED) {
                            errors.add(p);
                        }
                    }
                    if (opts.skipInvalid() && !opts.dryRun()) {
                        if (rejects == null) {
                            rejectsPath = opts.rejectsFile() != null ? opts.rejectsFile() : defaultRejects(file);
                            rejects = CsvFileWriter.createNew(rejectsPath, StandardCharsets.UTF_8, true, "\r\n", false);
                            List<String> head = new ArrayList<>(csv.header());
                            head.add("error");
                            rejects.writeRow(head);
                        }
                        List<String> out = new ArrayList<>(row.fields());
                        out.add(rowErrors.joined());
                        rejects.writeRow(out);
                    }
                } else {
                    switch (outcome) {
                        case ADDED -> added++;
                        case UPDATED -> updated++;
                        default -> unchanged++;
                    }
                }
                for (String w : rowWarnings) {
                    warningCount++;
                    if (warnings.size() < ImportSummary.MAX_LISTED) {
                        warnings.add(w);
                    }
                }
                if (opts.progress() != null && (rows & 1023) == 0) {
                    opts.progress().accept(rows);
                }
            }
            if (opts.progress() != null) {
                opts.progress().accept(rows);
            }
            Map<String, Long> counts = counts(rows, added, updated, unchanged, rejected, warningCount);
            boolean commit = !opts.dryRun() && (rejected == 0 || opts.skipInvalid());
            if (commit) {
                Map<String, Object> details = new LinkedHashMap<>(details(file, digest));
                details.putAll(handler.details());
                audit.append(uow, session, seq, new AuditLog.Entry(AuditLog.IMPORT, command,
                        rejected == 0 ? "ok" : "partial", counts, handler.subjects(), details));
                if (rejects != null) {
                    rejects.close();
                    rejects = null;
                }
                uow.commit();
                written = true;
            } else {
                uow.rollback();
            }
        } catch (RuntimeException e) {
            closeQuietly(rejects);
            deleteQuietly(rejectsPath);
            auditAttempt(session, audit, command, "failed", Map.of("rows", rows), file, digest);
            throw e;
        } finally {
            closeQuietly(rejects);
            if (parallel != null) {
                parallel.close();
            }
            if (handlerRef[0] instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // read-only resources
                }
            }
        }
        if (!written) {
            auditAttempt(session, audit, command, opts.dryRun() ? "dry-run" : "rejected",
                    counts(rows, added, updated, unchanged, rejected, warningCount), file, digest);
        }
        return new ImportSummary(display, digest, rows, added, updated, unchanged, rejected, warningCount,
                List.copyOf(errors), List.copyOf(warnings), opts.dryRun(), written, written ? rejectsPath : null,
                written ? seq : 0);
    }

    private static Map<String, Long> counts(long rows, long added, long updated, long unchanged, long rejected,
                                            long warnings) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("rows", rows);
        m.put("added", added);
        m.put("updated", updated);
        m.put("unchanged", unchanged);
        m.put("rejected", rejected);
        m.put("warnings", warnings);
        return m;
    }

    private static Map<String, Object> details(Path file, String digest) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("file", file.getFileName().toString());
        d.put("sha256", digest);
        return d;
    }

    /** An import that wrote nothing is still audited (design.md §5), in its own transaction. */
    private static void auditAttempt(Session session, AuditLog audit, String command, String outcome,
                                     Map<String, Long> counts, Path file, String digest) {
        try (UnitOfWork uow = session.store().write()) {
            audit.append(uow, session, new AuditLog.Entry(AuditLog.IMPORT, command, outcome, counts, List.of(),
                    details(file, digest)));
            uow.commit();
        }
    }

    static Path defaultRejects(Path input) {
        String name = input.getFileName().toString();
        String base = name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        Path dir = input.toAbsolutePath().getParent();
        Path p = dir.resolve(base + ".rejects.csv");
        int i = 2;
        while (Files.exists(p)) {
            p = dir.resolve(base + ".rejects-" + i++ + ".csv");
        }
        return p;
    }

    private static void closeQuietly(CsvFileWriter w) {
        if (w != null) {
            try {
                w.close();
            } catch (RuntimeException ignored) {
                // already failing
            }
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
