package io.vpcflow.streams.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Uploads the file sink's published files to an S3 bucket, one at a time in the order they were published, and
 * deletes each local file once S3 has accepted it. The local directory is the outbox: a file stays there until its
 * upload succeeded, so records whose offsets the sink committed (because their file was published locally) are
 * never lost when S3 is down or the process dies; {@link #start()} queues every file a previous run left behind.
 *
 * <p>A failed upload is counted ({@code vpcflow_file_sink_upload_failures_total}) and retried after a wait that
 * doubles up to {@link S3UploadConfig#maxBackoff()}; the file behind it waits. Only published files are uploaded
 * (their final {@code *.log.gz} name), never the hidden {@code .tmp} files being written. Each upload carries the
 * file's Content-MD5, so S3 rejects a body that changed on the way, and is idempotent: a file uploaded again after
 * a crash between upload and delete overwrites the object with the same bytes.
 *
 * <p>Inert until {@link #start()}. {@link #close()} stops retrying; it uploads what is queued as long as uploads
 * succeed and leaves the rest on disk for the next start.
 */
public final class S3Uploader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3Uploader.class);
    /** AWS does not document the headers of its flow-log objects: these say what the bytes are (gzip text). */
    static final String CONTENT_TYPE = "text/plain; charset=utf-8";
    static final String CONTENT_ENCODING = "gzip";

    private final S3UploadConfig config;
    private final Path root;
    private final S3Client s3;
    private final Set<Path> queue = new LinkedHashSet<>();
    private final Counter uploads;
    private final Counter failures;
    private final Counter bytes;
    private Thread thread;
    private volatile boolean closing;

    /** {@code root} is the file sink's root; {@code s3} is closed by {@link #close()}. */
    public S3Uploader(S3UploadConfig config, Path root, S3Client s3, MeterRegistry registry) {
        this.config = config;
        this.root = root;
        this.s3 = s3;
        this.uploads = Counter.builder("vpcflow.file.sink.uploads")
                .description("files uploaded to the S3 bucket (and deleted locally)").register(registry);
        this.failures = Counter.builder("vpcflow.file.sink.upload.failures")
                .description("failed upload attempts; the file stays on disk and is retried").register(registry);
        this.bytes = Counter.builder("vpcflow.file.sink.upload.bytes")
                .description("gzip bytes of the uploaded files").register(registry);
        Gauge.builder("vpcflow.file.sink.upload.pending", this, S3Uploader::pending)
                .description("published files waiting for their upload").register(registry);
    }

    /** Queues the published files a previous run left in {@code root} and starts uploading. */
    public void start() {
        List<Path> leftovers = publishedFiles(root);
        synchronized (queue) {
            queue.addAll(leftovers);
        }
        if (!leftovers.isEmpty()) {
            LOG.info("{} published files from an earlier run wait for their upload to s3://{}", leftovers.size(),
                    config.bucket());
        }
        thread = new Thread(this::run, "flow-log-s3-uploader");
        thread.start();
    }

    /** Queues a file the sink just published. */
    public void submit(Path file) {
        synchronized (queue) {
            queue.add(file);
            queue.notifyAll();
        }
    }

    /** Files queued or being uploaded. */
    public int pending() {
        synchronized (queue) {
            return queue.size();
        }
    }

    /** The object key of a file below the root: its path without the first segment (the destination's bucket). */
    static String key(Path root, Path file) {
        Path relative = root.relativize(file);
        if (relative.getNameCount() < 2 || relative.startsWith("..")) {
            throw new IllegalArgumentException(file + " is not below a bucket directory of " + root);
        }
        List<String> parts = new ArrayList<>();
        relative.subpath(1, relative.getNameCount()).forEach(p -> parts.add(p.toString()));
        return String.join("/", parts);
    }

    private void run() {
        Duration wait = config.initialBackoff();
        Path file;
        while ((file = next()) != null) {
            if (upload(file)) {
                wait = config.initialBackoff();
                continue;
            }
            if (closing) {
                break;
            }
            sleep(wait);
            wait = wait.multipliedBy(2).compareTo(config.maxBackoff()) > 0 ? config.maxBackoff()
                    : wait.multipliedBy(2);
        }
        int left = pending();
        if (left > 0) {
            LOG.warn("{} flow-log files not yet uploaded stay in {}; they are uploaded on the next start", left,
                    root.toAbsolutePath());
        }
    }

    /** The oldest queued file, waiting for one; {@code null} once closing and nothing is queued. */
    private Path next() {
        synchronized (queue) {
            while (queue.isEmpty()) {
                if (closing) {
                    return null;
                }
                try {
                    queue.wait(1000);
                } catch (InterruptedException e) {
                    // close() interrupts a wait; the loop checks closing
                }
            }
            return queue.iterator().next();
        }
    }

    /** Uploads one file and deletes it; false (counted, logged) when S3 or the file system refused. */
    private boolean upload(Path file) {
        String key = key(root, file);
        try {
            if (!Files.exists(file)) {
                dequeue(file);   // replaced or already uploaded by an earlier run
                return true;
            }
            long size = Files.size(file);
            s3.putObject(PutObjectRequest.builder().bucket(config.bucket()).key(key).contentType(CONTENT_TYPE)
                    .contentEncoding(CONTENT_ENCODING).contentMD5(md5(file)).contentLength(size).build(),
                    RequestBody.fromFile(file));
            Files.deleteIfExists(file);
            dequeue(file);
            uploads.increment();
            bytes.increment(size);
            LOG.debug("uploaded s3://{}/{} ({} bytes)", config.bucket(), key, size);
            return true;
        } catch (IOException | RuntimeException e) {
            failures.increment();
            // SDK messages name the service error and request id, never the credentials; anything else that goes
            // wrong is retried too rather than ending the thread and leaving files behind unseen
            LOG.warn("upload of {} to s3://{}/{} failed, retrying: {}", file.getFileName(), config.bucket(), key,
                    e.getMessage());
            return false;
        }
    }

    private void dequeue(Path file) {
        synchronized (queue) {
            queue.remove(file);
        }
    }

    private static String md5(Path file) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                md5.update(buffer, 0, n);
            }
        }
        return Base64.getEncoder().encodeToString(md5.digest());
    }

    private void sleep(Duration wait) {
        synchronized (queue) {
            long deadline = System.nanoTime() + wait.toNanos();
            for (long left = wait.toMillis(); left > 0 && !closing;
                 left = (deadline - System.nanoTime()) / 1_000_000) {
                try {
                    queue.wait(left);
                } catch (InterruptedException e) {
                    // close() interrupts a wait; the loop checks closing
                }
            }
        }
    }

    /** Published files below {@code root}, oldest name first: the final names, not the hidden temporary ones. */
    static List<Path> publishedFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> root.relativize(p).getNameCount() >= 2)   // below a bucket directory
                    .filter(p -> p.getFileName().toString().endsWith(".log.gz")
                            && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the files waiting for upload in " + root, e);
        }
    }

    /** Stops retrying, uploads what is queued while uploads succeed, and closes the S3 client. */
    @Override
    public void close() {
        closing = true;
        if (thread != null) {
            synchronized (queue) {
                queue.notifyAll();
            }
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        s3.close();
    }
}
