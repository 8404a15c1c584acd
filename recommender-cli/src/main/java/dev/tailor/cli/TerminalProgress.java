package dev.tailor.cli;

import dev.tailor.progress.ProgressListener;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows library progress on the terminal: a progress bar on an interactive terminal, one line at the start
 * and one at the end otherwise (so logs of scripted runs stay readable).
 */
final class TerminalProgress implements ProgressListener {
    private final PrintWriter err;
    private final boolean interactive;
    private ProgressBar bar;
    private String task;
    private long startNanos;
    private long lastLineNanos;
    private long done;
    private long total;

    TerminalProgress(PrintWriter err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
    }

    /** Whether {@code -q} was given: then progress says nothing (set by {@link TailorCommand#run} for each run). */
    static volatile boolean quiet;

    /** Progress on the command's error stream; a bar only when that is the process's interactive terminal. */
    static TerminalProgress of(CommandSpec spec) {
        return new TerminalProgress(spec.commandLine().getErr(), System.console() != null);
    }

    @Override
    public synchronized void start(String taskName, long total) {
        if (quiet) {
            return;
        }
        this.task = taskName;
        this.startNanos = System.nanoTime();
        this.lastLineNanos = startNanos;
        this.done = 0;
        this.total = total;
        if (interactive) {
            bar = new ProgressBarBuilder().setTaskName(taskName).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(200).build();
        } else {
            err.println(taskName + " ...");
        }
    }

    @Override
    public void advance(long units) {
        ProgressBar current = bar;
        if (current != null) {
            current.stepBy(units);
        } else if (task != null) {
            lineEvery15Seconds(units);
        }
    }

    /** Without a bar, a line every 15 s at most, so a long step in a scripted run is not silent. */
    private synchronized void lineEvery15Seconds(long units) {
        done += units;
        long now = System.nanoTime();
        if (task != null && now - lastLineNanos >= 15_000_000_000L) {
            lastLineNanos = now;
            err.printf("%s: %d of %d (%.0f %%), %.0f s%n", task, done, total, total > 0 ? 100.0 * done / total : 0,
                    (now - startNanos) / 1e9);
        }
    }

    @Override
    public synchronized void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        } else if (task != null) {
            err.printf("%s done in %.1f s%n", task, (System.nanoTime() - startNanos) / 1e9);
        }
        task = null;
    }

    /** Runs a step of unknown length between a start and a finish line. */
    <T> T indeterminate(String taskName, java.util.function.Supplier<T> step) {
        if (quiet) {
            return step.get();
        }
        long t0 = System.nanoTime();
        err.println(taskName + " ...");
        T result = step.get();
        err.printf("%s done in %.1f s%n", taskName, (System.nanoTime() - t0) / 1e9);
        return result;
    }
}
