package io.vpcflow.streams.sink;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for the upload ITs: s3rver (Node; checks SigV4 signatures and Content-MD5) as a child
 * process on 127.0.0.1, with its own data directory. Its package is pinned in {@code src/test/s3rver/package.json}
 * and {@code package-lock.json}, installed by {@code npm ci}; without node and npm the test fails, it never skips.
 * s3rver's fixed credentials are {@code S3RVER}/{@code S3RVER}.
 */
final class S3rverProcess implements AutoCloseable {
    static final String ACCESS_KEY = "S3RVER";
    static final String SECRET_KEY = "S3RVER";
    private static final Path PACKAGE = Path.of("src/test/s3rver");
    private static final Pattern LISTENING = Pattern.compile("S3rver listening on [^:]+:(\\d+)");
    private static final Object INSTALL_LOCK = new Object();
    private static boolean installed;

    private final Path dataDir;
    private final Process process;
    private final int port;

    private S3rverProcess(Path dataDir, Process process, int port) {
        this.dataDir = dataDir;
        this.process = process;
        this.port = port;
    }

    /** Starts s3rver on {@code port} (0: a free one) keeping its objects in {@code dataDir}. */
    static S3rverProcess start(Path dataDir, int port) throws IOException, InterruptedException {
        installOnce();
        Files.createDirectories(dataDir);
        Process process = new ProcessBuilder(require("node").toString(),
                PACKAGE.resolve("node_modules/s3rver/bin/s3rver.js").toString(), "--directory", dataDir.toString(),
                "--address", "127.0.0.1", "--port", Integer.toString(port), "--silent", "--no-vhost-buckets")
                .redirectErrorStream(true).start();
        // a test that fails before close() must not leave the server running after the JVM
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "s3rver-kill"));
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> readOutput(process, listening, output), "s3rver-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new S3rverProcess(dataDir, process, listening.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly().waitFor();
            synchronized (output) {
                throw new AssertionError("s3rver did not start: " + e + "; output:\n" + output, e);
            }
        }
    }

    private static void readOutput(Process process, CompletableFuture<Integer> listening, StringBuilder output) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    listening.complete(Integer.parseInt(m.group(1)));
                }
            }
            listening.completeExceptionally(new IllegalStateException("s3rver exited"));
        } catch (IOException e) {
            listening.completeExceptionally(e);
        }
    }

    /** {@code npm ci} of the pinned package, once per JVM. */
    private static void installOnce() throws IOException, InterruptedException {
        synchronized (INSTALL_LOCK) {
            if (installed) {
                return;
            }
            require("node");
            Path log = Files.createTempFile("vpcflow-npm-ci", ".log");
            try {
                Process npm = new ProcessBuilder(require("npm").toString(), "ci", "--no-audit", "--no-fund")
                        .directory(PACKAGE.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!npm.waitFor(10, TimeUnit.MINUTES)) {
                    npm.destroyForcibly().waitFor();
                    throw new AssertionError("npm ci in " + PACKAGE + " did not finish in 10 minutes");
                }
                if (npm.exitValue() != 0) {
                    throw new AssertionError("npm ci in " + PACKAGE + " failed (exit " + npm.exitValue() + "):\n"
                            + Files.readString(log));
                }
            } finally {
                Files.deleteIfExists(log);
            }
            installed = true;
        }
    }

    /** The absolute path of {@code program} on PATH, or an AssertionError saying how to install it. */
    private static Path require(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(program + " is not on PATH; the S3 upload ITs run s3rver with it: apt-get install"
                + " nodejs npm (Debian), as .ci/run does");
    }

    int port() {
        return port;
    }

    Path dataDir() {
        return dataDir;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A client of this server with its credentials, for the test's own requests. */
    S3Client client() {
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(endpoint()).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** Kills the server; its data directory stays, so a new one on the same port and directory serves it again. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
