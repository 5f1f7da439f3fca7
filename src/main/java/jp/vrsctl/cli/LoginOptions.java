package jp.vrsctl.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Who is running the command. Secrets never come from the command line (design.md §8): a masked prompt,
 * {@code --password-file}, {@code --password-stdin} or {@code VRSCTL_PASSWORD_FILE}.
 */
final class LoginOptions {
    @Mixin
    StoreOptions store;

    @Option(names = {"-m", "--municipality"}, paramLabel = "CODE",
            description = "Municipality code (6 digits; or $VRSCTL_MUNICIPALITY).")
    String municipality;

    @Option(names = {"-u", "--user"}, paramLabel = "NAME", description = "User name (or $VRSCTL_USER).")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the password from the first line of FILE (or $VRSCTL_PASSWORD_FILE).")
    String passwordFile;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;
}
