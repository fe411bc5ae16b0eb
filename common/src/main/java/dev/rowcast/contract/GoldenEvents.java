package dev.rowcast.contract;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract's test vectors: example events exactly as they travel on Kafka, shipped in this jar under
 * {@code dev/rowcast/contract/golden/}. Every module's tests, and any new consumer's, read them. A change
 * that breaks them is a new contract version, never an edit.
 */
public final class GoldenEvents {

    private static final String DIR = "/dev/rowcast/contract/golden/";

    /** One golden event: its file name (without .json), what it shows, and its Kafka record. */
    public record GoldenEvent(String name, String description, KafkaRecordParts record) {
        public boolean isStatus() {
            return CloudEventHeaders.versioned(CloudEventHeaders.STATUS_TYPE).equals(record.headers().get(CloudEventHeaders.TYPE));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private GoldenEvents() {
    }

    public static List<GoldenEvent> all() {
        List<GoldenEvent> events = new ArrayList<>();
        for (String name : names()) {
            events.add(load(name));
        }
        return events;
    }

    public static GoldenEvent load(String name) {
        try (InputStream in = open(name + ".json")) {
            JsonNode root = Json.MAPPER.readTree(in);
            Map<String, String> headers = new LinkedHashMap<>();
            root.get("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
            JsonNode value = root.get("value");
            byte[] valueBytes = value == null || value.isNull() ? null : Json.writeBytes(value);
            return new GoldenEvent(name, root.path("description").asText(),
                    new KafkaRecordParts(root.get("key").asText().getBytes(StandardCharsets.UTF_8), headers, valueBytes));
        } catch (IOException e) {
            throw new UncheckedIOException("golden event " + name, e);
        }
    }

    /** The JSON Schema of a contract value, by file name ({@code row-event.v1.schema.json}). */
    public static JsonNode schema(String fileName) {
        try (InputStream in = GoldenEvents.class.getResourceAsStream("/dev/rowcast/contract/schema/" + fileName)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema " + fileName);
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open("index.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    names.add(line.trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static InputStream open(String file) {
        InputStream in = GoldenEvents.class.getResourceAsStream(DIR + file);
        if (in == null) {
            throw new IllegalStateException("missing contract resource " + DIR + file);
        }
        return in;
    }
}
