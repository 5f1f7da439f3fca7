package jp.vrsctl.service;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import jp.vrsctl.domain.Catalog;
import jp.vrsctl.domain.DoseNumber;
import jp.vrsctl.domain.JapaneseDate;
import jp.vrsctl.domain.LotNumber;
import jp.vrsctl.domain.Maker;
import jp.vrsctl.domain.MunicipalityCode;
import jp.vrsctl.domain.MunicipalityRegistry;
import jp.vrsctl.domain.OcrLine;
import jp.vrsctl.domain.Product;
import jp.vrsctl.domain.TicketNumber;
import jp.vrsctl.io.ColumnSpec;
import jp.vrsctl.service.Blobs.DoseOps;
import jp.vrsctl.service.Blobs.ResidentOps;
import jp.vrsctl.store.Records.DoseRow;
import jp.vrsctl.store.Records.ResidentRow;
import jp.vrsctl.store.Records.TicketRow;
import jp.vrsctl.store.UnitOfWork;

/**
 * Doses: record at a venue, import in bulk, list, show, correct, void, confirm (issue 2 §7) with the checks
 * of domain.md §6 items 1–6, 11 and 12.
 */
public final class DoseService {
    static final String TABLE = "dose";
    static final String ACTIVE = "active";
    static final String VOID = "void";

    static final List<ColumnSpec> COLUMNS = List.of(
            new ColumnSpec("ticket_number", "ticket_number", "券番号", false),
            new ColumnSpec("ocr_line", "ocr_line", "OCR", false),
            new ColumnSpec("birth_date", "birth_date", "生年月日", true),
            new ColumnSpec("dose_number", "dose_number", "接種回", true),
            new ColumnSpec("dose_date", "dose_date", "接種日", true),
            new ColumnSpec("product", "product", "製品名", true),
            new ColumnSpec("maker", "maker", "ワクチンメーカー", false),
            new ColumnSpec("lot", "lot", "ロット番号", true),
            new ColumnSpec("venue_code", "venue_code", "接種会場コード", false),
            new ColumnSpec("venue_name", "venue_name", "接種会場名", false),
            new ColumnSpec("doctor", "doctor", "接種医師名", false),
            new ColumnSpec("administered_in", "administered_in", "接種自治体コード", false));

    private final Clock clock;
    private final AuditLog audit;

    public DoseService(Clock clock) {
        this.clock = clock;
        this.audit = new AuditLog(clock);
    }

    /** A decrypted dose. {@code product} is the catalog product id. */
    public record Dose(String id, String residentId, int doseNumber, LocalDate date, String product, String lot,
                       String venueCode, String venueName, String doctor, String administeredIn, String ticketId,
                       String source, String reason, boolean confirmed, String status, long version, long auditSeq,
                       String updatedAt) {}

    static Dose decrypt(Session s, DoseRow r) {
        DoseOps o = Blobs.open(s.keys().ops(), s.municipality(), TABLE, r.id(), "ops", r.version(), r.ops(), DoseOps.class);
        return dose(r, o);
    }

    /** The dose a row and its opened blob make (what {@link #decrypt} returns). */
    static Dose dose(DoseRow r, DoseOps o) {
        return new Dose(r.id(), r.residentId(), r.doseNumber(), LocalDate.parse(o.date()), o.product(), o.lot(),
                o.venueCode(), o.venueName(), o.doctor(), o.administeredIn(), o.ticketId(), o.source(), o.reason(),
                r.confirmed(), r.status(), r.version(), r.auditSeq(), r.updatedAt());
    }

    static List<Dose> dosesOf(Session s, UnitOfWork uow, String residentId) {
        List<Dose> out = new ArrayList<>();
        for (DoseRow d : uow.dosesOfResident(s.municipality(), residentId)) {
            out.add(decrypt(s, d));
        }
        return out;
    }

    private static DoseRow seal(Session s, String id, long version, String residentId, int n, String status,
                                boolean confirmed, DoseOps ops, long seq, String now) {
        return new DoseRow(s.municipality(), id, version, residentId, n, status, confirmed,
                Blobs.seal(s.keys().ops(), s.municipality(), TABLE, id, "ops", version, ops), seq, now);
    }

    /** The values of one dose, validated. */
    record Values(int doseNumber, LocalDate date, Product product, String lot, String venueCode, String venueName,
                  String doctor, String administeredIn) {}

    /**
     * The rules a dose must keep against the person's other active doses (domain.md §6 items 3, 6): a date
     * not before birth, not after {@code asOf}, in order with the doses below and above it, with the product's
     * minimum intervals. Returns the problem, or null.
     */
    static String checkAgainst(Catalog catalog, Values v, LocalDate birth, LocalDate asOf, List<Dose> others) {
        if (v.date().isAfter(asOf)) {
            return ServiceMessages.get("date.future", asOf);
        }
        if (v.date().isBefore(birth)) {
            return ServiceMessages.get("date.beforebirth");
        }
        Optional<Dose> below = others.stream().filter(d -> ACTIVE.equals(d.status()) && d.doseNumber() < v.doseNumber())
                .max(Comparator.comparingInt(Dose::doseNumber));
        Optional<Dose> above = others.stream().filter(d -> ACTIVE.equals(d.status()) && d.doseNumber() > v.doseNumber())
                .min(Comparator.comparingInt(Dose::doseNumber));
        if (below.isPresent()) {
            Dose b = below.get();
            Product bp = catalog.findProduct(b.product()).orElse(v.product());
            LocalDate earliest = catalog.earliestNextDate(bp, b.doseNumber(), b.date(), v.product(), v.doseNumber());
            if (v.date().isBefore(earliest)) {
                return ServiceMessages.get("dose.interval", b.doseNumber(), b.date(), earliest);
            }
        }
        if (above.isPresent()) {
            Dose a = above.get();
            Product ap = catalog.findProduct(a.product()).orElse(v.product());
            LocalDate earliest = catalog.earliestNextDate(v.product(), v.doseNumber(), v.date(), ap, a.doseNumber());
            if (a.date().isBefore(earliest)) {
                return ServiceMessages.get("dose.interval.above", a.doseNumber(), a.date());
            }
        }
        return null;
    }

    private static String administeredIn(String raw, String own) {
        if (raw == null || raw.isBlank()) {
            return own;
        }
        return MunicipalityRegistry.bundled().require(raw).code().value();
    }

    private static Product product(Catalog catalog, String raw) {
        return catalog.findProduct(raw).orElseThrow(() -> new VrsException(ExitCode.INVALID_INPUT,
                ServiceMessages.get("dose.product.unknown")));
    }

    private static void checkMaker(Catalog catalog, Product p, String rawMaker) {
        if (rawMaker == null || rawMaker.isBlank()) {
            return;
        }
        Maker m = catalog.findMaker(rawMaker).orElseThrow(() -> new VrsException(ExitCode.INVALID_INPUT,
                ServiceMessages.get("dose.maker.unknown")));
        if (!m.id().equals(p.makerId())) {
            throw new VrsException(ExitCode.INVALID_INPUT, ServiceMessages.get("dose.maker.mismatch", m.name(),
                    p.name(), catalog.makerOf(p).name()));
        }
    }

    // ------------------------------------------------------------------ record (venue)

    /** A dose entered at a venue by ticket (or OCR line) plus birth date. */
    public record RecordRequest(String ticketNumber, String ocrLine, LocalDate birthDate, LocalDate date, String product,
                                String maker, String lot, String venueCode, String venueName, String doctor,
                                String administeredIn, LocalDate asOf) {}

    /** What a venue sees after recording: the holder's name, kana and birth date (never a My Number or address). */
    public record Recorded(Dose dose, String holderName, String holderKana, LocalDate holderBirthDate,
                           String ticketNumber, List<String> warnings) {}

    public Recorded record(Session s, RecordRequest req) {
        s.require(Action.DOSE_RECORD);
        Catalog catalog = Catalog.bundled();
        LocalDate asOf = req.asOf() != null ? req.asOf() : Dates.today(clock);
        String now = Instant.now(clock).toString();
        Product product = product(catalog, req.product());
        checkMaker(catalog, product, req.maker());
        String lot = LotNumber.parse(req.lot()).value();
        String adm = administeredIn(req.administeredIn(), s.municipality());
        String number = ticketFrom(s, req.ticketNumber(), req.ocrLine(), null);
        try (UnitOfWork uow = s.store().write()) {
            TicketRow t = TicketService.findTicket(s, uow, number);
            if (TicketService.VOID.equals(t.status())) {
                throw new VrsException(ExitCode.CONFLICT, ServiceMessages.get("dose.ticket.void"));
            }
            if (req.ocrLine() != null && !req.ocrLine().isBlank()) {
                // Incident 11: the OCR line's dose digit must agree with the dose the ticket was issued for.
                OcrLine.parse(req.ocrLine()).checkAgrees(null, t.doseNumber(), null);
            }
            ResidentRow rr = uow.resident(s.municipality(), t.residentId()).orElseThrow();
            ResidentOps holder = Blobs.open(s.keys().ops(), s.municipality(), ResidentService.TABLE, rr.id(), "ops",
                    rr.version(), rr.ops(), ResidentOps.class);
            LocalDate birth = LocalDate.parse(holder.birthDate());
            if (!birth.equals(req.birthDate())) {
                // Incident 1: a misread ticket number must not put a dose on the wrong person.
                throw new VrsException(ExitCode.INVALID_INPUT, ServiceMessages.get("dose.birth.mismatch"));
            }
            List<Dose> others = dosesOf(s, uow, rr.id());
            for (Dose d : others) {
                if (ACTIVE.equals(d.status()) && t.id().equals(d.ticketId())) {
                    throw new VrsException(ExitCode.CONFLICT, ServiceMessages.get("dose.ticket.used"));
                }
                if (ACTIVE.equals(d.status()) && d.doseNumber() == t.doseNumber()) {
                    throw new VrsException(ExitCode.CONFLICT, ServiceMessages.get("dose.exists", t.doseNumber()));
                }
            }
            Values v = new Values(t.doseNumber(), req.date(), product, lot, req.venueCode(), req.venueName(),
                    req.doctor(), adm);
            String problem = checkAgainst(catalog, v, birth, asOf, others);
            if (problem != null) {
                throw new VrsException(ExitCode.INVALID_INPUT, problem);
            }
            List<String> warnings = new ArrayList<>();
            long held = others.stream().filter(d -> ACTIVE.equals(d.status()) && d.doseNumber() < v.doseNumber()).count();
            if (held < v.doseNumber() - 1) {
                warnings.add(ServiceMessages.get("dose.warn.earlier", v.doseNumber(), held));
            }
            long seq = audit.nextSeq(uow, s.municipality());
            String id = Ids.newId('D');
            DoseOps ops = new DoseOps(v.date().toString(), product.id(), lot, v.venueCode(), v.venueName(), v.doctor(),
                    adm, t.id(), "record", null, now);
            DoseRow row = seal(s, id, 1, rr.id(), v.doseNumber(), ACTIVE, true, ops, seq, now);
            uow.insertDose(row);
            audit.append(uow, s, seq, new AuditLog.Entry(AuditLog.CHANGE, "dose record", "ok", Map.of("doses", 1L),
                    List.of(rr.id()), Map.of("dose", v.doseNumber())));
            uow.commit();
            return new Recorded(decrypt(s, row), holder.name(), holder.kana(), birth, number, warnings);
        }
    }

    /** The ticket number from a ticket column or an OCR line, checking that the OCR parts agree. */
    private static String ticketFrom(Session s, String ticket, String ocr, Integer doseNumber) {
        if (ocr != null && !ocr.isBlank()) {
            OcrLine line = OcrLine.parse(ocr);
            TicketNumber t = ticket == null || ticket.isBlank() ? null : TicketNumber.parse(ticket);
            line.checkAgrees(MunicipalityCode.parse(s.municipality()), doseNumber, t);
            return line.ticket().value();
        }
        if (ticket == null || ticket.isBlank()) {
            throw new VrsException(ExitCode.INVALID_INPUT, ServiceMessages.get("dose.ticket.required"));
        }
        return TicketNumber.parse(ticket).value();
    }

    // ------------------------------------------------------------------ import

    public ImportSummary importCsv(Session s, Path file, ImportOptions opts) {
        s.require(Action.DOSE_WRITE);
        if (opts.override()) {
            TicketService.requireReason(opts.reason());
        }
        Catalog catalog = Catalog.bundled();
        LocalDate asOf = opts.asOf() != null ? opts.asOf() : Dates.today(clock);
        String now = Instant.now(clock).toString();
        s.keys().ops(); // created before worker threads use it
        s.keys().index();
        return CsvImport.run(s, audit, file, opts, COLUMNS, "dose import",
                (uow, header, seq) -> new ImportHandler(s, uow, header, seq, file, catalog, asOf, now, opts));
    }

    /**
     * What a worker thread found for one dose row: validated values, and the ticket, holder and doses that were
     * committed before this import, read through the worker's own read-only connection.
     */
    private record Prepared(int n, LocalDate date, Product product, String lot, String venueCode, String venueName,
                            String doctor, String administeredIn, String ticketCol, TicketRow ticket,
                            LocalDate holderBirth, List<Dose> committedDoses, String warning) {}

    /**
     * Dose import in two phases: workers validate the row and look up its ticket, holder and earlier doses in
     * their own read transactions (data committed before the import); the importing thread then checks the
     * row against doses written earlier in this import, decides insert / update / reject, seals and writes.
     */
    /** Persons whose doses a dose import keeps at hand (about 1 KB each). */
    private static final int RECENT_PERSONS = 16_384;

    private final class ImportHandler implements CsvImport.TwoPhaseHandler<Prepared>, AutoCloseable {
        private final Session s;
        private final UnitOfWork uow;
        private final jp.vrsctl.io.HeaderMap header;
        private final long seq;
        private final Path file;
        private final Catalog catalog;
        private final LocalDate asOf;
        private final String now;
        private final ImportOptions opts;
        private final LongSet touched = new LongSet();
        /**
         * The current doses of the persons this import wrote to most recently (bounded, least recently used
         * out), so a person's next row needs no query and no decryption on the importing thread; a person who
         * has dropped out is read back from the transaction. Keyed by resident id, never by a hash of it.
         */
        private final Map<String, List<Dose>> recent = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<Dose>> eldest) {
                return size() > RECENT_PERSONS;
            }
        };
        private final List<String> overridden = new ArrayList<>();

        @Override
        public List<String> subjects() {
            return overridden;
        }

        @Override
        public Map<String, Object> details() {
            return overridden.isEmpty() ? Map.of()
                    : Map.of("override", true, "reason", String.valueOf(opts.reason()), "overridden", overridden.size());
        }
        private final List<UnitOfWork> readers = java.util.Collections.synchronizedList(new ArrayList<>());
        private final ThreadLocal<UnitOfWork> reader;

        ImportHandler(Session s, UnitOfWork uow, jp.vrsctl.io.HeaderMap header, long seq, Path file, Catalog catalog,
                      LocalDate asOf, String now, ImportOptions opts) {
            this.s = s;
            this.uow = uow;
            this.header = header;
            this.seq = seq;
            this.file = file;
            this.catalog = catalog;
            this.asOf = asOf;
            this.now = now;
            this.opts = opts;
            this.reader = ThreadLocal.withInitial(() -> {
                UnitOfWork r = s.store().read();
                readers.add(r);
                return r;
            });
            uow.forEachResidentWithDoses(s.municipality(), id -> withDoses.add(key(id)));
        }

        /**
         * Hashes of the persons who had doses when the import began (read-only from here on, so the workers may
         * read it): a person absent from it has no committed dose to read. A hash collision only costs a query.
         */
        private final LongSet withDoses = new LongSet();

        private static long key(String id) {
            return (long) id.hashCode() << 32 | (id.length() > 8 ? id.substring(8).hashCode() & 0xffffffffL : 0);
        }

        @Override
        public Prepared prepare(jp.vrsctl.io.CsvRow row, RowErrors e) {
            if (!header.has("ticket_number") && !header.has("ocr_line")) {
                e.add(null, ServiceMessages.get("dose.ticket.required"));
                return null;
            }
            Integer n = e.required("dose_number", DoseNumber::parse);
            String ticketRaw = header.get(row, "ticket_number");
            String ocrRaw = header.get(row, "ocr_line");
            String number = null;
            if ((ticketRaw == null || ticketRaw.isBlank()) && (ocrRaw == null || ocrRaw.isBlank())) {
                e.add(header.has("ticket_number") ? "ticket_number" : "ocr_line", ServiceMessages.get("dose.ticket.required"));
            } else {
                String col = ocrRaw != null && !ocrRaw.isBlank() ? "ocr_line" : "ticket_number";
                try {
                    number = ticketFrom(s, ticketRaw, ocrRaw, n);
                } catch (VrsException ex) {
                    e.add(col, ex.getMessage());
                }
            }
            LocalDate birth = e.required("birth_date", JapaneseDate::parse);
            LocalDate date = e.required("dose_date", JapaneseDate::parse);
            Product product = e.required("product", v -> product(catalog, v));
            if (product != null) {
                e.optional("maker", v -> {
                    checkMaker(catalog, product, v);
                    return v;
                });
            }
            String lot = e.required("lot", v -> LotNumber.parse(v).value());
            String adm = e.optional("administered_in", v -> administeredIn(v, s.municipality()));
            if (!e.ok()) {
                return null;
            }
            String ticketCol = header.has("ticket_number") && ticketRaw != null && !ticketRaw.isBlank()
                    ? "ticket_number" : "ocr_line";
            UnitOfWork r = reader.get();
            Optional<TicketRow> ticket = r.ticketByNumber(s.municipality(),
                    s.keys().index().compute(TicketService.COL_TICKET, number));
            if (ticket.isEmpty()) {
                e.add(ticketCol, ServiceMessages.get("ticket.notfound"));
                return null;
            }
            TicketRow t = ticket.get();
            if (TicketService.VOID.equals(t.status())) {
                e.add(ticketCol, ServiceMessages.get("dose.ticket.void"));
                return null;
            }
            ResidentRow rr = r.resident(s.municipality(), t.residentId()).orElseThrow();
            ResidentOps holder = Blobs.open(s.keys().ops(), s.municipality(), ResidentService.TABLE, rr.id(), "ops",
                    rr.version(), rr.ops(), ResidentOps.class);
            LocalDate holderBirth = LocalDate.parse(holder.birthDate());
            if (!holderBirth.equals(birth)) {
                e.add("birth_date", ServiceMessages.get("dose.birth.mismatch"));
                return null;
            }
            String warning = t.doseNumber() != n ? rowMessage(file, row.line(), header.headerName("dose_number"),
                    ServiceMessages.get("dose.warn.ticketdose", t.doseNumber(), n)) : null;
            return new Prepared(n, date, product, lot, blankToNull(header.get(row, "venue_code")),
                    blankToNull(header.get(row, "venue_name")), blankToNull(header.get(row, "doctor")),
                    adm != null ? adm : s.municipality(), ticketCol, t, holderBirth,
                    withDoses.contains(key(rr.id())) ? dosesOf(s, r, rr.id()) : List.of(), warning);
        }

        @Override
        public CsvImport.Outcome apply(jp.vrsctl.io.CsvRow row, Prepared p, RowErrors e, List<String> warnings) {
            TicketRow t = p.ticket();
            String rid = t.residentId();
            int n = p.n();
            if (p.warning() != null) {
                warnings.add(p.warning());
            }
            // Doses this import already wrote for the person are only visible in this transaction.
            List<Dose> all;
            if (touched.contains(key(rid))) {
                List<Dose> cached = recent.get(rid);
                all = cached != null ? cached : dosesOf(s, uow, rid);
            } else {
                all = p.committedDoses();
            }
            Values v = new Values(n, p.date(), p.product(), p.lot(), p.venueCode(), p.venueName(), p.doctor(),
                    p.administeredIn());
            Optional<Dose> same = all.stream().filter(d -> ACTIVE.equals(d.status()) && d.doseNumber() == n).findFirst();
            for (Dose d : all) {
                if (ACTIVE.equals(d.status()) && t.id().equals(d.ticketId()) && d.doseNumber() != n) {
                    e.add(p.ticketCol(), ServiceMessages.get("dose.ticket.used"));
                    return null;
                }
            }
            List<Dose> others = all.stream().filter(d -> same.isEmpty() || !d.id().equals(same.get().id())).toList();
            String problem = checkAgainst(catalog, v, p.holderBirth(), asOf, others);
            if (problem != null) {
                e.add("dose_date", problem);
                return null;
            }
            long held = others.stream().filter(d -> ACTIVE.equals(d.status()) && d.doseNumber() < n).count();
            if (held < n - 1) {
                warnings.add(rowMessage(file, row.line(), header.headerName("dose_number"),
                        ServiceMessages.get("dose.warn.earlier", n, held)));
            }
            DoseOps ops = new DoseOps(p.date().toString(), p.product().id(), p.lot(), p.venueCode(), p.venueName(),
                    p.doctor(), p.administeredIn(), t.id(), "import", null, null);
            if (same.isEmpty()) {
                DoseRow written = seal(s, Ids.newId('D'), 1, rid, n, ACTIVE, false, ops, seq, now);
                uow.insertDose(written);
                touched.add(key(rid));
                remember(rid, all, null, dose(written, ops));
                return CsvImport.Outcome.ADDED;
            }
            Dose cur = same.get();
            if (sameValues(cur, ops)) {
                return CsvImport.Outcome.UNCHANGED;
            }
            if (cur.confirmed() && !opts.override()) {
                // Incident 5: a confirmed record is never replaced by a bulk upload.
                e.add("dose_number", ServiceMessages.get("dose.confirmed"));
                return null;
            }
            DoseOps replaced = cur.confirmed()
                    ? new DoseOps(ops.date(), ops.product(), ops.lot(), ops.venueCode(), ops.venueName(), ops.doctor(),
                    ops.administeredIn(), ops.ticketId(), "import-override", opts.reason(), null)
                    : ops;
            DoseRow written = seal(s, cur.id(), cur.version() + 1, rid, n, ACTIVE, false, replaced, seq, now);
            uow.updateDose(written);
            touched.add(key(rid));
            remember(rid, all, cur.id(), dose(written, replaced));
            if (cur.confirmed()) {
                overridden.add(rid);
                warnings.add(rowMessage(file, row.line(), header.headerName("dose_number"),
                        ServiceMessages.get("dose.warn.overridden")));
            }
            return CsvImport.Outcome.UPDATED;
        }

        /** Records the person's doses after a write: {@code all} without {@code replacedId}, plus {@code written}. */
        private void remember(String rid, List<Dose> all, String replacedId, Dose written) {
            List<Dose> next = new ArrayList<>(all.size() + 1);
            for (Dose d : all) {
                if (!d.id().equals(replacedId)) {
                    next.add(d);
                }
            }
            next.add(written);
            next.sort(Comparator.comparingInt(Dose::doseNumber).thenComparing(Dose::id)); // as dosesOfResident orders them
            recent.put(rid, next);
        }

        @Override
        public void close() {
            synchronized (readers) {
                for (UnitOfWork r : readers) {
                    r.close();
                }
                readers.clear();
            }
        }
    }

    private static String rowMessage(Path file, long line, String column, String problem) {
        return new jp.vrsctl.io.InputException(file.toString(), line, column, problem).getMessage();
    }

    private static boolean sameValues(Dose d, DoseOps o) {
        return d.date().toString().equals(o.date()) && d.product().equals(o.product()) && d.lot().equals(o.lot())
                && eq(d.venueCode(), o.venueCode()) && eq(d.venueName(), o.venueName()) && eq(d.doctor(), o.doctor())
                && eq(d.administeredIn(), o.administeredIn()) && eq(d.ticketId(), o.ticketId());
    }

    private static boolean eq(Object a, Object b) {
        return java.util.Objects.equals(a, b);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    // ------------------------------------------------------------------ list, show

    public record Filter(ResidentService.Selector resident, Integer doseNumber, LocalDate from, LocalDate to,
                         Boolean confirmed, boolean includeVoid) {}

    public List<Dose> list(Session s, Filter f) {
        s.require(Action.DOSE_READ);
        List<Dose> out = new ArrayList<>();
        try (UnitOfWork uow = s.store().write()) {
            List<String> subjects = new ArrayList<>();
            if (f.resident() != null) {
                ResidentRow r = ResidentService.find(s, uow, f.resident());
                subjects.add(r.id());
                for (Dose d : dosesOf(s, uow, r.id())) {
                    if (matches(d, f)) {
                        out.add(d);
                    }
                }
            } else {
                uow.forEachDose(s.municipality(), row -> {
                    Dose d = decrypt(s, row);
                    if (matches(d, f)) {
                        out.add(d);
                    }
                });
            }
            audit.append(uow, s, new AuditLog.Entry(AuditLog.READ_INTENT, "dose list", "ok",
                    Map.of("doses", (long) out.size()), subjects, Map.of()));
            uow.commit();
        }
        s.noteRead("dose list", out.size(), List.of());
        return out;
    }

    private static boolean matches(Dose d, Filter f) {
        return (f.includeVoid() || ACTIVE.equals(d.status()))
                && (f.doseNumber() == null || d.doseNumber() == f.doseNumber())
                && (f.from() == null || !d.date().isBefore(f.from()))
                && (f.to() == null || !d.date().isAfter(f.to()))
                && (f.confirmed() == null || f.confirmed() == d.confirmed());
    }

    /** A dose with every earlier version (the seed's correction history). */
    public record DoseDetail(Dose dose, List<Dose> history) {}

    public DoseDetail show(Session s, String doseId) {
        s.require(Action.DOSE_READ);
        try (UnitOfWork uow = s.store().write()) {
            DoseRow row = uow.dose(s.municipality(), doseId)
                    .orElseThrow(() -> new VrsException(ExitCode.NOT_FOUND, ServiceMessages.get("dose.notfound")));
            List<Dose> history = new ArrayList<>();
            for (DoseRow h : uow.doseHistory(s.municipality(), doseId)) {
                history.add(decrypt(s, h));
            }
            audit.append(uow, s, new AuditLog.Entry(AuditLog.READ_INTENT, "dose show", "ok", Map.of("doses", 1L),
                    List.of(row.residentId()), Map.of()));
            uow.commit();
            s.noteRead("dose show", 1, List.of(row.residentId()));
            return new DoseDetail(decrypt(s, row), history);
        }
    }

    // ------------------------------------------------------------------ correct, void, confirm

    /** New values for {@code dose correct}; null fields keep the current value. */
    public record Correction(Integer doseNumber, LocalDate date, String product, String maker, String lot,
                             String venueCode, String venueName, String doctor, String administeredIn, LocalDate asOf) {}

    public Dose correct(Session s, String doseId, Correction c, String reason) {
        s.require(Action.DOSE_WRITE);
        TicketService.requireReason(reason);
        Catalog catalog = Catalog.bundled();
        String now = Instant.now(clock).toString();
        try (UnitOfWork uow = s.store().write()) {
            DoseRow row = activeDose(s, uow, doseId);
            Dose cur = decrypt(s, row);
            Product product = c.product() != null ? product(catalog, c.product())
                    : catalog.findProduct(cur.product()).orElseThrow();
            checkMaker(catalog, product, c.maker());
            int n = c.doseNumber() != null ? c.doseNumber() : cur.doseNumber();
            Values v = new Values(n, c.date() != null ? c.date() : cur.date(), product,
                    c.lot() != null ? LotNumber.parse(c.lot()).value() : cur.lot(),
                    c.venueCode() != null ? c.venueCode() : cur.venueCode(),
                    c.venueName() != null ? c.venueName() : cur.venueName(),
                    c.doctor() != null ? c.doctor() : cur.doctor(),
                    c.administeredIn() != null ? administeredIn(c.administeredIn(), s.municipality()) : cur.administeredIn());
            List<Dose> others = dosesOf(s, uow, row.residentId()).stream().filter(d -> !d.id().equals(doseId)).toList();
            if (others.stream().anyMatch(d -> ACTIVE.equals(d.status()) && d.doseNumber() == n)) {
                throw new VrsException(ExitCode.CONFLICT, ServiceMessages.get("dose.exists", n));
            }
            ResidentRow rr = uow.resident(s.municipality(), row.residentId()).orElseThrow();
            LocalDate birth = ResidentService.decrypt(s, rr).birthDate();
            String problem = checkAgainst(catalog, v, birth, c.asOf() != null ? c.asOf() : Dates.today(clock), others);
            if (problem != null) {
                throw new VrsException(ExitCode.INVALID_INPUT, problem);
            }
            long seq = audit.nextSeq(uow, s.municipality());
            DoseOps ops = new DoseOps(v.date().toString(), product.id(), v.lot(), v.venueCode(), v.venueName(),
                    v.doctor(), v.administeredIn(), cur.ticketId(), "correct", reason, now);
            DoseRow next = seal(s, row.id(), row.version() + 1, row.residentId(), n, ACTIVE, true, ops, seq, now);
            uow.updateDose(next);
            audit.append(uow, s, seq, new AuditLog.Entry(AuditLog.CHANGE, "dose correct", "ok", Map.of("doses", 1L),
                    List.of(row.residentId()), Map.of("reason", reason)));
            uow.commit();
            return decrypt(s, next);
        }
    }

    public Dose voidDose(Session s, String doseId, String reason) {
        return changeStatus(s, doseId, reason, "dose void", VOID, false);
    }

    public Dose confirm(Session s, String doseId, String reason) {
        return changeStatus(s, doseId, reason, "dose confirm", ACTIVE, true);
    }

    private Dose changeStatus(Session s, String doseId, String reason, String command, String status, boolean confirmed) {
        s.require(Action.DOSE_WRITE);
        TicketService.requireReason(reason);
        String now = Instant.now(clock).toString();
        try (UnitOfWork uow = s.store().write()) {
            DoseRow row = activeDose(s, uow, doseId);
            Dose cur = decrypt(s, row);
            if (confirmed && cur.confirmed()) {
                throw new VrsException(ExitCode.CONFLICT, ServiceMessages.get("dose.already.confirmed"));
            }
            long seq = audit.nextSeq(uow, s.municipality());
            DoseOps ops = new DoseOps(cur.date().toString(), cur.product(), cur.lot(), cur.venueCode(), cur.venueName(),
                    cur.doctor(), cur.administeredIn(), cur.ticketId(), cur.source(), reason, confirmed ? now : null);
            DoseRow next = seal(s, row.id(), row.version() + 1, row.residentId(), row.doseNumber(), status,
                    confirmed || cur.confirmed(), ops, seq, now);
            uow.updateDose(next);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reason", reason);
            audit.append(uow, s, seq, new AuditLog.Entry(AuditLog.CHANGE, command, "ok", Map.of("doses", 1L),
                    List.of(row.residentId()), details));
            uow.commit();
            return decrypt(s, next);
        }
    }

    private static DoseRow activeDose(Session s, UnitOfWork uow, String doseId) {
        DoseRow row = uow.dose(s.municipality(), doseId)
                .orElseThrow(() -> new VrsException(ExitCode.NOT_FOUND, ServiceMessages.get("dose.notfound")));
        if (!ACTIVE.equals(row.status())) {
            throw new VrsException(ExitCode.CONFLICT, ServiceMessages.get("dose.isvoid"));
        }
        return row;
    }
}
