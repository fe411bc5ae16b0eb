package dev.rowcast.testkit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node KRaft Kafka broker in its own JVM, at the version of the Kafka client on this classpath.
 * The child JVM exits when this one dies (it watches its standard input), and {@link #close()} ends it by pid
 * and removes its data folder.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "/dev/rowcast/testkit/broker.classpath";

    private final ChildProcess process;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final int port;
    private final Duration startTime;

    private KafkaBroker(ChildProcess process, Path dataDir, boolean ownsDataDir, int port, Duration startTime) {
        this.process = process;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.port = port;
        this.startTime = startTime;
    }

    /** How the broker trades speed of start and of compaction against running like a production broker. */
    public enum Tuning {
        /**
         * For tests: the JVM compiles with C1 only (it starts in about 3 s), segments roll at 16 MB and the cleaner
         * looks every second, so a test can watch compaction happen.
         */
        FAST_START,
        /**
         * For benchmarks: a fully compiling JVM and Kafka's own segment size and cleaner timing. The test settings
         * would have the cleaner rewrite a compacted topic's segments during a load, which no production broker does.
         */
        KAFKA_DEFAULTS
    }

    /** A broker on a free loopback port with a temporary data folder that {@link #close()} removes. */
    public static KafkaBroker start() {
        return start(Tuning.FAST_START);
    }

    public static KafkaBroker start(Tuning tuning) {
        try {
            return start(Files.createTempDirectory("rowcast-kafka-"), true, Ports.free(), tuning);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static KafkaBroker start(Path dataDir, boolean ownsDataDir, int port) {
        return start(dataDir, ownsDataDir, port, Tuning.FAST_START);
    }

    public static KafkaBroker start(Path dataDir, boolean ownsDataDir, int port, Tuning tuning) {
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(dataDir);
            Path log = dataDir.resolve("broker.out");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC"));
            if (tuning == Tuning.FAST_START) {
                command.add("-XX:TieredStopAtLevel=1");
            }
            command.addAll(List.of("-cp", brokerClasspath(), KafkaBrokerMain.class.getName(),
                    "--data", dataDir.toString(), "--port", Integer.toString(port), "--exit-on-stdin-eof"));
            if (tuning == Tuning.KAFKA_DEFAULTS) {
                command.add("--kafka-defaults");
            }
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            // the child reads stdin until EOF: keep our end open for as long as this JVM lives
            ChildProcess child = new ChildProcess("kafka", p, log);
            if (!Ports.awaitListening("127.0.0.1", port, Duration.ofSeconds(90), child::isAlive)) {
                String tail = child.tail(60);
                child.stop(5);
                throw new IllegalStateException("Kafka broker did not start on port " + port + "\n" + tail);
            }
            awaitReady(child, port);
            KafkaBroker ready = new KafkaBroker(child, dataDir, ownsDataDir, port, Duration.ofNanos(System.nanoTime() - t0));
            System.out.printf("rowcast-testkit: Kafka broker ready on %s in %d ms (pid %d, data %s)%n",
                    ready.bootstrapServers(), ready.startTime.toMillis(), child.pid(), dataDir);
            return ready;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The compression codecs kafka-clients brings along: a broker must read batches compressed with any of them. */
    private static final List<String> CODEC_CLASSES = List.of("net.jpountz.lz4.LZ4Factory", "com.github.luben.zstd.Zstd",
            "org.xerial.snappy.Snappy");

    /**
     * The broker's jars (written at build time) plus the client, its compression codecs, the logging API and this kit
     * from our own classpath.
     */
    public static String brokerClasspath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + CLASSPATH_RESOURCE + ": build the testkit module first");
            }
            String jars = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            List<String> path = new ArrayList<>(List.of(locationOf(KafkaBroker.class),
                    locationOf(org.apache.kafka.clients.producer.KafkaProducer.class), locationOf(org.slf4j.LoggerFactory.class)));
            for (String codec : CODEC_CLASSES) {
                try {
                    path.add(locationOf(Class.forName(codec, false, KafkaBroker.class.getClassLoader())));
                } catch (ClassNotFoundException e) {
                    // a codec the client was built without: the broker cannot read it either, and says so
                }
            }
            path.add(jars);
            return String.join(File.pathSeparator, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitReady(ChildProcess process, int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        RuntimeException last = null;
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Admin admin = admin("127.0.0.1:" + port)) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                last = new IllegalStateException(e);
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("Kafka broker is not ready\n" + process.tail(60), last);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Duration startTime() {
        return startTime;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Admin admin() {
        return admin(bootstrapServers());
    }

    private static Admin admin(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        return Admin.create(props);
    }

    /** Creates a topic (compacted when asked) unless it exists. */
    public void createTopic(String name, int partitions, boolean compacted) {
        try (Admin admin = admin()) {
            NewTopic topic = new NewTopic(name, partitions, (short) 1);
            if (compacted) {
                topic.configs(Map.of("cleanup.policy", "compact"));
            }
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name, e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
    }

    public String logTail(int lines) {
        return process.tail(lines);
    }

    @Override
    public void close() {
        process.stop(15);
        if (ownsDataDir) {
            deleteTree(dataDir);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
