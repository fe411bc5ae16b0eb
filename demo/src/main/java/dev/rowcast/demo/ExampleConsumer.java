package dev.rowcast.demo;

import dev.rowcast.contract.CloudEventCodec;
import dev.rowcast.contract.EventDecodingException;
import dev.rowcast.contract.KafkaRecords;
import dev.rowcast.contract.RowEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * A new consumer of rowcast's events in a few lines (shown in the README): its own group, committed data only,
 * every event decoded and checked by the contract's codec.
 * Run: {@code java -cp "demo/target/classes:$(cat demo/target/demo.classpath)" dev.rowcast.demo.ExampleConsumer 127.0.0.1:9092 orders}
 */
public final class ExampleConsumer {

    private ExampleConsumer() {
    }

    public static void main(String[] args) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "my-new-consumer");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");   // never see an aborted batch
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");       // the compacted topic is the whole table
        CloudEventCodec codec = new CloudEventCodec();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("rowcast.rows." + args[1]));
            while (true) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    try {
                        RowEvent e = codec.decode(r.key(), KafkaRecords.headers(r.headers()), r.value());
                        if (e.isDelete()) {
                            System.out.println("deleted " + e.canonicalKey());
                        } else {
                            System.out.println("upserted " + e.canonicalKey() + " " + e.columns() + " types " + e.columnTypes());
                        }
                    } catch (EventDecodingException bad) {
                        System.err.println("skipping a bad event: " + bad.getMessage());
                    }
                }
            }
        }
    }
}
