package io.vpcflow.schemas.topic;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until every partition of freshly created topics has a leader that serves requests. An idempotent producer
 * whose first batch meets NOT_LEADER_OR_FOLLOWER on a just-created topic while later batches are in flight ends in
 * a storm of OUT_OF_ORDER_SEQUENCE_NUMBER retries (seen on the embedded broker), so nothing may produce earlier.
 */
public final class TopicReadiness {
    private TopicReadiness() {
    }

    /** Returns once a ListOffsets request for every partition of {@code names} is answered, or throws. */
    public static void awaitLeaders(Admin admin, Collection<String> names, Duration timeout)
            throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                topics.values().forEach(t -> t.partitions().forEach(
                        p -> partitions.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest())));
                admin.listOffsets(partitions).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new TimeoutException("partitions of " + names + " have no serving leader after " + timeout.toSeconds()
                + " s" + (last == null ? "" : ": " + last.getCause().getMessage()));
    }
}
