package dev.rowcast.query.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rowcast.contract.CloudEventCodec;
import dev.rowcast.contract.ColumnType;
import dev.rowcast.contract.Json;
import dev.rowcast.contract.KafkaRecords;
import dev.rowcast.contract.RowEvent;
import dev.rowcast.contract.SqlType;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A poll encoded in two halves on two threads gives the records one thread would give, in the poll's order. */
class BatchEncoderTest {

    private final CloudEventCodec codec = new CloudEventCodec();
    private final BatchEncoder encoder = new BatchEncoder("orders", "rowcast.rows.orders", codec);

    @AfterEach
    void close() {
        encoder.close();
    }

    @ParameterizedTest(name = "{0} events")
    @ValueSource(ints = {0, 1, 63, 64, 65, 1000, 1001})
    void recordsComeInThePollsOrderAndEqualOneThreadsEncoding(int count) throws Exception {
        List<RowEvent> events = events(count);
        List<ProducerRecord<byte[], byte[]>> records = encoder.encode(events);
        assertEquals(count, records.size());
        for (int i = 0; i < count; i++) {
            ProducerRecord<byte[], byte[]> expected = KafkaRecords.toProducerRecord("rowcast.rows.orders", codec.encode(events.get(i)));
            ProducerRecord<byte[], byte[]> actual = records.get(i);
            assertEquals("rowcast.rows.orders", actual.topic());
            assertArrayEquals(expected.key(), actual.key(), "key of event " + i);
            assertArrayEquals(expected.value(), actual.value(), "value of event " + i);
            assertEquals(Arrays.asList(expected.headers().toArray()), Arrays.asList(actual.headers().toArray()), "headers of event " + i);
        }
    }

    @Test
    void aFailureInTheHelpersHalfIsThrownToTheCaller() {
        List<RowEvent> events = new ArrayList<>(events(200));
        // an event the codec cannot encode, in the half the helper thread takes
        events.set(10, null);
        assertThrows(NullPointerException.class, () -> encoder.encode(events));
    }

    private static List<RowEvent> events(int count) {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        types.put("Id", ColumnType.of(SqlType.INT));
        types.put("Customer", new ColumnType(SqlType.NVARCHAR, 50, null));
        List<RowEvent> events = new ArrayList<>();
        Instant time = Instant.parse("2026-12-04T10:00:00.1234567Z");
        for (int i = 0; i < count; i++) {
            ObjectNode key = Json.object().put("Id", i);
            ObjectNode columns = Json.object().put("Id", i).put("Customer", "customer-" + i);
            events.add(RowEvent.upsert("orders", key, Integer.toString(i), time, columns, types));
        }
        return events;
    }
}
