package jp.vrsctl.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The floor of any picocli command's start-up: one class that only prints a version. The scenario runner
 * copies this class alone into a jar and runs it beside {@code vrsctl --version} with the launcher's JVM flags.
 */
@Command(name = "minimal", mixinStandardHelpOptions = true, version = "minimal 1.0")
public final class MinimalPicocli implements Runnable {
    @Override
    public void run() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new MinimalPicocli()).execute(args));
    }
}
