package dev.tailor.cli;

import dev.tailor.ingest.IngestException;
import dev.tailor.io.ModelFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tailor} command. */
@Command(name = "tailor", mixinStandardHelpOptions = true, version = "tailor 0.1.0",
        description = "Individual offers and replenishment reminders from what customers wear, rent, buy and configure.",
        subcommands = {DemoCommand.class, GenerateCommand.class, EvaluateCommand.class, TuneCommand.class, RecommendCommand.class, RemindCommand.class, ValueCommand.class, ConfigureCommand.class, FitCommand.class, SizeCommand.class,
            CommandLine.HelpCommand.class})
public final class TailorCommand implements Runnable {
    /** Exit code for bad input data or files. */
    static final int DATA_ERROR = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see tailor --help)");
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given output streams, returning the exit code (for tests). */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new TailorCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (isUserError(e)) {
                // Bad input is the user's to fix: a message, not a stack trace.
                cmd.getErr().println("tailor " + cmd.getCommandName() + ": " + e.getMessage());
                return e instanceof IllegalArgumentException ? cmd.getCommandSpec().exitCodeOnInvalidInput() : DATA_ERROR;
            }
            throw e;
        });
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static boolean isUserError(Exception e) {
        return e instanceof IngestException || e instanceof ModelFileException || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException || e instanceof UncheckedIOException || e instanceof IOException;
    }
}
