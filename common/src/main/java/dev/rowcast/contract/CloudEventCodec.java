package dev.rowcast.contract;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.rowcast.contract.CloudEventHeaders.*;
import static dev.rowcast.contract.EventDecodingException.Reason.*;

/**
 * The one place that maps contract v1 events to Kafka records in CloudEvents binary mode, and back.
 *
 * <p>Decoding checks everything before it builds anything: a record is either a whole, valid event or an
 * {@link EventDecodingException} whose message names what is wrong. Never a half-built event.
 */
public final class CloudEventCodec {

    /** Kafka's own default for {@code max.message.bytes}; a larger value is refused before parsing. */
    public static final int DEFAULT_MAX_VALUE_BYTES = 1024 * 1024;

    private static final Pattern VERSIONED_TYPE = Pattern.compile("(.+)\\.(v\\d+)");

    private final int maxValueBytes;

    /**
     * A poll's events share one read time and one set of column types: their text forms are made once, not per event
     * (a third of the encoding time otherwise). Held as immutable pairs, so one codec serves several threads.
     */
    private volatile Cached<Instant, String> lastTime = new Cached<>(null, null);
    private volatile Cached<Map<String, ColumnType>, String> lastTypes = new Cached<>(null, null);

    private record Cached<K, V>(K from, V to) {
    }

    public CloudEventCodec() {
        this(DEFAULT_MAX_VALUE_BYTES);
    }

    public CloudEventCodec(int maxValueBytes) {
        if (maxValueBytes <= 0) {
            throw new IllegalArgumentException("maxValueBytes must be positive");
        }
        this.maxValueBytes = maxValueBytes;
    }

    // ---------------------------------------------------------------- row events

    public KafkaRecordParts encode(RowEvent event) {
        String key = event.canonicalKey();
        LinkedHashMap<String, String> headers = new LinkedHashMap<>(16);
        headers.put(SPEC_VERSION, SPEC_VERSION_VALUE);
        headers.put(ID, EventIds.of(event.source(), key, event.position()));
        headers.put(SOURCE, sourceUri(event.source()));
        headers.put(TYPE, versioned(event.operation().typeName()));
        headers.put(SUBJECT, key);
        headers.put(TIME, timeText(event.time()));
        headers.put(POSITION, event.position());
        byte[] value = null;
        if (!event.isDelete()) {
            headers.put(DATA_SCHEMA, ROW_SCHEMA);
            headers.put(CONTENT_TYPE, JSON);
            value = valueOf(event, key);
        }
        return KafkaRecordParts.owning(key.getBytes(StandardCharsets.UTF_8), headers, value);
    }

    /**
     * The value, streamed: the same bytes as writing the tree {@code {source, op, key, position, columns,
     * columnTypes}} with {@link Json#MAPPER}, without building that tree, and with the key and column types written
     * as the text already made for them (the key is the canonical key; the types are shared by a poll's events).
     */
    private byte[] valueOf(RowEvent event, String canonicalKey) {
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("source", event.source());
            g.writeStringField("op", event.operation().wireName());
            g.writeFieldName("key");
            g.writeRawValue(canonicalKey);
            g.writeStringField("position", event.position());
            g.writeFieldName("columns");
            // the tree's own serializer, as the mapper would pick it, without the lookup per event
            event.columns().serialize(g, Json.MAPPER.getSerializerProviderInstance());
            g.writeFieldName("columnTypes");
            g.writeRawValue(typesOf(event.columnTypes()));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON into memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private String timeText(Instant time) {
        Cached<Instant, String> cached = lastTime;
        if (!time.equals(cached.from())) {
            cached = new Cached<>(time, time.toString());
            lastTime = cached;
        }
        return cached.to();
    }

    /**
     * The {@code columnTypes} object as JSON text. The events of one query share one map ({@link RowEvent#frozen}),
     * so the same map is enough to reuse the text; any other map is written anew.
     */
    private String typesOf(Map<String, ColumnType> columnTypes) {
        Cached<Map<String, ColumnType>, String> cached = lastTypes;
        if (columnTypes != cached.from()) {
            ObjectNode types = Json.object();
            columnTypes.forEach((column, type) -> types.put(column, type.toString()));
            cached = new Cached<>(columnTypes, Json.write(types));
            lastTypes = cached;
        }
        return cached.to();
    }

    public RowEvent decode(byte[] key, Map<String, String> headers, byte[] value) throws EventDecodingException {
        checkSize("key", key);
        checkSize("value", value);
        for (String name : CloudEventHeaders.REQUIRED) {
            requireHeader(headers, name);
        }
        requireHeader(headers, POSITION);
        checkSpecVersion(headers);
        Operation operation = rowOperation(headers.get(TYPE));
        String source = sourceOf(headers.get(SOURCE));
        if (key == null) {
            throw new EventDecodingException(INVALID_FIELD, "a row event needs a Kafka key");
        }
        String keyText = new String(key, StandardCharsets.UTF_8);
        ObjectNode keyNode = parseObject(keyText.getBytes(StandardCharsets.UTF_8), "key");
        if (keyNode.isEmpty()) {
            throw new EventDecodingException(INVALID_FIELD, "key has no columns");
        }
        if (!headers.get(SUBJECT).equals(keyText)) {
            throw new EventDecodingException(INVALID_FIELD, "ce_subject " + headers.get(SUBJECT) + " differs from the key " + keyText);
        }
        Instant time = instant(headers.get(TIME));
        String position = headers.get(POSITION);
        String expectedId = EventIds.of(source, keyText, position);
        if (!expectedId.equals(headers.get(ID))) {
            throw new EventDecodingException(INVALID_FIELD, "ce_id " + headers.get(ID)
                    + " is not the id of this source, key and position (" + expectedId + ")");
        }
        if (operation == Operation.DELETE) {
            if (value != null) {
                throw new EventDecodingException(INVALID_FIELD, "a " + headers.get(TYPE) + " event must have a null value (tombstone)");
            }
            return RowEvent.delete(source, keyNode, position, time);
        }
        if (value == null) {
            throw new EventDecodingException(INVALID_FIELD, "a " + headers.get(TYPE) + " event needs a value");
        }
        ObjectNode body = parseObject(value, "value");
        expectText(body, "source", source);
        expectText(body, "op", operation.wireName());
        expectText(body, "position", position);
        if (!keyNode.equals(body.get("key"))) {
            throw new EventDecodingException(INVALID_FIELD, "value.key " + body.get("key") + " differs from the Kafka key " + keyText);
        }
        ObjectNode columns = objectField(body, "columns");
        ObjectNode typeNodes = objectField(body, "columnTypes");
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = typeNodes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            try {
                types.put(entry.getKey(), ColumnType.parse(entry.getValue().asText(null)));
            } catch (IllegalArgumentException e) {
                throw new EventDecodingException(UNKNOWN_TYPE, "columnTypes." + entry.getKey() + ": " + e.getMessage());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = columns.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> column = it.next();
            ColumnType type = types.get(column.getKey());
            if (type == null) {
                throw new EventDecodingException(INVALID_FIELD, "column " + column.getKey() + " has no entry in columnTypes");
            }
            try {
                type.sqlType().decode(column.getValue());
            } catch (IllegalArgumentException e) {
                throw new EventDecodingException(INVALID_FIELD, "column " + column.getKey() + ": " + e.getMessage());
            }
        }
        return RowEvent.upsert(source, keyNode, position, time, columns, types);
    }

    private static Operation rowOperation(String type) throws EventDecodingException {
        Matcher m = VERSIONED_TYPE.matcher(type);
        String base = m.matches() ? m.group(1) : type;
        for (Operation op : Operation.values()) {
            if (op.typeName().equals(base)) {
                if (!m.matches()) {
                    throw new EventDecodingException(UNSUPPORTED_VERSION, "ce_type " + type + " has no version suffix (expected " + versioned(base) + ")");
                }
                if (!VERSION.equals(m.group(2))) {
                    throw new EventDecodingException(UNSUPPORTED_VERSION, "ce_type " + type + " is version " + m.group(2)
                            + "; this build reads " + VERSION);
                }
                return op;
            }
        }
        throw new EventDecodingException(UNKNOWN_TYPE, "ce_type " + type + " is not a row event type (expected "
                + versioned(Operation.UPSERT.typeName()) + " or " + versioned(Operation.DELETE.typeName()) + ")");
    }

    // ---------------------------------------------------------------- status heartbeats

    public KafkaRecordParts encode(SourceStatus status) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SPEC_VERSION, SPEC_VERSION_VALUE);
        headers.put(ID, EventIds.of(status.source(), "status", status.lastPoll().toString()));
        headers.put(SOURCE, sourceUri(status.source()));
        headers.put(TYPE, versioned(STATUS_TYPE));
        headers.put(SUBJECT, status.source());
        headers.put(TIME, status.lastPoll().toString());
        headers.put(DATA_SCHEMA, STATUS_SCHEMA);
        headers.put(CONTENT_TYPE, JSON);
        ObjectNode value = Json.object();
        value.put("source", status.source());
        value.put("state", status.state().name());
        value.put("lastPoll", status.lastPoll().toString());
        value.put("lastSuccess", status.lastSuccess() == null ? null : status.lastSuccess().toString());
        value.put("rowsInPoll", status.rowsInPoll());
        value.put("rowsTotal", status.rowsTotal());
        value.put("position", status.position());
        value.put("lagMillis", status.lagMillis());
        value.put("lastError", status.lastError());
        return new KafkaRecordParts(status.source().getBytes(StandardCharsets.UTF_8), headers, Json.writeBytes(value));
    }

    public SourceStatus decodeStatus(byte[] key, Map<String, String> headers, byte[] value) throws EventDecodingException {
        checkSize("value", value);
        for (String name : CloudEventHeaders.REQUIRED) {
            requireHeader(headers, name);
        }
        checkSpecVersion(headers);
        String type = headers.get(TYPE);
        Matcher m = VERSIONED_TYPE.matcher(type);
        if (!m.matches() || !STATUS_TYPE.equals(m.group(1))) {
            throw new EventDecodingException(UNKNOWN_TYPE, "ce_type " + type + " is not " + versioned(STATUS_TYPE));
        }
        if (!VERSION.equals(m.group(2))) {
            throw new EventDecodingException(UNSUPPORTED_VERSION, "ce_type " + type + " is version " + m.group(2) + "; this build reads " + VERSION);
        }
        if (value == null) {
            throw new EventDecodingException(INVALID_FIELD, "a status event needs a value");
        }
        ObjectNode body = parseObject(value, "value");
        try {
            return new SourceStatus(
                    text(body, "source"),
                    SourceStatus.State.valueOf(text(body, "state")),
                    instant(text(body, "lastPoll")),
                    body.hasNonNull("lastSuccess") ? instant(body.get("lastSuccess").asText()) : null,
                    body.path("rowsInPoll").asLong(),
                    body.path("rowsTotal").asLong(),
                    body.hasNonNull("position") ? body.get("position").asText() : null,
                    body.hasNonNull("lagMillis") ? body.get("lagMillis").asLong() : null,
                    body.hasNonNull("lastError") ? body.get("lastError").asText() : null);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new EventDecodingException(INVALID_FIELD, "status value: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- shared checks

    private void checkSize(String what, byte[] bytes) throws EventDecodingException {
        if (bytes != null && bytes.length > maxValueBytes) {
            throw new EventDecodingException(TOO_LARGE, what + " has " + bytes.length + " bytes, over the limit of " + maxValueBytes);
        }
    }

    private static void requireHeader(Map<String, String> headers, String name) throws EventDecodingException {
        String value = headers.get(name);
        if (value == null || value.isEmpty()) {
            throw new EventDecodingException(MISSING_HEADER, "missing required header " + name);
        }
    }

    private static void checkSpecVersion(Map<String, String> headers) throws EventDecodingException {
        if (!SPEC_VERSION_VALUE.equals(headers.get(SPEC_VERSION))) {
            throw new EventDecodingException(UNSUPPORTED_VERSION, "ce_specversion " + headers.get(SPEC_VERSION)
                    + " is not " + SPEC_VERSION_VALUE);
        }
    }

    private static String sourceOf(String uri) throws EventDecodingException {
        if (!uri.startsWith(SOURCE_PREFIX) || uri.length() == SOURCE_PREFIX.length()) {
            throw new EventDecodingException(INVALID_FIELD, "ce_source " + uri + " is not " + SOURCE_PREFIX + "<source>");
        }
        return uri.substring(SOURCE_PREFIX.length());
    }

    private static Instant instant(String text) throws EventDecodingException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new EventDecodingException(INVALID_FIELD, "time " + text + " is not an ISO-8601 instant", e);
        }
    }

    private static ObjectNode parseObject(byte[] bytes, String what) throws EventDecodingException {
        JsonNode node;
        try {
            node = Json.parse(bytes);
        } catch (JsonProcessingException e) {
            throw new EventDecodingException(MALFORMED_JSON, what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new EventDecodingException(MALFORMED_JSON, what + " is not a JSON object");
        }
        return (ObjectNode) node;
    }

    private static ObjectNode objectField(ObjectNode body, String field) throws EventDecodingException {
        JsonNode node = body.get(field);
        if (node == null || !node.isObject()) {
            throw new EventDecodingException(INVALID_FIELD, "value." + field + " must be an object");
        }
        return (ObjectNode) node;
    }

    private static String text(ObjectNode body, String field) throws EventDecodingException {
        JsonNode node = body.get(field);
        if (node == null || !node.isTextual()) {
            throw new EventDecodingException(INVALID_FIELD, "value." + field + " must be a string");
        }
        return node.textValue();
    }

    private static void expectText(ObjectNode body, String field, String expected) throws EventDecodingException {
        String actual = text(body, field);
        if (!actual.equals(expected)) {
            throw new EventDecodingException(INVALID_FIELD, "value." + field + " is " + actual + " but the headers say " + expected);
        }
    }
}
