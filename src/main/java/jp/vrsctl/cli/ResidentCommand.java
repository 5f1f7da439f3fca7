package jp.vrsctl.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import jp.vrsctl.crypto.Secrets;
import jp.vrsctl.service.ResidentService;
import jp.vrsctl.service.ResidentService.Resident;
import jp.vrsctl.service.ResidentService.Selector;
import jp.vrsctl.service.Session;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "resident", mixinStandardHelpOptions = true, description = "Vaccination targets (residents).",
        subcommands = {ResidentCommand.Import.class, ResidentCommand.Show.class, ResidentCommand.ListCmd.class,
                ResidentCommand.Flag.class})
final class ResidentCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import target residents from a CSV file (formats.md: Japanese or English headers,"
                    + " UTF-8 or Windows-31J).",
                    "All-or-nothing unless --skip-invalid. Re-importing the same file changes nothing; an import never"
                            + " clears a flag."})
    static final class Import extends AuthCommand {
        @Parameters(paramLabel = "FILE", description = "The CSV file.")
        String file;

        @Mixin
        ImportCommandSupport opts;

        @Mixin
        OutputOptions out;

        @Option(names = "--allow-my-number-change",
                description = "Accept rows that change the My Number of an existing 宛名番号.")
        boolean allowMyNumberChange;

        @Override
        int run(Session s) {
            var summary = new ResidentService(ctx.clock).importCsv(s, ctx.resolve(file),
                    opts.options(ctx, allowMyNumberChange, false, null));
            return ImportCommandSupport.report(ctx, summary, out);
        }
    }

    /** How to name one resident. */
    static final class Who {
        @Parameters(paramLabel = "ID", arity = "0..1",
                description = "宛名番号 or resident id (R...). For a My Number use --my-number-file or --my-number-stdin.")
        String id;

        @Option(names = "--my-number-file", paramLabel = "FILE", description = "Read the My Number from FILE.")
        String myNumberFile;

        @Option(names = "--my-number-stdin", description = "Read the My Number from standard input.")
        boolean myNumberStdin;

        @Option(names = "--ticket", paramLabel = "NUMBER", description = "The resident holding this ticket.")
        String ticket;

        @Option(names = "--ask-my-number", description = "Ask for the My Number at a masked prompt (terminal only).")
        boolean askMyNumber;

        /** The selector; a My Number is read into a char[] that {@link #wipe} clears. */
        Selector selector(Context ctx) {
            int given = (id != null ? 1 : 0) + (myNumberFile != null ? 1 : 0) + (myNumberStdin ? 1 : 0)
                    + (ticket != null ? 1 : 0) + (askMyNumber ? 1 : 0);
            if (given != 1) {
                throw new VrsException(ExitCode.USAGE, CliMessages.get("resident.who"));
            }
            if (myNumberFile != null) {
                return Selector.byMyNumber(SecretInput.fromFile(ctx.resolve(myNumberFile)));
            }
            if (myNumberStdin) {
                return Selector.byMyNumber(SecretInput.fromStream(ctx.in));
            }
            if (askMyNumber) {
                if (ctx.terminal == null) {
                    throw new VrsException(ExitCode.USAGE, CliMessages.get("resident.ask.noterminal"));
                }
                return Selector.byMyNumber(ctx.terminal.readPassword(CliMessages.get("resident.ask.prompt")));
            }
            if (ticket != null) {
                return Selector.byTicket(ticket);
            }
            return Selector.parse(id);
        }

        static void wipe(Selector s) {
            if (s != null && s.myNumber() != null) {
                Secrets.wipe(s.myNumber());
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Show one resident with tickets, doses and history.",
                    "The My Number is masked unless --reveal-my-number; a DV-protected resident's address is never shown."})
    static final class Show extends AuthCommand {
        @Mixin
        Who who;

        @Mixin
        OutputOptions out;

        @Option(names = "--reveal-my-number", description = "Show the full My Number (recorded in the audit trail).")
        boolean reveal;

        @Override
        int run(Session s) {
            Selector sel = who.selector(ctx);
            ResidentService.ResidentDetail d;
            try {
                d = new ResidentService(ctx.clock).show(s, sel, reveal);
            } finally {
                Who.wipe(sel);
            }
            Map<String, Object> doc = residentMap(d.resident(), reveal);
            doc.put("tickets", d.tickets().stream().map(TicketCommand::ticketMap).toList());
            doc.put("doses", d.doses().stream().map(DoseCommand::doseMap).toList());
            doc.put("versions", d.history().size() + 1);
            Documents.print(ctx, out, doc, List.of("tickets", "doses"));
            return 0;
        }
    }

    static Map<String, Object> residentMap(Resident r, boolean reveal) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("address_number", r.addressNumber());
        m.put("my_number", reveal ? r.myNumber() : r.myNumberMasked());
        m.put("name", r.name());
        m.put("name_kana", r.kana());
        m.put("birth_date", Printer.str(r.birthDate()));
        m.put("sex", r.sex());
        m.put("postal_code", r.dvProtected() ? null : r.postalCode());
        m.put("address", r.dvProtected() ? null : r.address());
        m.put("dv_protected", r.dvProtected());
        m.put("moved_out_on", Printer.str(r.movedOutOn()));
        m.put("deceased_on", Printer.str(r.deceasedOn()));
        m.put("version", r.version());
        return m;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List residents, with filters.")
    static final class ListCmd extends AuthCommand {
        @Option(names = "--kana", paramLabel = "KANA", description = "Exact name kana (half-width accepted).")
        String kana;

        @Option(names = "--born-from", paramLabel = "DATE", description = "Born on or after DATE.")
        String bornFrom;

        @Option(names = "--born-to", paramLabel = "DATE", description = "Born on or before DATE.")
        String bornTo;

        @Option(names = "--flagged", negatable = true, description = "Only residents flagged (or, --no-flagged, not"
                + " flagged) deceased or moved out.")
        Boolean flagged;

        @Option(names = "--dv", negatable = true, description = "Only DV-protected residents (or, --no-dv, others).")
        Boolean dv;

        @Option(names = "--limit", paramLabel = "N", description = "At most N residents.")
        Integer limit;

        @Mixin
        OutputOptions out;

        @Override
        int run(Session s) {
            List<Resident> list = new ResidentService(ctx.clock).list(s, new ResidentService.Filter(kana,
                    ImportCommandSupport.date(bornFrom), ImportCommandSupport.date(bornTo), flagged, dv, limit));
            Printer p = new Printer().col("id", "ID").col("address_number", "宛名番号").col("name", "NAME")
                    .col("name_kana", "KANA").col("birth_date", "BIRTH").col("sex", "SEX")
                    .col("moved_out_on", "MOVED OUT").col("deceased_on", "DECEASED").col("dv_protected", "DV");
            for (Resident r : list) {
                p.row(r.id(), r.addressNumber(), r.name(), r.kana(), Printer.str(r.birthDate()), r.sex(),
                        Printer.str(r.movedOutOn()), Printer.str(r.deceasedOn()), r.dvProtected());
            }
            p.print(ctx, out);
            return 0;
        }
    }

    @Command(name = "flag", mixinStandardHelpOptions = true,
            description = "Set a resident's moved-out or deceased flag, or clear both.")
    static final class Flag extends AuthCommand {
        @Parameters(paramLabel = "ID", description = "宛名番号 or resident id (R...).")
        String id;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Change change;

        static final class Change {
            @Option(names = "--moved-out", paramLabel = "DATE", description = "Moved out on DATE.")
            String movedOut;

            @Option(names = "--deceased", paramLabel = "DATE", description = "Deceased on DATE.")
            String deceased;

            @Option(names = "--clear", description = "Clear the moved-out and deceased flags.")
            boolean clear;
        }

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept in the audit trail).")
        String reason;

        @Mixin
        OutputOptions out;

        @Override
        int run(Session s) {
            Resident r = new ResidentService(ctx.clock).flag(s, Selector.parse(id), new ResidentService.FlagChange(
                    ImportCommandSupport.date(change.movedOut), ImportCommandSupport.date(change.deceased), change.clear,
                    reason));
            Documents.print(ctx, out, residentMap(r, false), List.of());
            return 0;
        }
    }
}
