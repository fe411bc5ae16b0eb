package dev.rowcast.query.runtime;

import dev.rowcast.contract.CloudEventCodec;
import dev.rowcast.contract.KafkaRecords;
import dev.rowcast.contract.RowEvent;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Turns a poll's events into Kafka records, in order. On a machine with more than one core, a helper thread
 * encodes the first half of a poll while the calling thread encodes the second: encoding is the larger part of the
 * sending thread's work per row, and without the split that thread is the pipeline's slowest stage
 * ({@code bench/run query-load}).
 */
final class BatchEncoder implements AutoCloseable {

    /** Below this many events a split costs more in hand-over than it saves. */
    private static final int SPLIT_FROM = 64;

    private final CloudEventCodec codec;
    private final String topic;
    private final ExecutorService helper;

    BatchEncoder(String source, String topic, CloudEventCodec codec) {
        this.codec = codec;
        this.topic = topic;
        this.helper = Runtime.getRuntime().availableProcessors() > 1 ? SourceThreads.single("encode", source) : null;
    }

    /** The records in the events' order; what encoding threw on either thread is thrown here. */
    List<ProducerRecord<byte[], byte[]>> encode(List<RowEvent> events) throws Exception {
        if (helper == null || events.size() < SPLIT_FROM) {
            return encode(events, new ArrayList<>(events.size()));
        }
        int half = events.size() / 2;
        Future<List<ProducerRecord<byte[], byte[]>>> first = helper.submit(() -> encode(events.subList(0, half), new ArrayList<>(events.size())));
        List<ProducerRecord<byte[], byte[]>> second = encode(events.subList(half, events.size()), new ArrayList<>(events.size() - half));
        List<ProducerRecord<byte[], byte[]>> records = SourceThreads.result(first);
        records.addAll(second);
        return records;
    }

    private List<ProducerRecord<byte[], byte[]>> encode(List<RowEvent> events, List<ProducerRecord<byte[], byte[]>> into) {
        for (RowEvent event : events) {
            into.add(KafkaRecords.toProducerRecord(topic, codec.encode(event)));
        }
        return into;
    }

    @Override
    public void close() {
        if (helper != null) {
            helper.shutdownNow();
        }
    }
}
