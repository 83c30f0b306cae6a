package io.vpcflow.dashboards;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code vpcflow demo} in a child JVM on this module's test classpath (embedded broker, generator in real time,
 * streams app), serving Prometheus metrics on {@code metricsPort}. Inert until {@link #start()}; {@link #close()}
 * stops it the way Ctrl-C does, so it removes its temporary state.
 */
final class DemoProcess implements AutoCloseable {
    private final int metricsPort;
    private Path dir;
    private Process process;

    DemoProcess(int metricsPort) {
        this.metricsPort = metricsPort;
    }

    void start() throws IOException {
        dir = Files.createTempDirectory("vpcflow-demo-it");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path network = DashboardFiles.MODULE.getParent().resolve("examples/sample-network.yaml");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx768m", "-cp", classpath,
                "io.vpcflow.cli.VpcflowCli", "demo", "--network", network.toString(), "--duration", "900",
                "--metrics-port", Integer.toString(metricsPort), "--query-port", "0"));
        process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("demo.log").toFile()).start();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of the demo's output, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("demo.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no demo log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
