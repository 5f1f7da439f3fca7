package jp.vrsctl.cli;

import java.util.function.LongConsumer;

/** A progress line on stderr, only on a terminal (never in a pipe or a log). */
final class Progress {
    private Progress() {}

    static LongConsumer forTerminal(Context ctx) {
        if (ctx.terminal == null) {
            return null;
        }
        long start = System.nanoTime();
        return rows -> {
            double secs = (System.nanoTime() - start) / 1e9;
            long rate = secs > 0 ? (long) (rows / secs) : 0;
            ctx.err.print("\r" + CliMessages.get("progress.rows", rows, rate));
            ctx.err.flush();
        };
    }
}
