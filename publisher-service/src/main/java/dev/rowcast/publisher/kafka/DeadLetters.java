package dev.rowcast.publisher.kafka;

import dev.rowcast.contract.EventDecodingException;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Events that cannot be published go to the dead-letter topic as they came (key, value, headers), with why and
 * where from in {@code rowcast.dlq.*} headers; then the stream flows on. Sent and acknowledged before the offset
 * moves past them, so none is lost.
 */
public final class DeadLetters implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    public static final String REASON = "rowcast.dlq.reason";
    public static final String MESSAGE = "rowcast.dlq.message";
    public static final String TOPIC = "rowcast.dlq.topic";
    public static final String PARTITION = "rowcast.dlq.partition";
    public static final String OFFSET = "rowcast.dlq.offset";
    public static final String CONSUMER = "rowcast.dlq.consumer";

    private final String topic;
    private final String consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final MeterRegistry registry;

    public DeadLetters(String bootstrapServers, String topic, String consumer, MeterRegistry registry) {
        this.topic = topic;
        this.consumer = consumer;
        this.registry = registry;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, consumer + "-dlq");
        // a poison value may be large: allow what the broker allows
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(16 * 1024 * 1024));
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public void send(ConsumerRecord<byte[], byte[]> record, EventDecodingException.Reason reason, String message) throws Exception {
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(topic, record.key(), record.value());
        for (Header h : record.headers()) {
            out.headers().add(h);
        }
        out.headers().add(REASON, reason.name().getBytes(StandardCharsets.UTF_8));
        out.headers().add(MESSAGE, message.getBytes(StandardCharsets.UTF_8));
        out.headers().add(TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        out.headers().add(PARTITION, Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        out.headers().add(OFFSET, Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        out.headers().add(CONSUMER, consumer.getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(out).get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.RecordTooLargeException)) {
                throw e;
            }
            // too large even for the dead-letter topic: keep key and headers, drop the value
            producer.send(new ProducerRecord<>(topic, null, record.key(), null, out.headers())).get(60, TimeUnit.SECONDS);
        }
        registry.counter("rowcast.publisher.dead.letters", "reason", reason.name()).increment();
        LOG.warnf("dead-lettered %s-%d@%d to %s: %s", record.topic(), record.partition(), record.offset(), topic, message);
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
