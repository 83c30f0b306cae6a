package io.vpcflow.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vpcflow.schemas.SampleRecords;
import io.vpcflow.schemas.avro.Finding;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.testfixtures.ApicurioRegistryConfig;
import io.vpcflow.testfixtures.ApicurioRegistryFixture;
import io.vpcflow.testfixtures.KafkaFixture;

/** The registry-mode serde against a real Apicurio Registry (its Confluent-compatible API). */
class ApicurioRegistrySerdeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ApicurioRegistryFixture registry;

    @BeforeAll
    static void startRegistry() {
        registry = new ApicurioRegistryFixture(ApicurioRegistryConfig.defaults());
        registry.start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void evolvesBackwardAndRejectsIncompatibleChange() throws Exception {
        String subject = "evolving-packets-value";
        int v1Id = registerRaw(subject, v1Schema());
        setCompatibility(subject, "BACKWARD");

        AvroSerdes serdes = new AvroSerdes(SerdeConfig.withRegistry(registry.ccompatUrl()));
        Serde<PacketEvent> packets = serdes.forValue(PacketEvent.class);
        byte[] v2Bytes = packets.serializer().serialize("evolving-packets", SampleRecords.rejectedPacket());

        assertThat(ByteBuffer.wrap(v2Bytes, 1, 4).getInt()).as("current schema got a new id").isNotEqualTo(v1Id);
        assertThat(get("/subjects/" + subject + "/versions")).hasSize(2);

        PacketEvent fromV1 = packets.deserializer().deserialize("evolving-packets", confluentFramed(v1Id, v1Packet()));
        assertThat(fromV1.getScenario()).isEqualTo("baseline-web");
        assertThat(fromV1.getSublocationType()).isNull();

        // a reader that fetches the schemas by id from the registry takes the body of current-schema bytes as is
        CurrentSchemaBody body = (CurrentSchemaBody) new AvroSerdes(SerdeConfig.withRegistry(registry.ccompatUrl()))
                .forValue(PacketEvent.class).deserializer();
        assertThat(body.currentSchemaBody("evolving-packets", v2Bytes)).isEqualTo(5);
        assertThat(body.currentSchemaBody("evolving-packets", confluentFramed(v1Id, v1Packet()))).isEqualTo(-1);

        Serde<Finding> wrongType = serdes.forValue(Finding.class);
        assertThatThrownBy(() -> wrongType.serializer().serialize("evolving-packets", SampleRecords.finding()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'" + subject + "'")
                .hasMessageContaining(registry.ccompatUrl())
                .hasMessageContaining("incompatible (HTTP 409)");
    }

    @Test
    void plainAvroReaderDecodesOurBytesWithWriterSchemaFetchedById() throws Exception {
        PacketEvent event = SampleRecords.rejectedPacket();
        byte[] bytes = new AvroSerdes(SerdeConfig.withRegistry(registry.ccompatUrl()))
                .forValue(PacketEvent.class).serializer().serialize("plain-read", event);

        assertThat(bytes[0]).isZero();
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        Schema writer = new Schema.Parser().parse(get("/schemas/ids/" + id).path("schema").asText());
        GenericRecord read = new GenericDatumReader<GenericRecord>(writer)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));

        assertThat(read.get("srcAddr")).hasToString(event.getSrcAddr());
        assertThat(read.get("eventTime")).isEqualTo(event.getEventTime().toEpochMilli());
        assertThat(read.get("action")).hasToString("REJECT");
        assertThat(read.get("explanationCode")).hasToString("ENI_SG_RULES_MISMATCH");
        assertThat(read.get("instanceId")).hasToString("i-0abc");
    }

    @Test
    void producesAndConsumesThroughKafka() throws Exception {
        String topic = "registry-packets";
        String bootstrap = KafkaFixture.shared().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Serde<PacketEvent> serde = new AvroSerdes(SerdeConfig.withRegistry(registry.ccompatUrl())).forValue(PacketEvent.class);
        try (KafkaProducer<String, PacketEvent> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), serde.serializer())) {
            producer.send(new ProducerRecord<>(topic, "eni-0a1b2c3d", SampleRecords.rejectedPacket())).get();
        }
        assertThat(consume(bootstrap, topic, serde)).containsExactly(SampleRecords.rejectedPacket());
    }

    private static List<PacketEvent> consume(String bootstrap, String topic, Serde<PacketEvent> serde) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "registry-it", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<PacketEvent> values = new ArrayList<>();
        try (KafkaConsumer<String, PacketEvent> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), serde.deserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, PacketEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static Schema v1Schema() throws IOException {
        try (InputStream in = ApicurioRegistrySerdeIT.class.getResourceAsStream("/avro/v1/PacketEvent.avsc")) {
            return new Schema.Parser().parse(in);
        }
    }

    private static GenericRecord v1Packet() throws IOException {
        Schema v1 = v1Schema();
        return new GenericRecordBuilder(v1)
                .set("eventTime", SampleRecords.T0.toEpochMilli())
                .set("interfaceId", "eni-1").set("accountId", "123456789012").set("vpcId", "vpc-01")
                .set("subnetId", "subnet-0a1").set("azId", "use1-az1").set("region", "us-east-1")
                .set("srcAddr", "10.1.0.5").set("dstAddr", "10.1.0.12").set("srcPort", 40_000).set("dstPort", 443)
                .set("protocol", 6).set("packets", 3L).set("bytes", 180L).set("tcpFlags", 2)
                .set("flowDirection", new GenericData.EnumSymbol(v1.getField("flowDirection").schema(), "EGRESS"))
                .set("action", new GenericData.EnumSymbol(v1.getField("action").schema(), "ACCEPT"))
                .set("scenario", "baseline-web")
                .build();
    }

    private static byte[] confluentFramed(int id, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static int registerRaw(String subject, Schema schema) throws Exception {
        return send("POST", "/subjects/" + subject + "/versions", Map.of("schema", schema.toString())).path("id").asInt();
    }

    private static void setCompatibility(String subject, String level) throws Exception {
        JsonNode answer = send("PUT", "/config/" + subject, Map.of("compatibility", level));
        assertThat(answer.path("compatibility").asText()).isEqualTo(level);
    }

    private static JsonNode get(String path) throws Exception {
        return send("GET", path, null);
    }

    private static JsonNode send(String method, String path, Map<String, String> body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(registry.ccompatUrl() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
