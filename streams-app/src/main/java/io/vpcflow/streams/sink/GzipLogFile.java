package io.vpcflow.streams.sink;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/**
 * One flow-log file being written: gzip text under a hidden temporary name in its final directory, renamed
 * atomically to its final name by {@link #publish}, so a reader never sees half a file. The header line of field
 * names is written first, as in AWS's files.
 *
 * <p>The size cap bounds the file on disk (compressed). Deflate holds input back, so the bytes on disk lag the
 * text written; {@link #fits} therefore counts text not yet flushed as if it did not compress at all, and only when
 * that pessimistic estimate reaches the cap does it sync-flush the deflater to learn the exact size. Flushes are
 * rare (a few per file) and the cap holds exactly, except that a file always takes its first record.
 */
final class GzipLogFile {
    /** Room for deflate's final block, the gzip trailer and a sync-flush marker. */
    private static final long RESERVE = 64;

    private final Path temp;
    private final FileChannel channel;
    private final CountingStream disk;
    private final GZIPOutputStream gzip;
    private final MessageDigest digest;
    private final long cap;
    private long unflushedText;
    private long records;
    private boolean done;

    private GzipLogFile(Path temp, FileChannel channel, long cap) throws IOException {
        this.temp = temp;
        this.channel = channel;
        this.cap = cap;
        this.disk = new CountingStream(new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024));
        this.gzip = new GZIPOutputStream(disk, 8 * 1024, true);
        this.digest = sha256();
    }

    /**
     * Opens {@code directory/tempName} (creating the directory) and writes {@code header} as the first line.
     * {@code part} numbers the files of one batch; it goes into the hash so that two files of one batch with the
     * same text (identical records split at the cap) still get two names.
     */
    static GzipLogFile create(Path directory, String tempName, long cap, String header, int part)
            throws IOException {
        Files.createDirectories(directory);
        Path temp = directory.resolve(tempName);
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        GzipLogFile file = new GzipLogFile(temp, channel, cap);
        file.digest.update((part + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            file.write(lineBytes(header));
        } catch (IOException e) {
            file.abandon();
            throw e;
        }
        return file;
    }

    /** A line as written to the file: UTF-8 with its newline. */
    static byte[] lineBytes(String line) {
        return (line + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code line} (from {@link #lineBytes}) keeps the file within the cap. */
    boolean fits(byte[] line) throws IOException {
        if (records == 0 || estimate(line.length) <= cap) {
            return true;
        }
        gzip.flush();
        unflushedText = 0;
        return estimate(line.length) <= cap;
    }

    private long estimate(long more) {
        long text = unflushedText + more;
        // stored deflate blocks grow incompressible text by 5 bytes per 64 KiB at most
        return disk.count + text + text / 1000 + RESERVE;
    }

    /** Appends one record line (from {@link #lineBytes}). */
    void append(byte[] line) throws IOException {
        write(line);
        records++;
    }

    private void write(byte[] bytes) throws IOException {
        gzip.write(bytes);
        digest.update(bytes);
        unflushedText += bytes.length;
    }

    long records() {
        return records;
    }

    /**
     * Finishes the gzip stream, forces it to disk and renames the file to {@code nameForHash.apply(hash)} in the
     * same directory; returns the final path. Durable before it is visible, so offsets committed after this never
     * point past records that are not on disk.
     */
    Path publish(Function<String, String> nameForHash) throws IOException {
        done = true;
        try {
            gzip.finish();
            disk.flush();
            channel.force(true);
        } finally {
            channel.close();
        }
        String hash = HexFormat.of().formatHex(digest.digest(), 0, 4);
        Path target = temp.resolveSibling(nameForHash.apply(hash));
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(target.getParent());
        return target;
    }

    /** Bytes on disk; exact after {@link #publish}. */
    long diskBytes() {
        return disk.count;
    }

    /** Closes and deletes the temporary file, ignoring errors: used when the file will never be published. */
    void abandon() {
        if (done) {
            return;
        }
        done = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // the file is deleted next; nothing to keep
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a leftover hidden .tmp file is ignored by readers
        }
    }

    /** The rename is durable only once the directory is; not every platform can force a directory. */
    private static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Counts the compressed bytes gzip hands on. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
