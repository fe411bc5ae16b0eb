package dev.rowcast.query.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rowcast.contract.Json;
import dev.rowcast.query.mode.SnapshotQuerier;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A snapshot source's last snapshot, rebuilt from its own compacted topic: the topic is the current table. */
public final class TopicSnapshot implements SnapshotQuerier.PreviousSnapshot {

    private static final Logger LOG = Logger.getLogger(TopicSnapshot.class);

    private final KafkaClients clients;
    private final String source;
    private final String topic;

    public TopicSnapshot(KafkaClients clients, String source, String topic) {
        this.clients = clients;
        this.source = source;
        this.topic = topic;
    }

    @Override
    public Map<String, Long> load() {
        Map<String, Long> rows = new HashMap<>();
        long start = System.nanoTime();
        long read;
        try (KafkaConsumer<byte[], byte[]> consumer = clients.readCommittedConsumer("snapshot-" + source)) {
            read = TopicReader.readToEnd(consumer, topic, record -> {
                String key = new String(record.key(), StandardCharsets.UTF_8);
                if (record.value() == null) {
                    rows.remove(key);
                    return;
                }
                try {
                    JsonNode value = Json.parse(record.value());
                    rows.put(key, SnapshotQuerier.fingerprint((ObjectNode) value.get("columns")));
                } catch (Exception e) {
                    // an unreadable row is treated as changed: the next snapshot re-emits it
                    rows.remove(key);
                }
            });
        }
        LOG.infof("source %s: previous snapshot rebuilt from %s: %d rows (%d records read in %d ms)", source, topic, rows.size(), read,
                (System.nanoTime() - start) / 1_000_000);
        return rows;
    }
}
