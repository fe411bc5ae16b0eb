package dev.rowcast.publisher.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rowcast.contract.ColumnType;
import dev.rowcast.contract.Json;
import dev.rowcast.contract.RowEvent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A row as the state keeps it: key, columns with their types, position and time, in one JSON string. */
public record StoredRow(ObjectNode key, ObjectNode columns, Map<String, ColumnType> types, String position, String time) {

    public static String store(RowEvent event) {
        ObjectNode node = Json.object();
        node.set("key", event.key());
        node.set("columns", event.columns());
        ObjectNode types = node.putObject("types");
        event.columnTypes().forEach((c, t) -> types.put(c, t.toString()));
        node.put("position", event.position());
        node.put("time", event.time().toString());
        return Json.write(node);
    }

    public static StoredRow load(String stored) {
        try {
            ObjectNode node = (ObjectNode) Json.parse(stored);
            Map<String, ColumnType> types = new LinkedHashMap<>();
            node.get("types").fields().forEachRemaining(e -> types.put(e.getKey(), ColumnType.parse(e.getValue().asText())));
            return new StoredRow((ObjectNode) node.get("key"), (ObjectNode) node.get("columns"), types, node.get("position").asText(),
                    node.get("time").asText());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt state row: " + e.getOriginalMessage(), e);
        }
    }

    /** Same content as an event: a re-delivered event changes nothing. */
    public boolean sameAs(RowEvent event) {
        return columns.equals(event.columns()) && position.equals(event.position());
    }

    public Instant instant() {
        return Instant.parse(time);
    }
}
