package dev.rowcast.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of the broker's own JVM: a real single-node KRaft Kafka broker (broker and controller in one).
 *
 * <pre>
 * java -cp &lt;broker classpath&gt; dev.rowcast.testkit.KafkaBrokerMain --data DIR --port 9092
 *      [--controller-port N] [--host 127.0.0.1] [--exit-on-stdin-eof] [--parent-pid PID] [--kafka-defaults]
 * </pre>
 * With {@code --exit-on-stdin-eof} or {@code --parent-pid} it exits when the process that started it dies,
 * so a killed test run leaves no broker behind.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path data = null;
        int port = 9092;
        int controllerPort = 0;
        String host = "127.0.0.1";
        boolean watchStdin = false;
        long parentPid = -1;
        boolean kafkaDefaults = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--controller-port" -> controllerPort = Integer.parseInt(args[++i]);
                case "--host" -> host = args[++i];
                case "--exit-on-stdin-eof" -> watchStdin = true;
                case "--parent-pid" -> parentPid = Long.parseLong(args[++i]);
                case "--kafka-defaults" -> kafkaDefaults = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("--data DIR is required");
        }
        if (controllerPort == 0) {
            controllerPort = Ports.free();
        }
        if (watchStdin) {
            exitWhenStdinCloses();
        }
        if (parentPid > 0) {
            ProcessHandle.of(parentPid).ifPresentOrElse(
                    parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)),
                    () -> Runtime.getRuntime().halt(0));
        }
        Files.createDirectories(data);
        Path props = writeConfig(data, host, port, controllerPort, kafkaDefaults);
        System.setProperty("log4j2.configurationFile", data.resolve("log4j2.properties").toString());
        Path logs = data.resolve("logs");
        if (!Files.exists(logs.resolve("meta.properties"))) {
            String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
            int rc = kafka.tools.StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", props.toString(), "--ignore-formatted"},
                    System.out);
            if (rc != 0) {
                System.err.println("kafka storage format failed with " + rc);
                System.exit(rc);
            }
        }
        System.out.println("rowcast-testkit: starting Kafka " + org.apache.kafka.common.utils.AppInfoParser.getVersion()
                + " on " + host + ":" + port + " (data " + data + ")");
        kafka.Kafka.main(new String[] {props.toString()});
    }

    private static void exitWhenStdinCloses() {
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                byte[] buffer = new byte[256];
                while (in.read(buffer) >= 0) {
                    // keep reading: EOF means the parent is gone
                }
            } catch (IOException ignored) {
                // a broken pipe means the same
            }
            Runtime.getRuntime().halt(0);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static Path writeConfig(Path data, String host, int port, int controllerPort, boolean kafkaDefaults) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + controllerPort,
                "listeners=PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + host + ":" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + data.resolve("logs"),
                "num.partitions=1",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=5",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0"));
        if (!kafkaDefaults) {
            // compaction runs soon enough in tests that they can watch it
            lines.addAll(List.of("log.cleaner.backoff.ms=1000", "log.segment.bytes=16777216"));
        }
        Path props = data.resolve("server.properties");
        Files.write(props, lines);
        Path log4j = data.resolve("log4j2.properties");
        Files.writeString(log4j, String.join("\n",
                "rootLogger.level=WARN",
                "rootLogger.appenderRef.out.ref=out",
                "appender.out.type=Console",
                "appender.out.name=out",
                "appender.out.layout.type=PatternLayout",
                "appender.out.layout.pattern=[%d] %p %m (%c{1})%n",
                "logger.kafka.name=kafka.server.KafkaRaftServer",
                "logger.kafka.level=INFO",
                ""));
        return props;
    }
}
