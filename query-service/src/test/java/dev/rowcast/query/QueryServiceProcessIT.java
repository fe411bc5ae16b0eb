package dev.rowcast.query;

import dev.rowcast.contract.RowEvent;
import dev.rowcast.testkit.KafkaBroker;
import dev.rowcast.testkit.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The packaged query-service as its own process against the real broker: a clean restart and a kill -9 in the
 * middle of a load, each followed by a count that every change arrived exactly once for a read_committed consumer.
 */
class QueryServiceProcessIT {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final String DB = "process";
    static KafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start();
        TestDatabase.get().execute(DB,
                "CREATE SEQUENCE IF NOT EXISTS rv_seq",
                "CREATE TABLE IF NOT EXISTS Orders (OrderId INT PRIMARY KEY, Status NVARCHAR(20),"
                        + " RV BINARY(8) DEFAULT CAST(NEXT VALUE FOR rv_seq AS BINARY(8)) ON UPDATE CAST(NEXT VALUE FOR rv_seq AS BINARY(8)))",
                "CREATE TABLE IF NOT EXISTS Stock (Sku INT PRIMARY KEY, Qty INT)",
                "CREATE TABLE IF NOT EXISTS Big (Id INT PRIMARY KEY, Payload NVARCHAR(200))");
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static Map<String, String> source(Map<String, String> c, String name, String table, String key, String mode, String position) {
        String p = "rowcast.sources." + name + ".";
        c.put(p + "jdbc-url", TestDatabase.get().url(DB));
        c.put(p + "username", "sa");
        c.put(p + "table", table);
        c.put(p + "key", key);
        c.put(p + "mode", mode);
        c.put(p + "interval", "200ms");
        if (position != null) {
            c.put(p + "position-column", position);
        }
        return c;
    }

    private static ServiceProcess startService(Map<String, String> settings, String logName) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("rowcast.kafka.bootstrap-servers", broker.bootstrapServers());
        return ServiceProcess.start("query-service", JAR, all, Path.of("target/it-logs/" + logName + ".log"), "256m");
    }

    @Test
    void aRestartResumesWhereTheLastCommittedBatchEnded() throws Exception {
        TestDatabase db = TestDatabase.get();
        Map<String, String> settings = new HashMap<>();
        source(settings, "orders", "Orders", "OrderId", "rowversion", "RV");
        source(settings, "stock", "Stock", "Sku", "snapshot", null);
        db.execute(DB, "INSERT INTO Orders (OrderId, Status) SELECT X, 'new' FROM SYSTEM_RANGE(1, 100)",
                "INSERT INTO Stock SELECT X, X FROM SYSTEM_RANGE(1, 10)");
        try (TopicProbe orders = new TopicProbe(broker.bootstrapServers(), "rowcast.rows.orders");
             TopicProbe stock = new TopicProbe(broker.bootstrapServers(), "rowcast.rows.stock")) {
            try (ServiceProcess service = startService(settings, "restart-1")) {
                orders.awaitEvents(Duration.ofSeconds(60), e -> e.size() >= 100);
                stock.awaitEvents(Duration.ofSeconds(60), e -> e.size() >= 10);
            }
            // while it is down: 50 inserts and 30 updates; in the snapshot, 3 updates, 2 deletes, 1 insert
            db.execute(DB, "INSERT INTO Orders (OrderId, Status) SELECT X, 'new' FROM SYSTEM_RANGE(101, 150)",
                    "UPDATE Orders SET Status = 'paid' WHERE OrderId <= 30",
                    "UPDATE Stock SET Qty = Qty + 100 WHERE Sku <= 3", "DELETE FROM Stock WHERE Sku IN (9, 10)",
                    "INSERT INTO Stock VALUES (11, 11)");
            try (ServiceProcess service = startService(settings, "restart-2")) {
                List<RowEvent> o = orders.awaitEvents(Duration.ofSeconds(60), e -> e.size() >= 180);
                List<RowEvent> s = stock.awaitEvents(Duration.ofSeconds(60), e -> e.size() >= 16);
                Thread.sleep(1500); // more polls: a repeat would show now
                o = orders.awaitEvents(Duration.ofSeconds(1), e -> true);
                s = stock.awaitEvents(Duration.ofSeconds(1), e -> true);
                assertEquals(180, o.size(), "100 + 50 inserts + 30 updates, each once");
                Map<String, Long> perKey = o.stream().collect(Collectors.groupingBy(RowEvent::canonicalKey, Collectors.counting()));
                for (int id = 1; id <= 150; id++) {
                    assertEquals(id <= 30 ? 2L : 1L, perKey.get("{\"OrderId\":" + id + "}"), "order " + id);
                }
                assertEquals(16, s.size(), "10 first, then exactly the 6 changes: " + TopicProbe.describe(s));
                assertEquals(2, s.stream().filter(RowEvent::isDelete).count());
                assertTrue(service.log().contains("source stock: previous snapshot rebuilt from rowcast.rows.stock: 10 rows"), service.logTail(40));
            }
        }
    }

    @Test
    void aKillInTheMiddleOfALoadLosesNothingAndRepeatsNothing() throws Exception {
        int rows = 200_000;
        TestDatabase.get().execute(DB, "INSERT INTO Big SELECT X, CONCAT('payload-', X, '-', REPEAT('x', 100)) FROM SYSTEM_RANGE(1, " + rows + ")");
        Map<String, String> settings = source(new HashMap<>(), "big", "Big", "Id", "incrementing", "Id");
        settings.put("rowcast.sources.big.batch-size", "500");
        try (TopicProbe probe = new TopicProbe(broker.bootstrapServers(), "rowcast.rows.big")) {
            ServiceProcess first = startService(settings, "kill-1");
            try {
                probe.awaitEvents(Duration.ofSeconds(120), e -> e.size() >= 20_000);
            } finally {
                first.kill();
            }
            int atKill = probe.poll().size();
            assertTrue(atKill < rows, "the kill must land mid-load (had " + atKill + ")");
            try (ServiceProcess second = startService(settings, "kill-2")) {
                List<RowEvent> events = probe.awaitEvents(Duration.ofSeconds(180), e -> e.size() >= rows);
                Thread.sleep(1500);
                events = probe.awaitEvents(Duration.ofSeconds(1), e -> true);
                assertEquals(rows, events.size(), "every row exactly once after kill -9 at " + atKill);
                assertEquals(rows, events.stream().map(RowEvent::canonicalKey).distinct().count());
                assertTrue(second.log().contains("source big: resuming after committed position"), second.logTail(40));
                System.out.printf("kill -9 after %d committed rows; after restart %d rows, %d distinct%n", atKill, events.size(),
                        events.stream().map(RowEvent::canonicalKey).distinct().count());
            }
        }
    }

    @Test
    void aWrongSettingStopsThePackagedServiceAtStartNamingIt() throws Exception {
        Map<String, String> settings = source(new HashMap<>(), "orders", "Orders", "OrderId", "timestamp", null);
        settings.put("rowcast.kafka.bootstrap-servers", broker.bootstrapServers());
        ServiceProcess.Exit exit = ServiceProcess.runUntilExit(JAR, settings, Path.of("target/it-logs/bad-setting.log"), Duration.ofSeconds(60));
        assertEquals(1, exit.code(), exit.output());
        assertTrue(exit.output().lines().anyMatch("rowcast.sources.orders.position-column: required for mode timestamp"::equals), exit.output());
        assertFalse(exit.output().contains("\tat "), "the line, not a stack trace\n" + exit.output());

        settings.put("rowcast.sources.orders.mode", "sometimes");
        exit = ServiceProcess.runUntilExit(JAR, settings, Path.of("target/it-logs/bad-mode.log"), Duration.ofSeconds(60));
        assertEquals(1, exit.code(), exit.output());
        assertTrue(exit.output().contains("rowcast.sources.orders.mode") && exit.output().contains("allowed values: snapshot,incrementing,timestamp,rowversion"),
                exit.output());
    }
}
