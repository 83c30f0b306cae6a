package io.vpcflow.dashboards;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program the checks need (node, npm, promtool, prometheus) and fails clearly when it is not installed. */
final class ExternalCommand {

    private ExternalCommand() {
    }

    /** The outcome of a finished command: its exit code and its stdout and stderr, merged. */
    record Result(int exitCode, String output) {
    }

    /** The absolute path of {@code program} on PATH; an AssertionError telling how to install it if absent. */
    static Path require(String program, String howToInstall) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(program + " is not on PATH; the dashboard checks need it: " + howToInstall);
    }

    static Result run(Path workDir, long timeoutSeconds, List<String> command) {
        try {
            Path log = Files.createTempFile("vpcflow-dashboards-cmd", ".log");
            try {
                Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds
                            + " s; output:\n" + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command.get(0), e);
        }
    }
}
