package io.vpcflow.streams.query;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.streams.TopicSetup;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Makes sure the topics {@link QueryTopology} reads exist and returns their partition counts: the findings topic is
 * created compacted (latest value per finding id) with {@code partitions} partitions when no detector created it yet.
 */
public final class QueryTopics {
    private QueryTopics() {
    }

    /** {@link #ensure(Admin, VpcflowTopics, int, short)} through a plain (unsecured) connection to the cluster. */
    public static SourcePartitions ensure(String bootstrapServers, VpcflowTopics topics, int partitions,
                                          short replicationFactor) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return ensure(admin, topics, partitions, replicationFactor);
        }
    }

    /** Creates the findings topic if it is missing; {@code admin} carries the app's client (security) settings. */
    public static SourcePartitions ensure(Admin admin, VpcflowTopics topics, int partitions, short replicationFactor) {
        try {
            String findings = topics.findings().name();
            Set<String> existing = admin.listTopics().names().get();
            if (!existing.contains(findings)) {
                try {
                    admin.createTopics(List.of(new NewTopic(findings, partitions, replicationFactor)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                            .all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
                TopicSetup.awaitLeaders(admin, List.of(findings));
            }
            String flowLogs = topics.flowLogs().name();
            Map<String, TopicDescription> d = admin.describeTopics(List.of(flowLogs, findings)).allTopicNames().get();
            return new SourcePartitions(flowLogs, d.get(flowLogs).partitions().size(), findings,
                    d.get(findings).partitions().size());
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot set up the topics of the query API: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up the topics of the query API", e);
        }
    }
}
