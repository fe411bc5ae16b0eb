package dev.rowcast.query.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rowcast.contract.CloudEventCodec;
import dev.rowcast.contract.Json;
import dev.rowcast.contract.KafkaRecordParts;
import dev.rowcast.contract.RowEvent;
import dev.rowcast.query.TestDatabase;
import dev.rowcast.query.jdbc.RowReader;
import dev.rowcast.query.kafka.KafkaClients;
import dev.rowcast.testkit.KafkaBroker;
import dev.rowcast.testkit.ProcessCpu;
import dev.rowcast.testkit.ServiceProcess;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Initial load of a 1M-row table into Kafka, next to its two limits measured in the same run: a bare JDBC scan
 * that builds each row's JSON, and a bare transactional kafka-clients producer sending records shaped like the
 * service's; with the CPU each phase cost per row. Run with {@code bench/run query-load [rows] [batch-size]}; not a
 * test. What it measures, and how: the README's "Benchmarks".
 */
public final class QueryLoadBenchmark {

    public static void main(String[] args) throws Exception {
        // a bare leg in a fresh JVM: "rate <rate> <rows> <average columns bytes> <CPU seconds of the leg>"
        if (args.length > 0 && args[0].equals(BARE_SCAN)) {
            double cpu = ProcessCpu.self();
            Scan s = scan(args[1]);
            System.out.println("rate " + s.rate() + " " + s.rows() + " " + s.averageColumnsBytes() + " " + (ProcessCpu.self() - cpu));
            return;
        }
        if (args.length > 0 && args[0].equals(BARE_PRODUCE)) {
            double cpu = ProcessCpu.self();
            int rows = Integer.parseInt(args[3]);
            double rate = produce(args[1], args[2], readShape(Path.of(args[4])), rows);
            System.out.println("rate " + rate + " " + rows + " 0 " + (ProcessCpu.self() - cpu));
            return;
        }
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Path jar = Path.of(args.length > 2 ? args[2] : "query-service/target/quarkus-app/quarkus-run.jar");
        String db = "bench" + System.nanoTime();
        TestDatabase database = TestDatabase.get();
        System.out.printf("query-load benchmark: %d rows, batch-size %d, service heap capped at 256 MB%n", rows, batch);
        long t0 = System.nanoTime();
        database.execute(db, "CREATE TABLE Bench (Id INT PRIMARY KEY, Customer NVARCHAR(50), Amount DECIMAL(19,4), CreatedAt DATETIME2(7),"
                        + " Paid BIT, Note NVARCHAR(200))",
                "INSERT INTO Bench SELECT X, CONCAT('customer-', MOD(X, 9973)), X * 1.2345, DATEADD('SECOND', X, TIMESTAMP '2026-01-01 00:00:00.1234567'),"
                        + " MOD(X, 2) = 0, REPEAT('n', 60) FROM SYSTEM_RANGE(1, " + rows + ")");
        System.out.printf("  table filled in %d ms%n", (System.nanoTime() - t0) / 1_000_000);

        try (KafkaBroker broker = KafkaBroker.start(KafkaBroker.Tuning.KAFKA_DEFAULTS)) {
            // limit 1: a bare scan building each row's JSON; limit 2: a bare transactional producer sending records
            // shaped like the service's. Passes 1 and 2 run in this JVM: the first warms up the database server and
            // the broker, the second also has a warm client. Pass 3, the limit, runs in a fresh JVM with the service's
            // heap and collector: a cold client against warm servers, exactly as the service below runs.
            String url = database.url(db);
            double bestScan = 0;
            Scan scan = null;
            for (int pass = 1; pass <= 2; pass++) {
                CpuShare cpu = new CpuShare(broker.pid(), -1, null);
                scan = scan(url);
                System.out.printf("  bare JDBC scan + JSON, pass %d (this JVM):  %,10.0f rows/s%n", pass, scan.rate());
                System.out.println(cpu.perRow(scan.rows(), "database + scan"));
                bestScan = Math.max(bestScan, scan.rate());
            }
            Scan limitScan = bareScanInFreshJvm(broker, url);
            bestScan = Math.max(bestScan, limitScan.rate());
            KafkaRecordParts shape = serviceRecordShape(database, db, scan.averageColumnsBytes());
            Path shapeFile = writeShape(shape);
            double bestProduce = 0;
            for (int pass = 1; pass <= 2; pass++) {
                String topic = "bench.bare." + pass;
                broker.createTopic(topic, 1, true);
                CpuShare cpu = new CpuShare(broker.pid(), -1, null);
                double rate = produce(broker.bootstrapServers(), topic, shape, rows);
                System.out.printf("  bare transactional producer, pass %d (this JVM): %,10.0f records/s%n", pass, rate);
                System.out.println(cpu.perRow(rows, "producer"));
                bestProduce = Math.max(bestProduce, rate);
            }
            broker.createTopic("bench.bare.3", 1, true);
            double produceRate = bareProduceInFreshJvm(broker, "bench.bare.3", rows, shapeFile);
            bestProduce = Math.max(bestProduce, produceRate);
            System.out.printf("      records of %d-byte key, %d headers of %d bytes, %d-byte value; %d per transaction, compacted topic%n",
                    shape.key().length, shape.headers().size(), headerBytes(shape), shape.value().length, TRANSACTION_ROWS);
            double scanRate = limitScan.rate();

            // the service, as its own process
            String s = "rowcast.sources.bench.";
            Map<String, String> settings = new HashMap<>(Map.of(s + "jdbc-url", database.url(db), s + "username", "sa", s + "table", "Bench",
                    s + "key", "Id", s + "mode", "incrementing", s + "position-column", "Id", s + "batch-size", Integer.toString(batch),
                    "rowcast.kafka.bootstrap-servers", broker.bootstrapServers()));
            // any rowcast.* setting given to this JVM (BENCH_JAVA_OPTS="-Drowcast.sources.bench.fetch-size=100") goes to the service
            System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith("rowcast.")).forEach(n -> settings.put(n, System.getProperty(n)));
            Path log = Path.of("target/bench-query-load.log");
            java.nio.file.Files.deleteIfExists(log);
            long serviceStart = System.nanoTime();
            long peakHeap = 0;
            Pattern caughtUp = Pattern.compile("caught up: (\\d+) rows in (\\d+) ms");
            try (ServiceProcess service = ServiceProcess.start("query-service", jar, settings, log, "256m")) {
                Matcher m = null;
                CpuShare loadCpu = null;
                while (m == null || !m.find()) {
                    Thread.sleep(250);
                    peakHeap = Math.max(peakHeap, service.heapUsedBytes());
                    if (loadCpu == null && service.log().contains("reading from the start")) {
                        // from the first poll on, as the rate: the service's start-up is not part of the load
                        loadCpu = new CpuShare(broker.pid(), service.pid(), "query-service");
                    }
                    if (!service.isAlive() || seconds(serviceStart) > 600) {
                        throw new IllegalStateException("service ended or took too long\n" + service.logTail(40));
                    }
                    m = caughtUp.matcher(service.log());
                }
                long loaded = Long.parseLong(m.group(1));
                long ms = Long.parseLong(m.group(2));
                double rate = loaded * 1000.0 / ms;
                double wall = rows / seconds(serviceStart);
                double limit = Math.min(scanRate, produceRate);
                System.out.printf("  query-service initial load:     %,10.0f rows/s (first batch to caught up; %,.0f rows/s from process start)%n", rate, wall);
                System.out.println(loadCpu.perRow(loaded, "database"));
                System.out.printf("  ratio to the smaller limit:     %10.0f %%  (target >= 70 %%; the limits as the service runs: a fresh JVM, warm servers)%n",
                        100 * rate / limit);
                System.out.printf("  ratio to the fastest passes:    %10.0f %%  (the smaller of the fastest scan and producer passes, %,.0f/s)%n",
                        100 * rate / Math.min(bestScan, bestProduce), Math.min(bestScan, bestProduce));
                // the database, the broker and the service share this machine's cores: when both legs are CPU-bound,
                // a row costs the scan's time plus the producer's, so this is the best a pipeline can do here
                double shared = 1 / (1 / scanRate + 1 / produceRate);
                System.out.printf("  ratio to both legs on one CPU:  %10.0f %%  (1/(1/scan + 1/producer) = %,.0f rows/s)%n", 100 * rate / shared, shared);
                System.out.printf("  query-service peak heap used:   %10d MB (cap 256 MB)%n", peakHeap / (1024 * 1024));
            }
        } finally {
            // the database's TCP server thread would keep this JVM alive: a benchmark stops by itself
            database.stopServer();
        }
    }

    /** The service's default {@code transaction-rows}: the bare producer commits as often as the service does. */
    private static final int TRANSACTION_ROWS = 10_000;

    private record Scan(double rate, int rows, int averageColumnsBytes) {
    }

    private static Scan scan(String url) throws Exception {
        long start = System.nanoTime();
        long bytes = 0;
        int scanned = 0;
        try (Connection c = TestDatabase.connectTo(url); PreparedStatement ps = c.prepareStatement("SELECT * FROM Bench")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                RowReader reader = new RowReader(rs.getMetaData(), List.of("Id"));
                while (rs.next()) {
                    ObjectNode columns = reader.columns(rs);
                    bytes += Json.writeBytes(columns).length;
                    scanned++;
                }
            }
        }
        return new Scan(scanned / seconds(start), scanned, (int) (bytes / scanned));
    }

    /**
     * A record as the service sends it for a row of average size: the real encoding of the table's first row, with
     * its value padded to the envelope plus the scan's average columns size. Same key, same CloudEvents headers.
     */
    private static KafkaRecordParts serviceRecordShape(TestDatabase database, String db, int averageColumnsBytes) throws Exception {
        try (Connection c = database.connect(db); PreparedStatement ps = c.prepareStatement("SELECT TOP 1 * FROM Bench ORDER BY Id")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                RowReader reader = new RowReader(rs.getMetaData(), List.of("Id"));
                ObjectNode columns = reader.columns(rs);
                RowEvent event = RowEvent.upsert("bench", reader.key(columns), "1", Instant.now(), columns, reader.columnTypes());
                KafkaRecordParts parts = new CloudEventCodec().encode(event);
                int envelope = parts.value().length - Json.writeBytes(columns).length;
                byte[] value = new byte[envelope + averageColumnsBytes];
                Arrays.fill(value, (byte) 'v');
                return new KafkaRecordParts(parts.key(), parts.headers(), value);
            }
        }
    }

    private static final String BARE_SCAN = "--bare-scan";
    private static final String BARE_PRODUCE = "--bare-produce";

    private static Scan bareScanInFreshJvm(KafkaBroker broker, String url) throws Exception {
        String[] out = inFreshJvm(broker, "database", BARE_SCAN, url);
        Scan scan = new Scan(Double.parseDouble(out[1]), Integer.parseInt(out[2]), Integer.parseInt(out[3]));
        System.out.printf("  bare JDBC scan + JSON, pass 3 (fresh JVM): %,10.0f rows/s  <- limit%n", scan.rate());
        System.out.println(out[5]);
        return scan;
    }

    private static double bareProduceInFreshJvm(KafkaBroker broker, String topic, int rows, Path shape) throws Exception {
        String[] out = inFreshJvm(broker, "this JVM", BARE_PRODUCE, broker.bootstrapServers(), topic, Integer.toString(rows), shape.toString());
        double rate = Double.parseDouble(out[1]);
        System.out.printf("  bare transactional producer, pass 3 (fresh JVM): %,10.0f records/s  <- limit%n", rate);
        System.out.println(out[5]);
        return rate;
    }

    /**
     * Runs this class in a new JVM with the service's heap cap and collector, and returns its "rate ..." line split
     * at spaces, with the CPU line of the leg appended (the child's own CPU is the leg's, as it reported it).
     */
    private static String[] inFreshJvm(KafkaBroker broker, String selfName, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), QueryLoadBenchmark.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String answer = null;
        CpuShare cpu = null;
        try (java.io.BufferedReader out = child.inputReader()) {
            cpu = new CpuShare(broker.pid(), -1, null);
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("rate ")) {
                    answer = line;
                }
            }
        }
        if (child.waitFor() != 0 || answer == null) {
            throw new IllegalStateException(String.join(" ", args) + " failed with exit code " + child.exitValue());
        }
        String[] parts = answer.split(" ");
        String[] withCpu = Arrays.copyOf(parts, parts.length + 1);
        withCpu[parts.length] = cpu.perRow(Long.parseLong(parts[2]), selfName, "bare client", Double.parseDouble(parts[4]));
        return withCpu;
    }

    private static Path writeShape(KafkaRecordParts shape) throws Exception {
        Path file = Path.of("target/bench-record-shape.tsv");
        List<String> lines = new java.util.ArrayList<>(List.of(Integer.toString(shape.key().length), Integer.toString(shape.value().length)));
        shape.headers().forEach((k, v) -> lines.add(k + "\t" + v));
        java.nio.file.Files.write(file, lines);
        return file;
    }

    private static KafkaRecordParts readShape(Path file) throws Exception {
        List<String> lines = java.nio.file.Files.readAllLines(file);
        java.util.LinkedHashMap<String, String> headers = new java.util.LinkedHashMap<>();
        for (String line : lines.subList(2, lines.size())) {
            int tab = line.indexOf('\t');
            headers.put(line.substring(0, tab), line.substring(tab + 1));
        }
        byte[] value = new byte[Integer.parseInt(lines.get(1))];
        Arrays.fill(value, (byte) 'v');
        return new KafkaRecordParts(new byte[Integer.parseInt(lines.get(0))], headers, value);
    }

    /** A distinct key of the given length (digits, zero-padded), made without formatting machinery. */
    private static byte[] paddedKey(int n, int length) {
        byte[] key = new byte[length];
        for (int i = length - 1; i >= 0; i--, n /= 10) {
            key[i] = (byte) ('0' + n % 10);
        }
        return key;
    }

    private static int headerBytes(KafkaRecordParts parts) {
        return parts.headers().entrySet().stream().mapToInt(h -> h.getKey().length() + h.getValue().length()).sum();
    }

    private static double produce(String bootstrapServers, String topic, KafkaRecordParts shape, int rows) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-" + topic);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // the service's own batching, so the limit is what the service could reach with its settings
        p.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(KafkaClients.LINGER_MS));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(KafkaClients.BATCH_SIZE_BYTES));
        Header[] headers = shape.headers().entrySet().stream()
                .map(h -> new RecordHeader(h.getKey(), h.getValue().getBytes(StandardCharsets.UTF_8))).toArray(Header[]::new);
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            for (int i = 0; i < rows; ) {
                producer.beginTransaction();
                for (int j = 0; j < TRANSACTION_ROWS && i < rows; j++, i++) {
                    producer.send(new ProducerRecord<>(topic, null, paddedKey(i, shape.key().length), shape.value(), new RecordHeaders(headers)));
                }
                producer.commitTransaction();
            }
        }
        return rows / seconds(start);
    }

    /**
     * Where a phase's CPU went, per row: this JVM (the database server, and the bare legs that run here), the broker
     * and the service. Two cores give at most 2 s of CPU per second: a phase whose parts add up to that is bound by
     * the machine, not by waiting.
     */
    private static final class CpuShare {
        private final long brokerPid;
        private final long otherPid;
        private final String otherName;
        private final double self;
        private final double broker;
        private final double other;
        private final long start = System.nanoTime();

        /** {@code otherPid} (a service, a bare client in its own JVM) may be -1: none. */
        CpuShare(long brokerPid, long otherPid, String otherName) {
            this.brokerPid = brokerPid;
            this.otherPid = otherPid;
            this.otherName = otherName;
            self = ProcessCpu.self();
            broker = ProcessCpu.seconds(brokerPid);
            other = otherPid < 0 ? 0 : ProcessCpu.seconds(otherPid);
        }

        String perRow(long rows, String selfName) {
            return perRow(rows, selfName, otherName, otherPid < 0 ? -1 : ProcessCpu.seconds(otherPid) - other);
        }

        /** With the CPU seconds of another process given (-1: none), as a child JVM reports its own. */
        String perRow(long rows, String selfName, String otherName, double otherSeconds) {
            double s = ProcessCpu.self() - self;
            double b = ProcessCpu.seconds(brokerPid) - broker;
            double q = Math.max(0, otherSeconds);
            double wall = seconds(start);
            String line = String.format("      CPU %.1f µs/row, %.2f of 2 cores: %s %.1f, broker %.1f", 1e6 * (s + b + q) / rows,
                    (s + b + q) / wall, selfName, 1e6 * s / rows, 1e6 * b / rows);
            return otherSeconds < 0 ? line : line + String.format(", %s %.1f", otherName, 1e6 * q / rows);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
