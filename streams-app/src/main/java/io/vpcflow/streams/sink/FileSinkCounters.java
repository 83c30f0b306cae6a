package io.vpcflow.streams.sink;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@link FlowLogFileSink} did, by the metric names the dashboards will use. Records the sink does not write
 * are either not its business ({@code records_not_s3_total}: the flow log delivers elsewhere) or counted errors
 * (unknown flow log, a destination or id that is not a safe path, a tombstone).
 */
public final class FileSinkCounters {
    private static final String PREFIX = "vpcflow_file_sink_";

    private final AtomicLong recordsRead = new AtomicLong();
    private final AtomicLong filesWritten = new AtomicLong();
    private final AtomicLong filesRolledAtCap = new AtomicLong();
    private final AtomicLong recordsWritten = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong recordsNotS3 = new AtomicLong();
    private final AtomicLong recordsUnknownFlowLog = new AtomicLong();
    private final AtomicLong recordsInvalid = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();

    void fileWritten(long records, long bytes, boolean rolledAtCap) {
        filesWritten.incrementAndGet();
        recordsWritten.addAndGet(records);
        bytesWritten.addAndGet(bytes);
        if (rolledAtCap) {
            filesRolledAtCap.incrementAndGet();
        }
    }

    void recordRead() {
        recordsRead.incrementAndGet();
    }

    void recordNotS3() {
        recordsNotS3.incrementAndGet();
    }

    void recordUnknownFlowLog() {
        recordsUnknownFlowLog.incrementAndGet();
    }

    void recordInvalid() {
        recordsInvalid.incrementAndGet();
    }

    void committed() {
        commits.incrementAndGet();
    }

    /** Records read from the flow-logs topic, written or not. */
    public long recordsRead() {
        return recordsRead.get();
    }

    /** Files published (renamed to their final name). */
    public long filesWritten() {
        return filesWritten.get();
    }

    /** Records in published files. */
    public long recordsWritten() {
        return recordsWritten.get();
    }

    /** Gzip bytes of published files. */
    public long bytesWritten() {
        return bytesWritten.get();
    }

    public long filesRolledAtCap() {
        return filesRolledAtCap.get();
    }

    public long recordsUnknownFlowLog() {
        return recordsUnknownFlowLog.get();
    }

    public long recordsInvalid() {
        return recordsInvalid.get();
    }

    public long recordsNotS3() {
        return recordsNotS3.get();
    }

    /** Every counter by its metric name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put(PREFIX + "records_read_total", recordsRead.get());
        m.put(PREFIX + "files_written_total", filesWritten.get());
        m.put(PREFIX + "files_rolled_at_cap_total", filesRolledAtCap.get());
        m.put(PREFIX + "records_written_total", recordsWritten.get());
        m.put(PREFIX + "bytes_written_total", bytesWritten.get());
        m.put(PREFIX + "records_not_s3_total", recordsNotS3.get());
        m.put(PREFIX + "records_unknown_flow_log_total", recordsUnknownFlowLog.get());
        m.put(PREFIX + "records_invalid_total", recordsInvalid.get());
        m.put(PREFIX + "offset_commits_total", commits.get());
        return m;
    }
}
