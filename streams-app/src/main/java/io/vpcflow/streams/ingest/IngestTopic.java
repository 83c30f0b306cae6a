package io.vpcflow.streams.ingest;

import io.vpcflow.streams.TopicSetup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Makes the flow-logs topic fit for old records. Ingested records keep their own time ({@code end}) as Kafka
 * timestamp, and time-based retention deletes a segment once its newest timestamp is older than
 * {@code retention.ms}: records from a 2019 file would be deleted at the next retention check, minutes after they
 * were written, and the stores and detectors that replay the topic would never see them. So the topic must not
 * delete by age: ingest creates it with {@code retention.ms=-1}, and warns about (or, asked to, fixes) an existing
 * topic that does. It also warns when the broker would overwrite or refuse old timestamps.
 */
final class IngestTopic {
    private IngestTopic() {
    }

    /** Creates or checks {@code topic}; returns what the user should know, one message each. */
    static List<String> ensure(Admin admin, String topic, int partitions, short replicationFactor,
                               boolean fixRetention) throws InterruptedException {
        List<String> notes = new ArrayList<>();
        try {
            if (!admin.listTopics().names().get().contains(topic)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor)
                            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")))).all().get();
                    TopicSetup.awaitLeaders(admin, List.of(topic));
                    notes.add("created topic " + topic + " (" + partitions + " partitions) with retention.ms=-1,"
                            + " so records keep their original timestamps and are never deleted by age");
                    return notes;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            check(admin, topic, fixRetention, notes);
            return notes;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot set up topic " + topic + ": " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    private static void check(Admin admin, String topic, boolean fixRetention, List<String> notes)
            throws ExecutionException, InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        long retention = number(config.get(TopicConfig.RETENTION_MS_CONFIG), -1);
        if (retention >= 0) {
            if (fixRetention) {
                admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "-1"), AlterConfigOp.OpType.SET))))
                        .all().get();
                notes.add("set retention.ms=-1 on topic " + topic + " (was " + describe(retention) + ")");
            } else {
                notes.add("WARNING: topic " + topic + " deletes records older than " + describe(retention)
                        + " (retention.ms=" + retention + "); ingested records keep their own time, so any older"
                        + " than that are deleted within minutes. Re-run with --fix-retention, or set retention.ms=-1"
                        + " on the topic.");
            }
        }
        ConfigEntry timestampType = config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG);
        if (timestampType != null && "LogAppendTime".equals(timestampType.value())) {
            notes.add("WARNING: topic " + topic + " has message.timestamp.type=LogAppendTime: the broker replaces"
                    + " each record's time with the time it was written; set it to CreateTime to keep them.");
        }
        long before = number(config.get(TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG), Long.MAX_VALUE);
        if (before != Long.MAX_VALUE) {
            notes.add("WARNING: topic " + topic + " refuses records more than " + describe(before) + " older than"
                    + " the broker's clock (message.timestamp.before.max.ms=" + before + "); older files will fail.");
        }
    }

    private static long number(ConfigEntry entry, long fallback) {
        if (entry == null || entry.value() == null) {
            return fallback;
        }
        try {
            return Long.parseLong(entry.value());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String describe(long ms) {
        Duration d = Duration.ofMillis(ms);
        return d.toDays() >= 1 ? d.toDays() + " day(s)" : d.toHours() >= 1 ? d.toHours() + " hour(s)"
                : d.toMinutes() + " minute(s)";
    }
}
