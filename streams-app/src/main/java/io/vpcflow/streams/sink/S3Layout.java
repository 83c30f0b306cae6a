package io.vpcflow.streams.sink;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Where AWS puts VPC flow-log files in an S3 bucket and what it names them, after the VPC User Guide's "Flow log
 * files" page:
 * <pre>
 * &lt;prefix&gt;/AWSLogs/&lt;account&gt;/vpcflowlogs/&lt;region&gt;/&lt;yyyy&gt;/&lt;mm&gt;/&lt;dd&gt;/[&lt;hh&gt;/]
 * &lt;prefix&gt;/AWSLogs/aws-account-id=&lt;account&gt;/aws-service=vpcflowlogs/aws-region=&lt;region&gt;/year=&lt;yyyy&gt;/month=&lt;mm&gt;/day=&lt;dd&gt;/[hour=&lt;hh&gt;/]   (Hive-compatible)
 * &lt;account&gt;_vpcflowlogs_&lt;region&gt;_&lt;flow-log-id&gt;_&lt;yyyymmddThhmmZ&gt;_&lt;hash&gt;.log.gz
 * </pre>
 * AWS publishes a file every 5 minutes; its time stamp is the end of the 5 minutes it covers (AWS's example: the
 * file stamped 16:20 holds the records published 16:15:01 to 16:20:00), and the date directories are that time's.
 * AWS does not document its hash (its examples show 8 hex digits); vpcflow's is the first 8 hex digits of the
 * SHA-256 of the file's part number within its batch (0, then 1, 2 ... for files rolled at the size cap) and its
 * uncompressed text. So two files of one batch get two names, and a file written again with the same records
 * (a replay after a crash) gets the same name and replaces the first rather than duplicating it.
 *
 * @param hiveCompatible the Hive-compatible {@code key=value} directories instead of AWS's default ones
 * @param hourly         an hour directory below the day, as AWS's "hourly partitions" option
 */
public record S3Layout(boolean hiveCompatible, boolean hourly) {
    /** How much publish time one file covers. */
    public static final Duration BATCH = Duration.ofMinutes(5);
    public static final S3Layout DEFAULT = new S3Layout(false, false);

    private static final long BATCH_MS = BATCH.toMillis();
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The time stamp of the file holding a record published at {@code publishTime}: the end of its batch. */
    public static Instant fileTime(Instant publishTime) {
        long ms = publishTime.toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(ms + BATCH_MS - 1, BATCH_MS) * BATCH_MS);
    }

    /** The directory, relative to the bucket and prefix, of the files stamped {@code fileTime}. */
    public String directory(String account, String region, Instant fileTime) {
        S3Destination.requireSafe(account, "account");
        S3Destination.requireSafe(region, "region");
        ZonedDateTime t = fileTime.atZone(ZoneOffset.UTC);
        String yyyy = String.format(Locale.ROOT, "%04d", t.getYear());
        String mm = two(t.getMonthValue());
        String dd = two(t.getDayOfMonth());
        String hh = two(t.getHour());
        if (hiveCompatible) {
            return "AWSLogs/aws-account-id=" + account + "/aws-service=vpcflowlogs/aws-region=" + region
                    + "/year=" + yyyy + "/month=" + mm + "/day=" + dd + (hourly ? "/hour=" + hh : "");
        }
        return "AWSLogs/" + account + "/vpcflowlogs/" + region + "/" + yyyy + "/" + mm + "/" + dd
                + (hourly ? "/" + hh : "");
    }

    /** The name of a file of flow log {@code flowLogId} stamped {@code fileTime} whose content hash is {@code hash}. */
    public static String fileName(String account, String region, String flowLogId, Instant fileTime, String hash) {
        S3Destination.requireSafe(flowLogId, "flow-log id");
        return account + "_vpcflowlogs_" + region + "_" + flowLogId + "_" + STAMP.format(fileTime) + "_" + hash
                + ".log.gz";
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
