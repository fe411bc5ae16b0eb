package dev.rowcast.testkit;

import dev.rowcast.contract.CloudEventCodec;
import dev.rowcast.contract.GoldenEvents;
import dev.rowcast.contract.GoldenEvents.GoldenEvent;
import dev.rowcast.contract.KafkaRecordParts;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every golden event crosses a real broker, in a transaction, with its CloudEvents headers, and comes back equal;
 * uncompressed, and in batches compressed with each codec an operator may set ({@code rowcast.kafka.producer."compression.type"}).
 */
class GoldenEventsThroughBrokerTest {

    static KafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @ParameterizedTest(name = "compression {0}")
    @ValueSource(strings = {"none", "lz4", "zstd", "snappy", "gzip"})
    void everyGoldenEventRoundTripsThroughTheBroker(String compression) throws Exception {
        String topic = "rowcast.rows.golden-" + compression;
        broker.createTopic(topic, 3, true);
        List<GoldenEvent> goldens = GoldenEvents.all();

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "golden-test-" + compression);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (GoldenEvent golden : goldens) {
                KafkaRecordParts parts = golden.record();
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, parts.key(), parts.value());
                parts.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                producer.send(record);
            }
            producer.commitTransaction();
        }

        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "golden-reader-" + compression);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<KafkaRecordParts> received = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.size() < goldens.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    for (Header h : r.headers()) {
                        headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                    }
                    received.add(new KafkaRecordParts(r.key(), headers, r.value()));
                }
            }
        }
        assertEquals(goldens.size(), received.size());
        CloudEventCodec codec = new CloudEventCodec();
        for (GoldenEvent golden : goldens) {
            KafkaRecordParts back = received.stream()
                    .filter(r -> r.headers().get("ce_id").equals(golden.record().headers().get("ce_id")))
                    .findFirst().orElseThrow(() -> new AssertionError("not received: " + golden.name()));
            assertEquals(golden.record(), back, golden.name());
            if (golden.isStatus()) {
                assertEquals(codec.decodeStatus(golden.record().key(), golden.record().headers(), golden.record().value()),
                        codec.decodeStatus(back.key(), back.headers(), back.value()));
            } else {
                assertEquals(codec.decode(golden.record().key(), golden.record().headers(), golden.record().value()),
                        codec.decode(back.key(), back.headers(), back.value()), golden.name());
            }
        }
    }
}
