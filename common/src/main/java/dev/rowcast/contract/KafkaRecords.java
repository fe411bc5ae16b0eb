package dev.rowcast.contract;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Between the contract's {@link KafkaRecordParts} and kafka-clients' record types (kafka-clients is optional here). */
public final class KafkaRecords {
    private KafkaRecords() {
    }

    public static ProducerRecord<byte[], byte[]> toProducerRecord(String topic, KafkaRecordParts parts) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, parts.key(), parts.value());
        parts.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** Header values as UTF-8 text; a header repeated keeps its last value. */
    public static Map<String, String> headers(Headers headers) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Header h : headers) {
            map.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return map;
    }

    public static KafkaRecordParts parts(ConsumerRecord<byte[], byte[]> record) {
        return new KafkaRecordParts(record.key() == null ? new byte[0] : record.key(), headers(record.headers()), record.value());
    }
}
