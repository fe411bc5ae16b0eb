package dev.rowcast.query;

import dev.rowcast.contract.CloudEventCodec;
import dev.rowcast.contract.EventDecodingException;
import dev.rowcast.contract.KafkaRecordParts;
import dev.rowcast.contract.KafkaRecords;
import dev.rowcast.contract.RowEvent;
import dev.rowcast.contract.SourceStatus;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

/** Reads what a topic holds, as a read_committed consumer would: the view the contract promises. */
public final class TopicProbe implements AutoCloseable {

    private static final CloudEventCodec CODEC = new CloudEventCodec();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    private final List<RowEvent> decoded = new ArrayList<>();

    public TopicProbe(String bootstrapServers, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
    }

    private void assign() {
        if (!consumer.assignment().isEmpty()) {
            return;
        }
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            return;
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Everything read so far plus whatever has arrived. */
    public List<ConsumerRecord<byte[], byte[]>> poll() {
        assign();
        if (!consumer.assignment().isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                records.add(r);
            }
        }
        return records;
    }

    /** Polls until {@code done} holds for the row events read so far, or fails after the timeout. */
    public List<RowEvent> awaitEvents(Duration timeout, Predicate<List<RowEvent>> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<RowEvent> events = List.of();
        while (System.nanoTime() < deadline) {
            poll();
            events = events();
            if (done.test(events)) {
                return events;
            }
        }
        throw new AssertionError("timed out after " + timeout + " on " + topic + "; events so far: " + describe(events));
    }

    /** The row events read so far (decoded once each). */
    public List<RowEvent> events() {
        for (int i = decoded.size(); i < records.size(); i++) {
            decoded.add(decode(records.get(i)));
        }
        return List.copyOf(decoded);
    }

    public static RowEvent decode(ConsumerRecord<byte[], byte[]> r) {
        KafkaRecordParts parts = KafkaRecords.parts(r);
        try {
            return CODEC.decode(parts.key(), parts.headers(), parts.value());
        } catch (EventDecodingException e) {
            throw new AssertionError("the service wrote an event the contract rejects: " + e.getMessage() + " " + parts, e);
        }
    }

    public List<SourceStatus> statuses() {
        List<SourceStatus> statuses = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : poll()) {
            KafkaRecordParts parts = KafkaRecords.parts(r);
            try {
                statuses.add(CODEC.decodeStatus(parts.key(), parts.headers(), parts.value()));
            } catch (EventDecodingException e) {
                throw new AssertionError(e);
            }
        }
        return statuses;
    }

    public static String describe(List<RowEvent> events) {
        StringBuilder sb = new StringBuilder();
        for (RowEvent e : events) {
            sb.append("\n  ").append(e.operation()).append(' ').append(e.canonicalKey()).append(" @").append(e.position())
                    .append(e.columns() == null ? "" : " " + e.columns());
        }
        return sb.toString();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
