package dev.rowcast.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Wires the kit's real broker into {@code @QuarkusTest}s: {@code @QuarkusTestResource(KafkaTestResource.class)}.
 * One broker serves every test class of a JVM (starting one costs seconds); it is closed when the JVM exits,
 * and its process exits by itself if the JVM is killed.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaBroker shared;

    public static synchronized KafkaBroker broker() {
        if (shared == null) {
            shared = KafkaBroker.start();
            KafkaBroker broker = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-stop"));
        }
        return shared;
    }

    @Override
    public Map<String, String> start() {
        String servers = broker().bootstrapServers();
        return Map.of("kafka.bootstrap.servers", servers, "rowcast.kafka.bootstrap-servers", servers);
    }

    @Override
    public void stop() {
        // shared across test classes: stopped by the shutdown hook
    }
}
