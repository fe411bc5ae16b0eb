package dev.rowcast.query.kafka;

import dev.rowcast.query.config.QueryServiceConfig;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.Properties;

/** The service's Kafka client settings, in one place. */
public final class KafkaClients {

    /**
     * How long a batch waits to fill, and how much it holds. Every transaction ends with a commit, which sends what
     * waits at once, so the wait never delays a change; it lets a catch-up send full batches. (50 ms and 512 KB
     * measured the same on {@code bench/run query-load}, within its noise.) The benchmark's bare producer uses these too.
     */
    public static final int LINGER_MS = 5;
    public static final int BATCH_SIZE_BYTES = 256 * 1024;

    private final QueryServiceConfig.KafkaConfig config;

    public KafkaClients(QueryServiceConfig.KafkaConfig config) {
        this.config = config;
    }

    public QueryServiceConfig.KafkaConfig config() {
        return config;
    }

    /**
     * A transactional producer: acks=all and idempotence set explicitly, and a transactional id per source so a
     * second instance fences the first (no zombie writes its batch after a failover).
     */
    public KafkaProducer<byte[], byte[]> transactionalProducer(String source) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalIdPrefix() + source);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "rowcast-query-" + source);
        p.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(LINGER_MS));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(BATCH_SIZE_BYTES));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000");
        p.putAll(config.producer());
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A consumer for reading a topic to its end, committed data only; it never joins a group. */
    public KafkaConsumer<byte[], byte[]> readCommittedConsumer(String purpose) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "rowcast-query-" + purpose);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public Properties adminProperties() {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        p.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return p;
    }
}
