package io.github.spatialvlm4j.datagen.cli;

import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code spatialvlm4j} command line: {@code generate}, {@code audit}, {@code ask}, {@code eval} and {@code finetune}. */
@Command(name = "spatialvlm4j", mixinStandardHelpOptions = true, version = "spatialvlm4j 0.1.0",
        description = "Metric spatial question/answer data for vision-language models.",
        subcommands = CommandLine.HelpCommand.class)
public final class SpatialVlm4jCli {

    private SpatialVlm4jCli() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /**
     * Runs the command line and returns the exit code: 0 success, 1 failure, 2 usage error, 3 a
     * {@code generate} run that finished but failed its check ({@link
     * io.github.spatialvlm4j.datagen.job.RunCheck}: no record, or too many frames skipped). Errors are
     * printed as one line on {@code err}.
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new SpatialVlm4jCli());
        cli.addSubcommand(new CommandLine(new GenerateCommand(out, err)));
        cli.addSubcommand(new CommandLine(new AuditCommand(out, err)));
        cli.addSubcommand(new CommandLine(new AskCommand(out, err)));
        cli.addSubcommand(new CommandLine(new EvalCommand(out, err)));
        cli.addSubcommand(new CommandLine(new FinetuneCommand(out)));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("spatialvlm4j: " + ErrorMessages.oneLine(e));
            if (ErrorMessages.wantsStackTrace(e)) {
                e.printStackTrace(err);
            }
            return e instanceof UsageException ? 2 : 1;
        });
        return cli.execute(args);
    }
}
