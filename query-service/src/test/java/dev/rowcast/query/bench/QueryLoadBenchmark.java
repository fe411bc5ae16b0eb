package dev.rowcast.query.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rowcast.contract.Json;
import dev.rowcast.query.TestDatabase;
import dev.rowcast.query.jdbc.RowReader;
import dev.rowcast.testkit.KafkaBroker;
import dev.rowcast.testkit.ServiceProcess;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Initial load of a 1M-row table into Kafka, next to its two limits measured in the same run: a bare JDBC scan
 * that builds each row's JSON, and a bare transactional kafka-clients producer sending records of the same size.
 * Run with {@code bench/run query-load [rows] [batch-size]}; not a test.
 */
public final class QueryLoadBenchmark {

    public static void main(String[] args) throws Exception {
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

        try (KafkaBroker broker = KafkaBroker.start()) {
            // limit 1: bare scan building each row's JSON
            long scanStart = System.nanoTime();
            long bytes = 0;
            int scanned = 0;
            try (Connection c = database.connect(db); PreparedStatement ps = c.prepareStatement("SELECT * FROM Bench")) {
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
            double scanRate = scanned / seconds(scanStart);
            int valueSize = (int) (bytes / scanned) + 150;
            System.out.printf("  bare JDBC scan + JSON:          %,10.0f rows/s%n", scanRate);

            // limit 2: bare transactional producer, records of the size the service sends
            broker.createTopic("bench.bare", 1, false);
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-bare");
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
            byte[] value = new byte[valueSize];
            java.util.Arrays.fill(value, (byte) 'v');
            long produceStart = System.nanoTime();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.initTransactions();
                for (int i = 0; i < rows; ) {
                    producer.beginTransaction();
                    for (int j = 0; j < batch && i < rows; j++, i++) {
                        producer.send(new ProducerRecord<>("bench.bare", ("{\"Id\":" + i + "}").getBytes(), value));
                    }
                    producer.commitTransaction();
                }
            }
            double produceRate = rows / seconds(produceStart);
            System.out.printf("  bare transactional producer:    %,10.0f records/s (%d-byte values, %d per transaction)%n", produceRate, valueSize, batch);

            // the service, as its own process
            String s = "rowcast.sources.bench.";
            Map<String, String> settings = Map.of(s + "jdbc-url", database.url(db), s + "username", "sa", s + "table", "Bench",
                    s + "key", "Id", s + "mode", "incrementing", s + "position-column", "Id", s + "batch-size", Integer.toString(batch),
                    "rowcast.kafka.bootstrap-servers", broker.bootstrapServers());
            Path log = Path.of("target/bench-query-load.log");
            java.nio.file.Files.deleteIfExists(log);
            long serviceStart = System.nanoTime();
            long peakHeap = 0;
            Pattern caughtUp = Pattern.compile("caught up: (\\d+) rows in (\\d+) ms");
            try (ServiceProcess service = ServiceProcess.start("query-service", jar, settings, log, "256m")) {
                Matcher m = null;
                while (m == null || !m.find()) {
                    Thread.sleep(250);
                    peakHeap = Math.max(peakHeap, service.heapUsedBytes());
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
                System.out.printf("  ratio to the smaller limit:     %10.0f %%  (target >= 70 %%)%n", 100 * rate / limit);
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

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
