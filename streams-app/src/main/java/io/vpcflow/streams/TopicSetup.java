package io.vpcflow.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import io.vpcflow.schemas.topic.TopicReadiness;
import io.vpcflow.schemas.topic.VpcflowTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics {@link FlowLogTopology} reads and writes when they are missing: packet-events, flow-logs and
 * flow-log-lines with {@code partitions} partitions (keyed by interface id, so one partition count for all three),
 * subscriptions and interfaces compacted. Kafka Streams creates the changelogs itself, with the partition count of
 * packet-events, and the topology has no repartition topic.
 *
 * <p>The topics whose record timestamps are event times (packet-events, flow-logs, flow-log-lines, dead-letters) are
 * created with {@code retention.ms=-1}: replayed or ingested traffic carries timestamps days or months old, which the
 * broker's default time-based retention (7 days) would delete at its next check, before the pipeline has read it.
 * On a long-running cluster set a size-based retention ({@code retention.bytes}) on them instead. Existing topics are
 * left as they are.
 */
public final class TopicSetup {
    private TopicSetup() {
    }

    /** Blocks until every partition of {@code names} has a serving leader; see {@link TopicReadiness}. */
    public static void awaitLeaders(Admin admin, List<String> names) {
        try {
            TopicReadiness.awaitLeaders(admin, names, java.time.Duration.ofSeconds(30));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + names, e);
        }
    }

    /** Creates what is missing and returns the partition count packet-events actually has. */
    static int ensure(Admin admin, VpcflowTopics topics, int partitions, short replicationFactor) {
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        Map<String, String> eventTime = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");
        List<NewTopic> wanted = List.of(
                new NewTopic(topics.packetEvents().name(), partitions, replicationFactor).configs(eventTime),
                new NewTopic(topics.flowLogs().name(), partitions, replicationFactor).configs(eventTime),
                new NewTopic(topics.flowLogLines().name(), partitions, replicationFactor).configs(eventTime),
                new NewTopic(topics.deadLetters().name(), partitions, replicationFactor).configs(eventTime),
                new NewTopic(topics.subscriptions().name(), 1, replicationFactor).configs(compacted),
                new NewTopic(topics.interfaces().name(), 1, replicationFactor).configs(compacted),
                // findings are keyed by finding id and the latest value is the finding's state: compacted
                new NewTopic(topics.findings().name(), partitions, replicationFactor).configs(compacted));
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (NewTopic topic : wanted) {
                if (!existing.contains(topic.name())) {
                    missing.add(topic);
                }
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
                awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
            }
            TopicDescription events = admin.describeTopics(List.of(topics.packetEvents().name()))
                    .allTopicNames().get().get(topics.packetEvents().name());
            return events.partitions().size();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot set up the flow-log topics: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up the flow-log topics", e);
        }
    }
}
