package dev.rowcast.testkit;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class KafkaBrokerLifecycleTest {

    @Test
    void closeEndsTheBrokerByPidFreesThePortAndRemovesItsData() throws Exception {
        KafkaBroker broker = KafkaBroker.start();
        long pid = broker.pid();
        Path data = broker.dataDir();
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertTrue(broker.startTime().toSeconds() < 60, "started in " + broker.startTime());
        broker.close();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "broker pid " + pid + " still alive");
        assertFalse(Files.exists(data));
        assertFalse(Ports.awaitListening("127.0.0.1", broker.port(), Duration.ofMillis(300), () -> true), "port still open");
    }

    @Test
    void theBrokerExitsWhenItsParentGoesAway() throws Exception {
        Path data = Files.createTempDirectory("rowcast-kafka-orphan-");
        int port = Ports.free();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", KafkaBroker.brokerClasspath(), KafkaBrokerMain.class.getName(),
                "--data", data.toString(), "--port", Integer.toString(port), "--exit-on-stdin-eof")
                .redirectErrorStream(true).redirectOutput(data.resolve("out.log").toFile()).start();
        try {
            assertTrue(Ports.awaitListening("127.0.0.1", port, Duration.ofSeconds(60), child::isAlive),
                    () -> "broker did not listen: " + read(data.resolve("out.log")));
            // what the OS does to the pipe when the parent dies
            child.getOutputStream().close();
            assertTrue(child.waitFor(20, TimeUnit.SECONDS), "broker kept running after its stdin closed");
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
            KafkaBroker.deleteTree(data);
        }
    }

    private static String read(Path p) {
        try {
            return String.join("\n", Files.readAllLines(p));
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    void topicsCanBeCreatedCompacted() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start()) {
            broker.createTopic("rowcast.rows.t", 2, true);
            broker.createTopic("rowcast.rows.t", 2, true); // idempotent
            try (var admin = broker.admin()) {
                var config = admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "rowcast.rows.t"))).all().get(20, TimeUnit.SECONDS);
                assertEquals("compact", config.values().iterator().next().get("cleanup.policy").value());
            }
        }
    }
}
