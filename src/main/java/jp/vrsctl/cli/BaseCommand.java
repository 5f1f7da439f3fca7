package jp.vrsctl.cli;

import java.util.concurrent.Callable;

/** Base of every subcommand: the injected {@link Context} and a template method returning the exit code. */
abstract class BaseCommand implements Callable<Integer> {
    Context ctx;

    @Override
    public final Integer call() throws Exception {
        return execute();
    }

    /** Parses nothing more, calls one service method, prints; returns the exit code. */
    abstract int execute() throws Exception;
}
