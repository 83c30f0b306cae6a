package io.vpcflow.cli;

import org.apache.kafka.common.errors.AuthenticationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vpcflow} command: one entry point for every tool of the project. */
@Command(name = "vpcflow", mixinStandardHelpOptions = true, version = "vpcflow 0.1.0",
        description = "Models AWS VPC networks and streams their traffic as flow logs.",
        subcommands = {DemoCommand.class, CheckCommand.class, ExplainCommand.class, GenerateCommand.class,
                ParseCommand.class, SimulateCommand.class, IngestCommand.class, QueryCommand.class,
                CommandLine.HelpCommand.class})
public final class VpcflowCli implements Runnable {
    /** Exit code for bad input: a flag, a file or an entity the user must fix. */
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        CommandLine cli = commandLine();
        int code = cli.execute(args);
        cli.getOut().flush();
        cli.getErr().flush();
        System.exit(code);
    }

    /** The configured command line, also used by the tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new VpcflowCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UserError || e instanceof IllegalArgumentException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return BAD_INPUT;
            }
            AuthenticationException refused = authenticationFailure(e);
            if (refused != null) {
                commandLine.getErr().println("error: Kafka authentication failed (" + refused.getMessage()
                        + "); check --security-protocol, the --sasl-* and the --ssl-* flags");
                return BAD_INPUT;
            }
            commandLine.getErr().println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            if (System.getenv("VPCFLOW_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("(set VPCFLOW_DEBUG=1 to see the stack trace)");
            }
            return 1;
        });
        return cli;
    }

    /** Wrong credentials or an untrusted broker certificate are bad input, wherever in the client stack the broker's refusal surfaced. */
    private static AuthenticationException authenticationFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthenticationException auth) {
                return auth;
            }
        }
        return null;
    }
}
