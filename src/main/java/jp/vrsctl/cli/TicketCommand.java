package jp.vrsctl.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import jp.vrsctl.io.CsvRow;
import jp.vrsctl.io.CsvSource;
import jp.vrsctl.io.Encoding;
import jp.vrsctl.service.ResidentService.Selector;
import jp.vrsctl.service.Session;
import jp.vrsctl.service.TicketService;
import jp.vrsctl.service.TicketService.Ticket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ticket", mixinStandardHelpOptions = true, description = "Vaccination tickets (接種券).",
        subcommands = {TicketCommand.Issue.class, TicketCommand.Import.class, TicketCommand.Void.class,
                TicketCommand.Reissue.class, TicketCommand.ListCmd.class, TicketCommand.Export.class})
final class TicketCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Map<String, Object> ticketMap(Ticket t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("resident_id", t.residentId());
        m.put("ticket_number", t.ticketNumber());
        m.put("dose_number", t.doseNumber());
        m.put("ocr_line", t.ocrLine());
        m.put("issued_on", Printer.str(t.issuedOn()));
        m.put("status", t.status());
        m.put("voided_on", Printer.str(t.voidedOn()));
        m.put("replaced_by", t.replacedBy());
        return m;
    }

    static void printTickets(Context ctx, OutputOptions out, List<Ticket> tickets) {
        Printer p = new Printer().col("id", "ID").col("resident_id", "RESIDENT").col("ticket_number", "TICKET")
                .col("dose_number", "DOSE").col("ocr_line", "OCR").col("issued_on", "ISSUED").col("status", "STATUS")
                .col("voided_on", "VOIDED").col("replaced_by", "REPLACED BY");
        for (Ticket t : tickets) {
            p.row(ticketMap(t).values().toArray());
        }
        p.print(ctx, out);
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = {"Issue a ticket for one resident, or for every eligible resident (--all-eligible).",
                    "A bulk run echoes the as-of date in 西暦 and the counts by reason before it commits; it needs"
                            + " --confirm CODE (the municipality code) or typing the code on a terminal."})
    static final class Issue extends AuthCommand {
        @Parameters(paramLabel = "ID", arity = "0..1", description = "宛名番号 or resident id (R...), for one resident.")
        String id;

        @Option(names = "--dose", required = true, paramLabel = "N", description = "The dose the ticket is for (1-9).")
        int dose;

        @Option(names = "--all-eligible", description = "Issue to every eligible resident.")
        boolean all;

        @Option(names = "--as-of", paramLabel = "DATE",
                description = "With --all-eligible (required there): flags, doses and intervals are judged on DATE,"
                        + " which is also the issue date.")
        String asOf;

        @Option(names = "--issued-on", paramLabel = "DATE", description = "For one resident: issue date (default today).")
        String issuedOn;

        @Option(names = "--include-unknown-history",
                description = "Also issue to residents whose earlier doses are not known here.")
        boolean includeUnknown;

        @Option(names = "--dry-run", description = "Show the counts; issue nothing.")
        boolean dryRun;

        @Option(names = "--confirm", paramLabel = "CODE", description = "Confirm a bulk run by its municipality code.")
        String confirm;

        @Mixin
        OutputOptions out;

        @Override
        int run(Session s) {
            if (dose < 1 || dose > 9) {
                throw new VrsException(ExitCode.USAGE, CliMessages.get("ticket.dose.range"));
            }
            TicketService svc = new TicketService(ctx.clock);
            if (!all) {
                if (id == null) {
                    throw new VrsException(ExitCode.USAGE, CliMessages.get("ticket.issue.who"));
                }
                Ticket t = svc.issue(s, Selector.parse(id), dose, ImportCommandSupport.date(issuedOn));
                printTickets(ctx, out, List.of(t));
                return 0;
            }
            if (id != null) {
                throw new VrsException(ExitCode.USAGE, CliMessages.get("ticket.issue.both"));
            }
            if (asOf == null) {
                throw new VrsException(ExitCode.USAGE, CliMessages.get("ticket.issue.asof"));
            }
            var req = new TicketService.BulkRequest(dose, ImportCommandSupport.date(asOf), includeUnknown);
            TicketService.BulkPlan plan = svc.plan(s, req);
            echo(plan, "ticket.bulk.plan", false);
            if (dryRun) {
                counts(plan, false);
                return 0;
            }
            if (!confirmed(s.municipality(), plan.toIssue())) {
                throw new VrsException(ExitCode.USAGE, CliMessages.get("ticket.bulk.noconfirm", s.municipality()));
            }
            TicketService.BulkPlan done = svc.issueBulk(s, req);
            ctx.err.println(CliMessages.get("ticket.bulk.done", done.toIssue(), done.doseNumber(),
                    done.asOf().toString(), done.asOfWareki()));
            counts(done, true);
            return 0;
        }

        /** The counts by reason as records on stdout (for scripts): {@code to_issue} before, {@code issued} after. */
        private void counts(TicketService.BulkPlan plan, boolean done) {
            Printer p = new Printer().col("reason", "REASON").col("count", "COUNT");
            plan.counts().forEach((k, v) -> p.row(label(k, done), v));
            p.print(ctx, out);
        }

        private static String label(TicketService.Reason r, boolean done) {
            if (r == TicketService.Reason.ISSUED) {
                return done ? "issued" : "to_issue";
            }
            return r.name().toLowerCase(java.util.Locale.ROOT);
        }

        private void echo(TicketService.BulkPlan plan, String key, boolean done) {
            ctx.err.println(CliMessages.get(key, plan.doseNumber(), plan.asOf().toString(), plan.asOfWareki()));
            plan.counts().forEach((k, v) -> ctx.err.println(String.format("  %-24s %,d", label(k, done), v)));
            if (!plan.unknownHistory().isEmpty()) {
                ctx.err.println(CliMessages.get("ticket.bulk.unknown", String.join(" ",
                        plan.unknownHistory().subList(0, Math.min(20, plan.unknownHistory().size())))));
            }
        }

        private boolean confirmed(String muni, long count) {
            if (confirm != null) {
                return confirm.trim().equals(muni);
            }
            if (ctx.terminal != null) {
                String typed = ctx.terminal.readLine(CliMessages.get("ticket.bulk.prompt", count, muni));
                return typed != null && typed.trim().equals(muni);
            }
            return false;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Register tickets already numbered by another system (formats.md).")
    static final class Import extends AuthCommand {
        @Parameters(paramLabel = "FILE", description = "The CSV file.")
        String file;

        @Mixin
        ImportCommandSupport opts;

        @Mixin
        OutputOptions out;

        @Override
        int run(Session s) {
            var summary = new TicketService(ctx.clock).importCsv(s, ctx.resolve(file), opts.options(ctx, false, false, null));
            return ImportCommandSupport.report(ctx, summary, out);
        }
    }

    @Command(name = "void", mixinStandardHelpOptions = true, description = "Void a ticket (its number is never reused).")
    static final class Void extends AuthCommand {
        @Parameters(paramLabel = "TICKET", description = "The 10-digit ticket number.")
        String ticket;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why.")
        String reason;

        @Mixin
        OutputOptions out;

        @Override
        int run(Session s) {
            printTickets(ctx, out, List.of(new TicketService(ctx.clock).voidTicket(s, ticket, reason)));
            return 0;
        }
    }

    @Command(name = "reissue", mixinStandardHelpOptions = true,
            description = "Issue a new ticket for the same resident and dose, voiding the old number.")
    static final class Reissue extends AuthCommand {
        @Parameters(paramLabel = "TICKET", description = "The ticket number to replace.")
        String ticket;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (lost, damaged...).")
        String reason;

        @Mixin
        OutputOptions out;

        @Override
        int run(Session s) {
            printTickets(ctx, out, List.of(new TicketService(ctx.clock).reissue(s, ticket, reason)));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tickets.")
    static final class ListCmd extends AuthCommand {
        @Option(names = "--dose", paramLabel = "N", description = "Only tickets for dose N.")
        Integer dose;

        @Option(names = "--status", paramLabel = "STATUS", description = "active or void.")
        String status;

        @Option(names = "--resident", paramLabel = "ID", description = "Only this resident's (宛名番号 or id).")
        String resident;

        @Mixin
        OutputOptions out;

        @Override
        int run(Session s) {
            printTickets(ctx, out, new TicketService(ctx.clock).list(s, new TicketService.Filter(dose, status,
                    resident == null ? null : Selector.parse(resident))));
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write the print file for the print vendor (formats.md).",
                    "DV-protected residents are left out and listed by id; residents flagged deceased or moved out"
                            + " are left out. A character the encoding cannot hold stops the export unless"
                            + " --substitute supplies a replacement."})
    static final class Export extends AuthCommand {
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to create (mode 0600).")
        String file;

        @Option(names = "--encoding", paramLabel = "ENC", defaultValue = "windows-31j",
                description = "windows-31j (default) or utf-8.")
        String encoding;

        @Option(names = "--substitute", paramLabel = "MAPFILE",
                description = "CSV of from,to replacements for characters the encoding cannot hold.")
        String substitute;

        @Option(names = "--dose", paramLabel = "N", description = "Only tickets for dose N.")
        Integer dose;

        @Option(names = "--issued-on", paramLabel = "DATE", description = "Only tickets issued on DATE.")
        String issuedOn;

        @Override
        int run(Session s) throws IOException {
            Encoding enc = Encoding.parse(encoding);
            Charset cs = enc == Encoding.UTF_8 ? java.nio.charset.StandardCharsets.UTF_8 : Charset.forName("windows-31j");
            Map<String, String> subs = substitute == null ? Map.of() : readMap(ctx.resolve(substitute));
            Path target = ctx.resolve(file);
            if (Files.exists(target)) {
                throw new VrsException(ExitCode.CONFLICT, CliMessages.get("export.exists", target));
            }
            var r = new TicketService(ctx.clock).export(s, new TicketService.ExportRequest(target, cs, dose,
                    ImportCommandSupport.date(issuedOn), subs));
            if (!r.unencodable().isEmpty()) {
                for (var u : r.unencodable()) {
                    ctx.err.println(CliMessages.get("export.unencodable", u.addressNumber(), u.ticketId(), u.column(),
                            u.codePointName(), u.offset() + 1, cs.name()));
                }
                ctx.err.println(CliMessages.get("export.refused", r.unencodable().size()));
                return ExitCode.INVALID_INPUT.code;
            }
            ctx.err.println(CliMessages.get("export.done", r.written(), target, cs.name()));
            if (r.substituted() > 0) {
                ctx.err.println(CliMessages.get("export.substituted", r.substituted()));
            }
            if (!r.dvExcluded().isEmpty()) {
                ctx.err.println(CliMessages.get("export.dv", r.dvExcluded().size(), String.join(" ", r.dvExcluded())));
            }
            if (!r.flaggedExcluded().isEmpty()) {
                ctx.err.println(CliMessages.get("export.flagged", r.flaggedExcluded().size(),
                        String.join(" ", r.flaggedExcluded())));
            }
            return 0;
        }

        private static Map<String, String> readMap(Path p) throws IOException {
            Map<String, String> m = new LinkedHashMap<>();
            try (CsvSource src = CsvSource.open(p, Encoding.UTF_8)) {
                List<String> head = src.header();
                if (head.size() >= 2 && !"from".equalsIgnoreCase(head.get(0).trim())) {
                    m.put(head.get(0), head.get(1));
                }
                CsvRow row;
                while ((row = src.next()) != null) {
                    if (row.fields().size() >= 2) {
                        m.put(row.fields().get(0), row.fields().get(1));
                    }
                }
            }
            return m;
        }
    }
}
