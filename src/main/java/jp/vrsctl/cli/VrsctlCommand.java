package jp.vrsctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "vrsctl", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Administration toolkit for municipal vaccination records: an encrypted store of residents,"
                + " tickets and doses.",
        subcommands = {InitCommand.class, ResidentCommand.class, TicketCommand.class, DoseCommand.class,
                UserCommand.class, KeyCommand.class, AuditCommand.class,
                CatalogCommand.class, picocli.CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0 ok, 1 failure, 2 usage, 3 invalid input (nothing written), 4 not authenticated or not permitted,",
                "  5 not found, 6 conflict, 7 integrity failure, 8 partly done (--skip-invalid rejected rows)",
                "", "Environment: VRSCTL_STORE, VRSCTL_MUNICIPALITY, VRSCTL_USER, VRSCTL_PASSWORD_FILE, VRSCTL_VERBOSE,"
                + " NO_COLOR; VRSCTL_CONFIG names a configuration file.",
                "Configuration file: $XDG_CONFIG_HOME/vrsctl/config.toml (else ~/.config/vrsctl/config.toml, on Windows"
                + " %%APPDATA%%\\vrsctl\\config.toml) with keys store, municipality, user, password_file, verbose."
                + " Flags win over variables, variables over the file."})
final class VrsctlCommand implements Runnable {
    @Option(names = "--verbose", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "On an unexpected error, print the stack trace (never values).")
    boolean verbose;

    @Option(names = "--no-color", scope = picocli.CommandLine.ScopeType.INHERIT, description = "Never use colour.")
    boolean noColor;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
