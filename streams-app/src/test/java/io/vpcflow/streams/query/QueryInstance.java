package io.vpcflow.streams.query;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vpcflow.schemas.topic.VpcflowTopics;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * One streams instance for the query ITs and the benchmark: {@link QueryTopology} alone in its own Kafka Streams
 * client (own state directory) and a {@link QueryServer} on its own port. Closing it leaves the group.
 */
final class QueryInstance implements AutoCloseable {
    final int port;
    final KafkaStreams streams;
    final QueryServer server;

    QueryInstance(String bootstrap, String applicationId, VpcflowTopics topics, SourcePartitions sources,
                  int standbyReplicas, Path stateRoot) throws Exception {
        port = QueryHttp.freePort();
        QueryConfig config = QueryConfig.defaults().withPort(port).withStandbyReplicas(standbyReplicas);
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, config.applicationServer());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(stateRoot, "instance").toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        streams = new KafkaStreams(QueryTopology.addTo(new Topology(), topics), p);
        server = new QueryServer(config, streams, sources, null, new SimpleMeterRegistry());
        server.start();
        streams.start();
    }

    void awaitRunning() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("instance on port " + port + " is " + streams.state() + " after 90 s");
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        server.close();
        streams.close(Duration.ofSeconds(30));
    }
}
