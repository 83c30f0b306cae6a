package io.vpcflow.streams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import io.vpcflow.model.FlowLog;
import io.vpcflow.model.InterfaceType;
import io.vpcflow.model.Network;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.Subnet;
import io.vpcflow.model.Vpc;
import io.vpcflow.schemas.avro.FlowLogScope;
import io.vpcflow.schemas.avro.FlowLogSubscription;
import io.vpcflow.schemas.avro.NetworkInterfaceMetadata;
import io.vpcflow.schemas.avro.TrafficType;
import io.vpcflow.schemas.flowlog.FlowLogFormat;
import io.vpcflow.schemas.security.ClientSecurity;
import io.vpcflow.schemas.topic.Topic;
import io.vpcflow.schemas.topic.VpcflowTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a network's flow logs ({@code FlowLogSubscription}, key flow-log id) and interfaces
 * ({@code NetworkInterfaceMetadata}, key interface id) to the compacted {@code <prefix>.subscriptions} and
 * {@code <prefix>.interfaces} topics, which {@link FlowLogTopology} reads as global tables: publishing a changed
 * network at run time changes the flow logs without a restart. {@link #start()} creates the topics (compacted) when
 * missing; {@link #publish(Network)} sends and flushes; a failed send is fatal (it throws).
 */
public final class NetworkPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkPublisher.class);

    private final String bootstrapServers;
    private final int partitions;
    private final short replicationFactor;
    private final VpcflowTopics topics;
    private final ClientSecurity security;
    private Admin admin;
    private KafkaProducer<String, FlowLogSubscription> subscriptionProducer;
    private KafkaProducer<String, NetworkInterfaceMetadata> interfaceProducer;

    /** {@code partitions} and {@code replicationFactor} apply to the topics {@link #start()} creates. */
    public NetworkPublisher(String bootstrapServers, int partitions, short replicationFactor, VpcflowTopics topics) {
        this(bootstrapServers, partitions, replicationFactor, topics, ClientSecurity.NONE);
    }

    /** With Kafka client security (TLS, SASL) for its admin and producer clients. */
    public NetworkPublisher(String bootstrapServers, int partitions, short replicationFactor, VpcflowTopics topics,
                            ClientSecurity security) {
        this.security = security;
        this.bootstrapServers = bootstrapServers;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.topics = topics;
    }

    public void start() {
        Map<String, Object> adminConfig = new HashMap<>();
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        admin = Admin.create(security.applyTo(adminConfig));
        createCompacted(List.of(topics.subscriptions().name(), topics.interfaces().name()));
        subscriptionProducer = producer(topics.subscriptions());
        interfaceProducer = producer(topics.interfaces());
    }

    /** Sends every flow log and interface of {@code network}; returns how many of each. */
    public Published publish(Network network) {
        List<FlowLogSubscription> subscriptions = network.flowLogs().stream().map(f -> subscriptionOf(f, network))
                .toList();
        List<NetworkInterfaceMetadata> interfaces = network.networkInterfaces().stream()
                .map(eni -> metadataOf(eni, network)).toList();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        subscriptions.forEach(s -> sends.add(subscriptionProducer.send(
                new ProducerRecord<>(topics.subscriptions().name(), s.getFlowLogId(), s))));
        interfaces.forEach(m -> sends.add(interfaceProducer.send(
                new ProducerRecord<>(topics.interfaces().name(), m.getInterfaceId(), m))));
        subscriptionProducer.flush();
        interfaceProducer.flush();
        awaitAll(sends);
        LOG.info("published {} flow-log subscriptions and {} interfaces", subscriptions.size(), interfaces.size());
        return new Published(subscriptions.size(), interfaces.size());
    }

    /** Deletes one subscription (a tombstone on the compacted topic). */
    public void delete(String flowLogId) {
        Future<RecordMetadata> send = subscriptionProducer.send(
                new ProducerRecord<>(topics.subscriptions().name(), flowLogId, null));
        subscriptionProducer.flush();
        awaitAll(List.of(send));
    }

    private static void awaitAll(List<Future<RecordMetadata>> sends) {
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing the network failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the network", e);
        }
    }

    @Override
    public void close() {
        if (subscriptionProducer != null) {
            subscriptionProducer.close();
        }
        if (interfaceProducer != null) {
            interfaceProducer.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    /** How much one {@link #publish} sent. */
    public record Published(int subscriptions, int interfaces) {
    }

    /** The flow log as AWS describes it; a null log format becomes AWS's default format spec. */
    public static FlowLogSubscription subscriptionOf(FlowLog flowLog, Network network) {
        String resource = flowLog.resourceId();
        FlowLogScope scope = resource.startsWith("vpc-") ? FlowLogScope.VPC
                : resource.startsWith("subnet-") ? FlowLogScope.SUBNET : FlowLogScope.INTERFACE;
        String format = flowLog.logFormat() == null || flowLog.logFormat().isBlank()
                ? FlowLogFormat.DEFAULT.awsSpec() : FlowLogFormat.parse(flowLog.logFormat()).awsSpec();
        return FlowLogSubscription.newBuilder()
                .setFlowLogId(flowLog.id())
                .setScopeType(scope)
                .setResourceId(resource)
                .setTrafficType(TrafficType.valueOf(flowLog.trafficType().name()))
                .setMaxAggregationIntervalSeconds(flowLog.maxAggregationIntervalSeconds())
                .setLogFormat(format)
                .setDestination(flowLog.destination() == null ? "" : flowLog.destination())
                .setAccountId(orElse(flowLog.accountId(), ownerAccount(resource, network)))
                .setRegion(orElse(flowLog.region(), regionOf(resource, network)))
                .build();
    }

    public static NetworkInterfaceMetadata metadataOf(NetworkInterface eni, Network network) {
        Optional<Vpc> vpc = network.vpc(eni.vpcId());
        Optional<Subnet> subnet = network.subnet(eni.subnetId());
        return NetworkInterfaceMetadata.newBuilder()
                .setInterfaceId(eni.id())
                .setAccountId(orElse(eni.accountId(), vpc.map(Vpc::accountId).orElse("unknown")))
                .setVpcId(eni.vpcId())
                .setSubnetId(eni.subnetId())
                .setInstanceId(eni.instanceId())
                .setAzId(subnet.map(Subnet::azId).orElse(""))
                .setRegion(vpc.map(Vpc::region).orElse(""))
                .setPrimaryPrivateIp(eni.primaryPrivateIp())
                .setInterfaceType(ec2InterfaceType(eni.type()))
                .build();
    }

    private static String ec2InterfaceType(InterfaceType type) {
        return switch (type) {
            case INSTANCE, OTHER -> "interface";
            case NAT_GATEWAY -> "nat_gateway";
            case VPC_ENDPOINT -> "vpc_endpoint";
            case LOAD_BALANCER -> "network_load_balancer";
        };
    }

    private static String ownerAccount(String resource, Network network) {
        return vpcOf(resource, network).map(Vpc::accountId).orElse("unknown");
    }

    private static String regionOf(String resource, Network network) {
        return vpcOf(resource, network).map(Vpc::region).orElse("");
    }

    private static Optional<Vpc> vpcOf(String resource, Network network) {
        if (resource.startsWith("vpc-")) {
            return network.vpc(resource);
        }
        Optional<String> vpcId = resource.startsWith("subnet-")
                ? network.subnet(resource).map(Subnet::vpcId)
                : network.networkInterface(resource).map(NetworkInterface::vpcId);
        return vpcId.flatMap(network::vpc);
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private void createCompacted(List<String> names) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String name : names) {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, replicationFactor)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
                LOG.info("created compacted topics {}", missing.stream().map(NewTopic::name).toList());
                TopicSetup.awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topics " + names + ": " + e.getCause().getMessage(),
                        e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + names, e);
        }
    }

    private <V> KafkaProducer<String, V> producer(Topic<String, V> topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        security.applyTo(props);
        return new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer());
    }
}
