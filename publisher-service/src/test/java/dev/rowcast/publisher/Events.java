package dev.rowcast.publisher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rowcast.contract.CloudEventCodec;
import dev.rowcast.contract.ColumnType;
import dev.rowcast.contract.Json;
import dev.rowcast.contract.KafkaRecordParts;
import dev.rowcast.contract.KafkaRecords;
import dev.rowcast.contract.RowEvent;
import dev.rowcast.contract.SqlType;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Future;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Writes row events to Kafka as the query service does (contract v1), for the publisher to read. */
public final class Events implements AutoCloseable {

    private static final CloudEventCodec CODEC = new CloudEventCodec();
    private final KafkaProducer<byte[], byte[]> producer;
    private long position;

    public Events(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public static ObjectNode key(String column, Object value) {
        ObjectNode key = Json.object();
        if (value instanceof Number n) {
            key.put(column, n.longValue());
        } else {
            key.put(column, (String) value);
        }
        return key;
    }

    /** An upsert whose columns are the key plus NVARCHAR text columns. */
    public RowEvent upsert(String source, ObjectNode key, String... columnsAndValues) {
        ObjectNode columns = key.deepCopy();
        Map<String, ColumnType> types = new LinkedHashMap<>();
        key.fieldNames().forEachRemaining(k -> types.put(k, ColumnType.of(key.get(k).isNumber() ? SqlType.BIGINT : SqlType.NVARCHAR)));
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            columns.put(columnsAndValues[i], columnsAndValues[i + 1]);
            types.put(columnsAndValues[i], ColumnType.parse("NVARCHAR(MAX)"));
        }
        return RowEvent.upsert(source, key, Long.toString(++position), Instant.now(), columns, types);
    }

    public RowEvent delete(String source, ObjectNode key) {
        return RowEvent.delete(source, key, Long.toString(++position), Instant.now());
    }

    /** Sends in order, asynchronously, and returns once all are acknowledged. */
    public void send(RowEvent... events) {
        List<Future<?>> acks = new ArrayList<>();
        for (RowEvent e : events) {
            acks.add(producer.send(KafkaRecords.toProducerRecord("rowcast.rows." + e.source(), CODEC.encode(e))));
        }
        producer.flush();
        try {
            for (Future<?> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    public void send(String topic, KafkaRecordParts parts) {
        try {
            producer.send(KafkaRecords.toProducerRecord(topic, parts)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void sendRaw(ProducerRecord<byte[], byte[]> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
