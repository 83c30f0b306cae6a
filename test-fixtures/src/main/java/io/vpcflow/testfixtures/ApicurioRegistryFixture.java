package io.vpcflow.testfixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry 2.4 server (in-memory storage) run as a child process on 127.0.0.1 and
 * a free port, for integration tests that need a Confluent-compatible schema registry.
 *
 * <p>Inert until {@link #start()}, which launches the server built by the {@code apicurio-registry}
 * module and waits for {@code GET /health/ready}; {@link #close()} kills it. The server's output
 * goes to {@code apicurio-registry/target/registry-<port>.log}.
 */
public final class ApicurioRegistryFixture implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistryFixture.class);

    private final ApicurioRegistryConfig config;
    private Process process;
    private Thread killOnExit;
    private int port;

    public ApicurioRegistryFixture(ApicurioRegistryConfig config) {
        this.config = config;
    }

    public synchronized void start() {
        if (process != null) {
            throw new IllegalStateException("Apicurio Registry already started at " + baseUrl());
        }
        Path jar = config.serverJar();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Apicurio Registry server not built: " + jar + " is missing. Run "
                    + "`./mvnw -pl apicurio-registry install` in " + config.repositoryRoot() + " first.");
        }
        port = freePort();
        Path log = jar.getParent().getParent().resolve("registry-" + port + ".log");
        long t0 = System.nanoTime();
        process = launch(jar, log);
        killOnExit = new Thread(process::destroyForcibly, "apicurio-registry-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        awaitReady(log);
        LOG.info("Apicurio Registry ready at {} in {} ms (log {})", baseUrl(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), log);
    }

    /** {@code http://127.0.0.1:<port>}, the server's root. */
    public synchronized String baseUrl() {
        if (process == null) {
            throw new IllegalStateException("Apicurio Registry not started");
        }
        return "http://127.0.0.1:" + port;
    }

    /** The Confluent-compatible API: {@code http://127.0.0.1:<port>/apis/ccompat/v7}. */
    public String ccompatUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            removeKillOnExit();
            process = null;
        }
        LOG.info("Apicurio Registry on port {} stopped", port);
    }

    private Process launch(Path jar, Path log) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java,
                "-Xmx" + config.maxHeap(),
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                // the 2.4 app's default storage: SQL on an in-memory H2 database, schema created at start
                "-Dquarkus.datasource.jdbc.url=jdbc:h2:mem:registry_db",
                "-Dregistry.sql.init=true",
                "-jar", jar.toString());
        try {
            return new ProcessBuilder(command)
                    .directory(jar.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch Apicurio Registry " + jar, e);
        }
    }

    private void awaitReady(Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                failStart("exited with code " + process.exitValue(), log);
            }
            if (answers(http, ready)) {
                return;
            }
            sleep(100);
        }
        failStart("not ready after " + config.startTimeout().toSeconds() + " s", log);
    }

    private static boolean answers(HttpClient http, HttpRequest ready) {
        try {
            return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for Apicurio Registry", e);
        }
    }

    private void failStart(String why, Path log) {
        String url = "http://127.0.0.1:" + port;
        close();
        throw new IllegalStateException("Apicurio Registry at " + url + " " + why + "; see " + log);
    }

    private void removeKillOnExit() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting; the hook is running or will run
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for Apicurio Registry", e);
        }
    }
}
