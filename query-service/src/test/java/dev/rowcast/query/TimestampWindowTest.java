package dev.rowcast.query;

import dev.rowcast.contract.RowEvent;
import dev.rowcast.testkit.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** Timestamp mode at its edges: equal timestamps across a batch boundary, and a transaction that commits late. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(TimestampWindowTest.Profile.class)
class TimestampWindowTest {

    static final String DB = "window";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            TestDatabase.get().execute(DB,
                    "CREATE TABLE IF NOT EXISTS Ties (Id INT PRIMARY KEY, UpdatedAt DATETIME2(7) NOT NULL)",
                    "CREATE TABLE IF NOT EXISTS Late (Id INT PRIMARY KEY, Label NVARCHAR(20), UpdatedAt DATETIME2(7) NOT NULL)");
            Map<String, String> c = new HashMap<>();
            source(c, "ties", "SELECT * FROM Ties", "0s");
            c.put("rowcast.sources.ties.batch-size", "3");
            source(c, "late", "SELECT * FROM Late", "3s");
            source(c, "latenodelay", "SELECT * FROM Late", "0s");
            return c;
        }

        static void source(Map<String, String> c, String name, String query, String delay) {
            String p = "rowcast.sources." + name + ".";
            c.put(p + "jdbc-url", TestDatabase.get().url(DB));
            c.put(p + "username", "sa");
            c.put(p + "query", query);
            c.put(p + "key", "Id");
            c.put(p + "mode", "timestamp");
            c.put(p + "position-column", "UpdatedAt");
            c.put(p + "timestamp-delay", delay);
            c.put(p + "interval", "100ms");
        }
    }

    private static String servers() {
        return KafkaTestResource.broker().bootstrapServers();
    }

    @Test
    void equalTimestampsAcrossBatchBoundariesAreNeitherLostNorRepeated() {
        // ten rows sharing one timestamp, read three per poll: four polls split the tie
        TestDatabase.get().execute(DB, "INSERT INTO Ties SELECT X, TIMESTAMP '2026-01-01 12:00:00.1234567' FROM SYSTEM_RANGE(1, 10)",
                "INSERT INTO Ties VALUES (11, TIMESTAMP '2026-01-01 12:00:00.1234568')");
        try (TopicProbe probe = new TopicProbe(servers(), "rowcast.rows.ties")) {
            probe.awaitEvents(Duration.ofSeconds(30), e -> e.size() >= 11);
            List<RowEvent> events = probe.awaitEvents(Duration.ofSeconds(2), TimestampWindowTest::settle);
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
                    events.stream().map(e -> e.columns().get("Id").asInt()).toList(), TopicProbe.describe(events));
            assertEquals("{\"ts\":\"2026-01-01T12:00:00.1234567\",\"key\":{\"Id\":3}}", events.get(2).position());
        }
    }

    private static long settleStart;

    /** True once a second has passed: lets a few more polls run so a repeat would show. */
    private static boolean settle(List<RowEvent> e) {
        if (settleStart == 0) {
            settleStart = System.nanoTime();
        }
        return System.nanoTime() - settleStart > 1_000_000_000L;
    }

    @Test
    void aRowWhoseTransactionCommitsLateIsStillDeliveredWithinTheDelay() throws Exception {
        TestDatabase db = TestDatabase.get();
        try (Connection slow = db.connect(DB)) {
            slow.setAutoCommit(false);
            try (Statement st = slow.createStatement()) {
                // A: written first, with the earlier timestamp, but not committed yet
                st.execute("INSERT INTO Late VALUES (1, 'A', LOCALTIMESTAMP(7))");
            }
            Thread.sleep(20);
            // B: a later timestamp, committed at once
            db.execute(DB, "INSERT INTO Late VALUES (2, 'B', LOCALTIMESTAMP(7))");
            // let both services poll while A is still open
            Thread.sleep(1500);
            slow.commit();
        }
        try (TopicProbe late = new TopicProbe(servers(), "rowcast.rows.late");
             TopicProbe noDelay = new TopicProbe(servers(), "rowcast.rows.latenodelay")) {
            List<RowEvent> events = late.awaitEvents(Duration.ofSeconds(30), e -> e.size() >= 2);
            Thread.sleep(1000);
            events = late.awaitEvents(Duration.ofSeconds(1), e -> true);
            assertEquals(Map.of("A", 1L, "B", 1L), events.stream().collect(Collectors.groupingBy(e -> e.columns().get("Label").asText(),
                    Collectors.counting())), "with a 3 s delay, A and B each arrive once");
            // the same table without a delay shows why the delay exists: B moved the position past A
            List<RowEvent> without = noDelay.awaitEvents(Duration.ofSeconds(10), e -> !e.isEmpty());
            assertEquals(List.of("B"), without.stream().map(e -> e.columns().get("Label").asText()).toList(),
                    "without a delay the late row A is skipped");
        }
    }
}
