package io.vpcflow.streams.sink;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vpcflow.schemas.flowlog.FlowLogFormat;
import org.apache.kafka.common.TopicPartition;

/**
 * The sink's open files, without Kafka I/O: one per (destination, account, Region, flow log) and 5-minute batch of
 * publish time, rolled into a new file at the size cap, published when their batch is over. It remembers the
 * first offset each open file holds from each partition, so {@link #committable} never lets a consumer commit past
 * a record that is not yet in a published file.
 */
final class FileBatches {
    private final S3Layout layout;
    private final long maxFileBytes;
    private final FileSinkCounters counters;
    private final Map<FileKey, OpenFile> open = new LinkedHashMap<>();
    /** The batch each key wrote last and how many files it has had, to number the parts of one batch. */
    private final Map<FileKey, Part> lastPart = new HashMap<>();

    FileBatches(S3Layout layout, long maxFileBytes, FileSinkCounters counters) {
        this.layout = layout;
        this.maxFileBytes = maxFileBytes;
        this.counters = counters;
    }

    /**
     * Which file a record goes to: {@code base} is the directory standing in for the bucket and prefix.
     * Account, Region and flow-log id become path segments, so they must be safe ones.
     */
    record FileKey(Path base, String account, String region, String flowLogId) {
        FileKey {
            S3Destination.requireSafe(account, "account");
            S3Destination.requireSafe(region, "region");
            S3Destination.requireSafe(flowLogId, "flow-log id");
        }
    }

    private record Part(Instant fileTime, int number) {
    }

    private record OpenFile(GzipLogFile file, Instant fileTime, FlowLogFormat format,
                            Map<TopicPartition, Long> firstOffsets) {
    }

    /** Writes {@code line} of a record published at {@code publishTime}, read from {@code partition} at {@code offset}. */
    void write(FileKey key, FlowLogFormat format, String line, Instant publishTime, TopicPartition partition,
               long offset) throws IOException {
        Instant fileTime = S3Layout.fileTime(publishTime);
        OpenFile file = open.get(key);
        if (file != null && (!file.fileTime().equals(fileTime) || !file.format().equals(format))) {
            publish(key, false);
            file = null;
        }
        byte[] bytes = GzipLogFile.lineBytes(line);
        if (file != null && !file.file().fits(bytes)) {
            publish(key, true);
            file = null;
        }
        if (file == null) {
            file = create(key, format, fileTime);
        }
        file.file().append(bytes);
        file.firstOffsets().putIfAbsent(partition, offset);
    }

    private OpenFile create(FileKey key, FlowLogFormat format, Instant fileTime) throws IOException {
        Path directory = key.base().resolve(layout.directory(key.account(), key.region(), fileTime));
        String temp = "." + key.flowLogId() + "-" + UUID.randomUUID() + ".log.gz.tmp";
        Part previous = lastPart.get(key);
        Part part = new Part(fileTime, previous != null && previous.fileTime().equals(fileTime)
                ? previous.number() + 1 : 0);
        lastPart.put(key, part);
        OpenFile file = new OpenFile(GzipLogFile.create(directory, temp, maxFileBytes, format.header(),
                part.number()), fileTime, format, new HashMap<>());
        open.put(key, file);
        return file;
    }

    /** Publishes every file whose batch ended before {@code now}; returns their paths. */
    List<Path> publishDue(Instant now) throws IOException {
        List<Path> published = new ArrayList<>();
        for (FileKey key : List.copyOf(open.keySet())) {
            if (open.get(key).fileTime().isBefore(now)) {
                published.add(publish(key, false));
            }
        }
        return published;
    }

    /** Publishes every open file, due or not (on close and when partitions are revoked). */
    List<Path> publishAll() throws IOException {
        List<Path> published = new ArrayList<>();
        for (FileKey key : List.copyOf(open.keySet())) {
            published.add(publish(key, false));
        }
        return published;
    }

    /** Deletes every unpublished file: its records are re-read after a restart, as their offsets were not committed. */
    void abandonAll() {
        open.values().forEach(f -> f.file().abandon());
        open.clear();
    }

    private Path publish(FileKey key, boolean rolledAtCap) throws IOException {
        OpenFile file = open.remove(key);
        try {
            Path path = file.file().publish(hash -> S3Layout.fileName(key.account(), key.region(), key.flowLogId(),
                    file.fileTime(), hash));
            counters.fileWritten(file.file().records(), file.file().diskBytes(), rolledAtCap);
            return path;
        } catch (IOException | RuntimeException e) {
            file.file().abandon();
            throw e;
        }
    }

    int openFiles() {
        return open.size();
    }

    /**
     * The offsets safe to commit: for each partition its consumer {@code position}, held back to the first offset
     * an unpublished file holds from it.
     */
    Map<TopicPartition, Long> committable(Map<TopicPartition, Long> positions) {
        Map<TopicPartition, Long> safe = new HashMap<>(positions);
        for (OpenFile file : open.values()) {
            file.firstOffsets().forEach((partition, first) ->
                    safe.computeIfPresent(partition, (tp, position) -> Math.min(position, first)));
        }
        return safe;
    }
}
