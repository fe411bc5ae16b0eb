package dev.rowcast.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rowcast.contract.GoldenEvents.GoldenEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.rowcast.contract.EventDecodingException.Reason.*;
import static org.junit.jupiter.api.Assertions.*;

class CloudEventCodecTest {

    private final CloudEventCodec codec = new CloudEventCodec();

    static List<GoldenEvent> rowGoldens() {
        return GoldenEvents.all().stream().filter(g -> !g.isStatus()).toList();
    }

    @ParameterizedTest
    @MethodSource("rowGoldens")
    void everyGoldenRowEventDecodesAndEncodesBackToTheSameRecord(GoldenEvent golden) throws Exception {
        KafkaRecordParts record = golden.record();
        RowEvent event = codec.decode(record.key(), record.headers(), record.value());
        assertEquals(record, codec.encode(event));
    }

    @Test
    void goldenStatusDecodesAndEncodesBack() throws Exception {
        KafkaRecordParts record = GoldenEvents.load("status").record();
        SourceStatus status = codec.decodeStatus(record.key(), record.headers(), record.value());
        assertEquals("orders", status.source());
        assertEquals(1200L, status.lagMillis());
        assertEquals(record, codec.encode(status));
    }

    @Test
    void goldenUpsertCarriesExactTypedValues() throws Exception {
        KafkaRecordParts record = GoldenEvents.load("upsert-all-types").record();
        RowEvent event = codec.decode(record.key(), record.headers(), record.value());
        assertEquals(new BigDecimal("1234567890123456789012345678.1234567890"), event.typedValue("Amount"));
        assertEquals(LocalDateTime.parse("2024-02-29T23:59:59.1234567"), event.typedValue("Created"));
        assertNull(event.typedValue("Comment"));
        assertEquals("", event.typedValue("Empty"));
        assertEquals("{\"OrderId\":42}", event.canonicalKey());
    }

    @Test
    void idsAreDeterministicFromSourceKeyAndPosition() {
        ObjectNode key = Json.object().put("OrderId", 42);
        RowEvent a = RowEvent.upsert("orders", key, "0x01", Instant.parse("2026-01-01T00:00:00Z"), Json.object().put("OrderId", 42),
                Map.of("OrderId", ColumnType.of(SqlType.INT)));
        RowEvent sameLater = RowEvent.upsert("orders", key, "0x01", Instant.parse("2026-06-01T00:00:00Z"), Json.object().put("OrderId", 42),
                Map.of("OrderId", ColumnType.of(SqlType.INT)));
        RowEvent otherPosition = RowEvent.upsert("orders", key, "0x02", a.time(), a.columns(), a.columnTypes());
        assertEquals(a.id(), sameLater.id());
        assertNotEquals(a.id(), otherPosition.id());
        assertNotEquals(EventIds.of("ab", "c", "d"), EventIds.of("a", "bc", "d"));
    }

    @Test
    void eventsEncodedInTurnKeepTheirOwnTimeAndColumnTypes() throws Exception {
        // the codec reuses the text of the last time and column types it wrote: a change of either must show
        ObjectNode key = Json.object().put("Id", 1);
        Map<String, ColumnType> decimal = new LinkedHashMap<>();
        decimal.put("Id", ColumnType.of(SqlType.INT));
        decimal.put("V", new ColumnType(SqlType.DECIMAL, 19, 2));
        Map<String, ColumnType> text = new LinkedHashMap<>(decimal);
        text.put("V", new ColumnType(SqlType.NVARCHAR, ColumnType.MAX, null));
        Map<String, ColumnType> reordered = new LinkedHashMap<>();
        reordered.put("V", decimal.get("V"));
        reordered.put("Id", decimal.get("Id"));
        Instant t1 = Instant.parse("2026-01-01T00:00:00Z");
        Instant t2 = Instant.parse("2026-01-01T00:00:00.000000001Z");
        List<RowEvent> events = List.of(
                RowEvent.upsert("s", key, "1", t1, Json.object().put("Id", 1).put("V", "1.50"), decimal),
                RowEvent.upsert("s", key, "2", t2, Json.object().put("Id", 1).put("V", "x"), text),
                RowEvent.upsert("s", key, "3", t2, Json.object().put("V", "2.50").put("Id", 1), reordered),
                RowEvent.upsert("s", key, "4", t1, Json.object().put("Id", 1).put("V", "3.50"), decimal));
        for (RowEvent event : events) {
            KafkaRecordParts record = codec.encode(event);
            assertEquals(event.time().toString(), record.headers().get(CloudEventHeaders.TIME));
            RowEvent back = codec.decode(record.key(), record.headers(), record.value());
            assertEquals(List.copyOf(event.columnTypes().entrySet()), List.copyOf(back.columnTypes().entrySet()), "event " + event.position());
        }
    }

    // ------------------------------------------------------------ bad input, each with its own message

    private static KafkaRecordParts golden(String name) {
        return GoldenEvents.load(name).record();
    }

    private EventDecodingException reject(byte[] key, Map<String, String> headers, byte[] value) {
        return assertThrows(EventDecodingException.class, () -> codec.decode(key, headers, value));
    }

    private static Map<String, String> headersWith(KafkaRecordParts r, String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(r.headers());
        if (value == null) {
            h.remove(name);
        } else {
            h.put(name, value);
        }
        return h;
    }

    @Test
    void malformedJsonIsRejected() {
        KafkaRecordParts r = golden("upsert-all-types");
        EventDecodingException e = reject(r.key(), r.headers(), "{\"source\":\"orders\",".getBytes(StandardCharsets.UTF_8));
        assertEquals(MALFORMED_JSON, e.reason());
        assertTrue(e.getMessage().startsWith("MALFORMED_JSON: value is not valid JSON"), e.getMessage());
        e = reject(r.key(), r.headers(), "[1,2]".getBytes(StandardCharsets.UTF_8));
        assertEquals("MALFORMED_JSON: value is not a JSON object", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ce_specversion", "ce_id", "ce_source", "ce_type", "ce_subject", "ce_time", "ce_position"})
    void everyMissingRequiredHeaderIsNamed(String header) {
        KafkaRecordParts r = golden("upsert-all-types");
        EventDecodingException e = reject(r.key(), headersWith(r, header, null), r.value());
        assertEquals(MISSING_HEADER, e.reason());
        assertEquals("MISSING_HEADER: missing required header " + header, e.getMessage());
    }

    @Test
    void unknownTypeIsRejected() {
        KafkaRecordParts r = golden("upsert-all-types");
        EventDecodingException e = reject(r.key(), headersWith(r, "ce_type", "rowcast.row.exploded.v1"), r.value());
        assertEquals(UNKNOWN_TYPE, e.reason());
        assertEquals("UNKNOWN_TYPE: ce_type rowcast.row.exploded.v1 is not a row event type "
                + "(expected rowcast.row.upserted.v1 or rowcast.row.deleted.v1)", e.getMessage());
    }

    @Test
    void unknownVersionIsRejected() {
        KafkaRecordParts r = golden("upsert-all-types");
        EventDecodingException e = reject(r.key(), headersWith(r, "ce_type", "rowcast.row.upserted.v2"), r.value());
        assertEquals(UNSUPPORTED_VERSION, e.reason());
        assertEquals("UNSUPPORTED_VERSION: ce_type rowcast.row.upserted.v2 is version v2; this build reads v1", e.getMessage());
        e = reject(r.key(), headersWith(r, "ce_specversion", "0.3"), r.value());
        assertEquals("UNSUPPORTED_VERSION: ce_specversion 0.3 is not 1.0", e.getMessage());
    }

    @Test
    void oversizeValueIsRejectedBeforeParsing() {
        KafkaRecordParts r = golden("upsert-all-types");
        CloudEventCodec small = new CloudEventCodec(100);
        EventDecodingException e = assertThrows(EventDecodingException.class, () -> small.decode(r.key(), r.headers(), r.value()));
        assertEquals(TOO_LARGE, e.reason());
        assertEquals("TOO_LARGE: value has " + r.value().length + " bytes, over the limit of 100", e.getMessage());
    }

    @Test
    void unknownColumnTypeIsRejected() throws Exception {
        KafkaRecordParts r = golden("upsert-composite-key");
        ObjectNode value = (ObjectNode) Json.parse(r.value());
        ((ObjectNode) value.get("columnTypes")).put("Qty", "MONEYBAGS");
        EventDecodingException e = reject(r.key(), r.headers(), Json.writeBytes(value));
        assertEquals("UNKNOWN_TYPE: columnTypes.Qty: unknown column type: 'MONEYBAGS'", e.getMessage());
    }

    @Test
    void valueNotOfItsTypeIsRejected() throws Exception {
        KafkaRecordParts r = golden("upsert-composite-key");
        ObjectNode value = (ObjectNode) Json.parse(r.value());
        ((ObjectNode) value.get("columns")).put("Qty", 3.5);
        EventDecodingException e = reject(r.key(), r.headers(), Json.writeBytes(value));
        assertEquals("INVALID_FIELD: column Qty: not a DECIMAL value: 3.5", e.getMessage());
    }

    @Test
    void inconsistentEventsAreRejected() {
        KafkaRecordParts del = golden("delete");
        EventDecodingException e = reject(del.key(), del.headers(), "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals("INVALID_FIELD: a rowcast.row.deleted.v1 event must have a null value (tombstone)", e.getMessage());

        KafkaRecordParts up = golden("upsert-all-types");
        e = reject(up.key(), headersWith(up, "ce_id", "0000"), up.value());
        assertTrue(e.getMessage().startsWith("INVALID_FIELD: ce_id 0000 is not the id of this source, key and position"), e.getMessage());

        e = reject("{\"OrderId\":43}".getBytes(StandardCharsets.UTF_8), up.headers(), up.value());
        assertEquals("INVALID_FIELD: ce_subject {\"OrderId\":42} differs from the key {\"OrderId\":43}", e.getMessage());

        e = reject(up.key(), up.headers(), null);
        assertEquals("INVALID_FIELD: a rowcast.row.upserted.v1 event needs a value", e.getMessage());

        e = reject(up.key(), headersWith(up, "ce_time", "yesterday"), up.value());
        assertEquals("INVALID_FIELD: time yesterday is not an ISO-8601 instant", e.getMessage());

        e = reject(up.key(), headersWith(up, "ce_source", "orders"), up.value());
        assertEquals("INVALID_FIELD: ce_source orders is not /rowcast/<source>", e.getMessage());
    }

    @Test
    void aStatusIsNotARowEvent() {
        KafkaRecordParts s = golden("status");
        EventDecodingException e = reject(s.key(), s.headers(), s.value());
        assertEquals(MISSING_HEADER, e.reason());
    }
}
