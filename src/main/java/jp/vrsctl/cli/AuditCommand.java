package jp.vrsctl.cli;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import jp.vrsctl.crypto.Secrets;
import jp.vrsctl.domain.JapaneseDate;
import jp.vrsctl.io.OpenPgp;
import jp.vrsctl.io.OutputFormat;
import jp.vrsctl.service.AuditService;
import jp.vrsctl.service.AuditVerifier;
import jp.vrsctl.service.Dates;
import jp.vrsctl.service.ResidentService;
import jp.vrsctl.service.Session;
import jp.vrsctl.store.Records.AuditRow;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "The tamper-evident audit trail (admins and auditors; 'audit subject' admins only).",
        subcommands = {AuditCommand.ListCmd.class, AuditCommand.Export.class, AuditCommand.Verify.class,
                AuditCommand.Checkpoint.class, AuditCommand.Subject.class})
final class AuditCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Time filters: a date (Japan time, 西暦 or 和暦) or an ISO date-time with offset. */
    static final class Range {
        @Option(names = "--since", paramLabel = "TIME", description = "From this date (Japan time) or ISO date-time.")
        String since;

        @Option(names = "--until", paramLabel = "TIME", description = "Before this date (Japan time) or ISO date-time.")
        String until;

        static String instant(String raw) {
            if (raw == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(raw).withOffsetSameInstant(ZoneOffset.UTC)
                        .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            } catch (DateTimeParseException e) {
                LocalDate d = JapaneseDate.parse(raw);
                return d.atStartOfDay(Dates.JAPAN).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC)
                        .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List audit entries, with filters.")
    static final class ListCmd extends AuthCommand {
        @Mixin
        Range range;

        @Option(names = "--by-user", paramLabel = "NAME", description = "Only entries caused by this user.")
        String user;

        @Option(names = "--kind", paramLabel = "KIND",
                description = "login, login-failed, read-intent, read-done, change, import, denied, admin.")
        String kind;

        @Option(names = "--subject", paramLabel = "ID", description = "Only entries about this resident id (R...).")
        String subject;

        @Option(names = "--details", description = "Open the sealed details (admins and auditors hold the key).")
        boolean details;

        @Option(names = "--limit", paramLabel = "N", description = "Only the newest N matching entries.")
        Integer limit;

        @Mixin
        OutputOptions out;

        @Override
        int run(Session s) {
            if (subject != null && !jp.vrsctl.service.Ids.looksLike(subject, 'R')) {
                throw new VrsException(ExitCode.USAGE, CliMessages.get("audit.subject.notid"));
            }
            List<AuditService.Entry> list = new AuditService(ctx.clock).list(s, new AuditService.Filter(
                    Range.instant(range.since), Range.instant(range.until), user, kind, subject), details, limit);
            Printer p = new Printer().col("seq", "SEQ").col("at", "AT").col("user", "USER").col("role", "ROLE")
                    .col("kind", "KIND").col("command", "COMMAND").col("outcome", "OUTCOME").col("counts", "COUNTS")
                    .col("subjects", "SUBJECTS");
            if (details) {
                p.col("details", "DETAILS");
            }
            for (AuditService.Entry e : list) {
                AuditRow r = e.row();
                String subjects = r.subjects();
                if (subjects != null && out.format() == OutputFormat.TABLE) {
                    // a bulk entry may name thousands of residents: a table shows the first few and the count
                    String[] ids = subjects.split(" ");
                    if (ids.length > 3) {
                        subjects = String.join(" ", java.util.Arrays.copyOf(ids, 3)) + " … (" + ids.length + ")";
                    }
                }
                if (details) {
                    p.row(r.seq(), r.at(), r.principalName(), r.role(), r.kind(), r.command(), r.outcome(),
                            r.countsJson(), subjects, e.details() == null ? null : json(e.details()));
                } else {
                    p.row(r.seq(), r.at(), r.principalName(), r.role(), r.kind(), r.command(), r.outcome(),
                            r.countsJson(), subjects);
                }
            }
            p.print(ctx, out);
            return 0;
        }
    }

    private static String json(Map<String, Object> m) {
        try {
            return new ObjectMapper().writeValueAsString(m);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** OpenPGP options for removable media. */
    static final class Pgp {
        @Option(names = "--encrypt-to", paramLabel = "KEYFILE",
                description = "Encrypt the file to this OpenPGP public key (readable with gpg --decrypt).")
        String encryptTo;

        @Option(names = "--passphrase-file", paramLabel = "FILE",
                description = "Encrypt the file with the passphrase in FILE (OpenPGP, AES-256).")
        String passphraseFile;
    }

    static OutputStream createSecretFile(Path p) throws java.io.IOException {
        if (Files.exists(p)) {
            throw new VrsException(ExitCode.CONFLICT, CliMessages.get("export.exists", p));
        }
        if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(p);
        }
        return new BufferedOutputStream(Files.newOutputStream(p, StandardOpenOption.WRITE), 1 << 16);
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Export audit entries to a file: NDJSON, the verifiable form (default), or -o csv for a"
                    + " spreadsheet.", "A checkpoint is signed first. --encrypt-to / --passphrase-file encrypt the file"
                    + " with OpenPGP for removable media."})
    static final class Export extends AuthCommand {
        @Mixin
        Range range;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to create (mode 0600).")
        String file;

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "ndjson",
                description = "ndjson (default, verifiable) or csv.")
        OutputFormat format;

        @Mixin
        Pgp pgp;

        @Override
        int run(Session s) throws Exception {
            OutputFormat f = format;
            if (f != OutputFormat.NDJSON && f != OutputFormat.CSV) {
                throw new VrsException(ExitCode.USAGE, CliMessages.get("audit.export.format"));
            }
            if (pgp.encryptTo != null && pgp.passphraseFile != null) {
                throw new VrsException(ExitCode.USAGE, CliMessages.get("audit.export.pgpboth"));
            }
            Path target = ctx.resolve(file);
            AuditService.Filter filter = new AuditService.Filter(Range.instant(range.since), Range.instant(range.until),
                    null, null, null);
            char[] pass = pgp.passphraseFile == null ? null : SecretInput.fromFile(ctx.resolve(pgp.passphraseFile));
            AuditService.ExportResult r;
            boolean ok = false;
            boolean created = false; // a refused (existing) file must not be deleted below
            try (OutputStream raw = createSecretFile(target)) {
                created = true;
                OutputStream os = raw;
                if (pgp.encryptTo != null) {
                    os = OpenPgp.encryptTo(raw, ctx.resolve(pgp.encryptTo), target.getFileName().toString());
                } else if (pass != null) {
                    os = OpenPgp.encryptWithPassphrase(raw, pass, target.getFileName().toString());
                }
                try (OutputStream o = os) {
                    if (f == OutputFormat.NDJSON) {
                        r = new AuditService(ctx.clock).export(s, filter, o);
                    } else {
                        r = exportCsv(s, filter, o);
                    }
                }
                ok = true;
            } finally {
                Secrets.wipe(pass);
                if (!ok && created) {
                    Files.deleteIfExists(target);
                }
            }
            ctx.err.println(CliMessages.get("audit.exported", r.entries(), r.firstSeq(), r.lastSeq(), r.checkpoints(),
                    target));
            if (r.unverified() != null) {
                // the file is complete and kept (it is evidence); the chain in it does not verify
                ctx.err.println(r.unverified());
                return ExitCode.INTEGRITY.code;
            }
            return 0;
        }

        private AuditService.ExportResult exportCsv(Session s, AuditService.Filter filter, OutputStream o) {
            List<AuditService.Entry> list = new AuditService(ctx.clock).list(s, filter, false, null);
            java.io.PrintWriter pw = new java.io.PrintWriter(new java.io.OutputStreamWriter(o,
                    java.nio.charset.StandardCharsets.UTF_8));
            Printer p = new Printer().col("seq", "seq").col("at", "at").col("user", "user").col("role", "role")
                    .col("kind", "kind").col("command", "command").col("outcome", "outcome").col("counts", "counts")
                    .col("subjects", "subjects");
            for (AuditService.Entry e : list) {
                AuditRow r = e.row();
                p.row(r.seq(), r.at(), r.principalName(), r.role(), r.kind(), r.command(), r.outcome(), r.countsJson(),
                        r.subjects());
            }
            OutputOptions csv = new OutputOptions();
            csv.format = OutputFormat.CSV;
            p.print(new Context(pw, ctx.err, ctx.in, ctx.env, ctx.clock, ctx.cwd, null), csv);
            pw.flush();
            long first = list.isEmpty() ? 0 : list.get(0).row().seq();
            long last = list.isEmpty() ? 0 : list.get(list.size() - 1).row().seq();
            return new AuditService.ExportResult(list.size(), 0, first, last);
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verify the audit chain in the store, or an exported NDJSON file (--file): sequence,"
                    + " hashes, checkpoints and users' signatures.", "Exit 7 with the sequence number where it breaks."
                    + " --checkpoint FILE (from 'audit checkpoint --out') also detects a truncated tail.",
                    "Users' signatures up to the newest checkpoint were checked by the checkpoint's signer before"
                    + " signing it, so only those after it are checked again; --full checks every one (slower:"
                    + " about 34 s per million entries on two cores, against about 5 s without).",
                    "Run --full when an admin or auditor is the suspect, and on an export received from someone else."})
    static final class Verify extends AuthCommand {
        @Option(names = "--full", description = "Check every user's signature, not only those after the newest checkpoint.")
        boolean full;

        @Option(names = "--file", paramLabel = "FILE", description = "Verify this exported file instead of the store.")
        String file;

        @Option(names = "--checkpoint", paramLabel = "FILE", description = "A checkpoint kept outside the store.")
        String checkpoint;

        @Mixin
        OutputOptions out;

        @Override
        int run(Session s) throws Exception {
            AuditService.KeptCheckpoint kept = checkpoint == null ? null : AuditService.readKept(ctx.resolve(checkpoint));
            AuditVerifier.Result r;
            if (file != null) {
                s.require(jp.vrsctl.service.Action.AUDIT_READ);
                try (InputStream in = Files.newInputStream(ctx.resolve(file))) {
                    r = AuditService.verifyFile(in, kept, full);
                }
            } else {
                r = new AuditService(ctx.clock).verifyStore(s, kept, full);
            }
            return report(ctx, out, r);
        }
    }

    static int report(Context ctx, OutputOptions out, AuditVerifier.Result r) {
        new Printer().col("ok", "OK").col("entries", "ENTRIES").col("first_seq", "FIRST").col("last_seq", "LAST")
                .col("checkpoints", "CHECKPOINTS").col("signatures", "SIGNATURES").col("attested_to", "ATTESTED TO")
                .col("broken_at", "BROKEN AT").col("problem", "PROBLEM")
                .row(r.ok(), r.entries(), r.firstSeq(), r.lastSeq(), r.checkpoints(), r.signatures(), r.attestedUpTo(),
                        r.ok() ? null : r.problem().seq(), r.ok() ? null : r.problem().what())
                .print(ctx, out);
        if (!r.ok()) {
            ctx.err.println(CliMessages.get("audit.verify.failed", r.problem().seq(), r.problem().what()));
            return ExitCode.INTEGRITY.code;
        }
        ctx.err.println(CliMessages.get("audit.verify.ok", r.entries(), r.lastSeq()));
        if (!r.full() && r.attestedUpTo() > 0) {
            ctx.err.println(CliMessages.get("audit.verify.attested", r.signatures(), r.attestedUpTo()));
        }
        return 0;
    }

    @Command(name = "checkpoint", mixinStandardHelpOptions = true,
            description = {"Sign a checkpoint of the chain now (for an auditor's cron job).",
                    "--out FILE keeps it outside the store, where 'audit verify --checkpoint FILE' can later detect"
                            + " deleted newest entries."})
    static final class Checkpoint extends AuthCommand {
        @Option(names = "--out", paramLabel = "FILE", description = "Also write the checkpoint to FILE.")
        String file;

        @Override
        int run(Session s) throws Exception {
            Map<String, Object> cp = new AuditService(ctx.clock).checkpoint(s);
            String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(cp);
            if (file != null) {
                try (OutputStream o = createSecretFile(ctx.resolve(file))) {
                    o.write(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                ctx.err.println(CliMessages.get("audit.checkpoint.written", cp.get("seq"), ctx.resolve(file)));
            } else {
                ctx.out.println(json);
            }
            return 0;
        }
    }

    @Command(name = "subject", mixinStandardHelpOptions = true,
            description = "Print the resident id to search the trail for (admin): by My Number file, 宛名番号 or ticket.")
    static final class Subject extends AuthCommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Who who;

        static final class Who {
            @Option(names = "--my-number-file", paramLabel = "FILE", description = "Read the My Number from FILE.")
            String myNumberFile;

            @Option(names = "--address-number", paramLabel = "ID", description = "宛名番号.")
            String addressNumber;

            @Option(names = "--ticket", paramLabel = "NUMBER", description = "Ticket number.")
            String ticket;
        }

        @Override
        int run(Session s) {
            ResidentService.Selector sel = who.myNumberFile != null
                    ? ResidentService.Selector.byMyNumber(SecretInput.fromFile(ctx.resolve(who.myNumberFile)))
                    : who.addressNumber != null ? ResidentService.Selector.byAddressNumber(who.addressNumber)
                    : ResidentService.Selector.byTicket(who.ticket);
            try {
                ctx.out.println(new AuditService(ctx.clock).subject(s, sel));
            } finally {
                ResidentCommand.Who.wipe(sel);
            }
            return 0;
        }
    }
}
