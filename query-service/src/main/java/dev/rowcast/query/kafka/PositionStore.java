package dev.rowcast.query.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rowcast.contract.Json;
import dev.rowcast.query.config.Mode;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The committed positions, one per source, on the compacted {@code rowcast.positions} topic. A position is
 * written in the same Kafka transaction as the batch it ends, so a restart resumes exactly after the last
 * committed batch: never before it (duplicates), never after it (loss).
 */
public final class PositionStore {

    private static final Logger LOG = Logger.getLogger(PositionStore.class);

    /** A source's stored position, with the mode it was read in. */
    public record StoredPosition(Mode mode, String position) {
    }

    private final KafkaClients clients;

    public PositionStore(KafkaClients clients) {
        this.clients = clients;
    }

    public String topic() {
        return clients.config().positionsTopic();
    }

    public Map<String, StoredPosition> readAll() {
        Map<String, StoredPosition> positions = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = clients.readCommittedConsumer("positions")) {
            TopicReader.readToEnd(consumer, topic(), record -> {
                String source = new String(record.key(), StandardCharsets.UTF_8);
                if (record.value() == null) {
                    positions.remove(source);
                    return;
                }
                try {
                    JsonNode node = Json.parse(record.value());
                    positions.put(source, new StoredPosition(Mode.valueOf(node.get("mode").asText()), node.get("position").asText()));
                } catch (Exception e) {
                    LOG.warnf("ignoring an unreadable position record for source %s at offset %d: %s", source, record.offset(), e);
                }
            });
        }
        return positions;
    }

    public ProducerRecord<byte[], byte[]> record(String source, Mode mode, String position) {
        ObjectNode value = Json.object();
        value.put("source", source);
        value.put("mode", mode.name());
        value.put("position", position);
        return new ProducerRecord<>(topic(), source.getBytes(StandardCharsets.UTF_8), Json.writeBytes(value));
    }
}
