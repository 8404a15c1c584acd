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
        subcommands = {DemoCommand.class, GenerateCommand.class, EvaluateCommand.class, TuneCommand.class, RecommendCommand.class, TrainCommand.class, OffersCommand.class, ServeCommand.class, RemindCommand.class, ValueCommand.class, ConfigureCommand.class, FitCommand.class, SizeCommand.class,
            CommandLine.HelpCommand.class})
public final class TailorCommand implements Runnable {
    /** Exit code for bad input data or files. */
    static final int DATA_ERROR = 1;

    /** Exit code when the Java heap is too small for the data. */
    static final int OUT_OF_MEMORY = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-q", "--quiet"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Print results and errors only: no library log lines.")
    boolean quiet;

    @CommandLine.Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Also print the library's detailed log lines (per-iteration losses, timings).")
    boolean verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see tailor --help)");
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Heap held back so the out-of-memory message can still be printed once the heap is spent. */
    private static byte[] reserve;

    /** Runs the command line with the given output streams, returning the exit code (for tests). */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        // Logging is configured before any library class (and so any logger) is loaded.
        TerminalProgress.quiet = false;
        for (String arg : args) {
            if (arg.equals("-q") || arg.equals("--quiet")) {
                TerminalProgress.quiet = true;
                System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
            } else if (arg.equals("-v") || arg.equals("--verbose")) {
                System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
            }
        }
        String outOfMemory = "tailor: out of memory (this Java may use at most " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MB of heap). Run it with more, e.g. java -Xmx8g -jar tailor.jar ... ; an event takes 32 bytes"
                + " plus its ids, and a model its factors or neighbours.";
        reserve = new byte[4 << 20];
        CommandLine commandLine = new CommandLine(new TailorCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            // A line that says what is wrong and where help is, not the whole synopsis (hundreds of characters).
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("tailor " + cmd.getCommandName() + ": " + printable(usageProblem(e)));
            cmd.getErr().println("(tailor " + cmd.getCommandName() + " --help lists every option)");
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (isUserError(e)) {
                // Bad input is the user's to fix: a message, not a stack trace.
                cmd.getErr().println("tailor " + cmd.getCommandName() + ": " + printable(e.getMessage()));
                // Exit codes: 2 = bad usage (a setting), 1 = bad data; any other exception is a bug and keeps its trace.
                return e instanceof IllegalArgumentException ? cmd.getCommandSpec().exitCodeOnInvalidInput() : DATA_ERROR;
            }
            throw e;
        });
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            // The heap is spent: free the reserve and say what to do with a message built beforehand.
            reserve = null;
            err.println(outOfMemory);
            return OUT_OF_MEMORY;
        } finally {
            reserve = null;
            out.flush();
            err.flush();
        }
    }

    /**
     * A message as it may go to a terminal: control characters (an escape sequence hidden in a data value)
     * are shown as {@code \\uXXXX} instead of being obeyed; line breaks and tabs stay.
     */
    static String printable(String message) {
        return message == null ? "(no message)" : dev.tailor.internal.PrintableText.escape(message, true);
    }

    /** What is wrong with a command line, in the words of the options the user types. */
    static String usageProblem(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.MissingParameterException && e.getMessage().contains("--dataset=NAME")) {
            return "no data given: --dataset NAME (a built-in or public dataset) or --events FILE";
        }
        String message = e.getMessage();
        return message.startsWith("Error: ") ? message.substring("Error: ".length()) : message;
    }

    private static boolean isUserError(Exception e) {
        return e instanceof IngestException || e instanceof ModelFileException || e instanceof DataProblem
                || e instanceof IllegalArgumentException
                || e instanceof dev.tailor.data.UnsuitableDataException || e instanceof UncheckedIOException
                || e instanceof IOException;
    }
}
