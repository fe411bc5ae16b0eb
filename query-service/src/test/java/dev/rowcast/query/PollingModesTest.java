package dev.rowcast.query;

import dev.rowcast.contract.Operation;
import dev.rowcast.contract.RowEvent;
import dev.rowcast.contract.SourceStatus;
import dev.rowcast.testkit.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.*;

/** Component test: the service against H2 (MSSQLServer mode) and the test kit's real Kafka broker, one source per mode. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(PollingModesTest.Profile.class)
class PollingModesTest {

    static final String DB = "modes";
    static final Duration WAIT = Duration.ofSeconds(30);

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            TestDatabase db = TestDatabase.get();
            db.execute(DB,
                    "CREATE TABLE IF NOT EXISTS Stock (Sku NVARCHAR(20) PRIMARY KEY, Qty INT, Price DECIMAL(19,4))",
                    "CREATE TABLE IF NOT EXISTS Events (Id BIGINT IDENTITY PRIMARY KEY, Msg NVARCHAR(200))",
                    "CREATE TABLE IF NOT EXISTS Orders (OrderId INT PRIMARY KEY, Customer NVARCHAR(100), Amount DECIMAL(19,4),"
                            + " UpdatedAt DATETIME2(7) NOT NULL)",
                    "CREATE SEQUENCE IF NOT EXISTS rv_seq",
                    "CREATE TABLE IF NOT EXISTS Parcels (ParcelId INT PRIMARY KEY, Status NVARCHAR(20),"
                            + " RV BINARY(8) DEFAULT CAST(NEXT VALUE FOR rv_seq AS BINARY(8)) ON UPDATE CAST(NEXT VALUE FOR rv_seq AS BINARY(8)))",
                    "CREATE TABLE IF NOT EXISTS AllTypes (Id INT PRIMARY KEY, Big BIGINT, Flag BIT, Amount DECIMAL(38,10), Ratio FLOAT,"
                            + " Name NVARCHAR(100), Note NVARCHAR(MAX), Blob VARBINARY(MAX), Created DATETIME2(7), ShippedAt DATETIMEOFFSET(7),"
                            + " DueDate DATE, SlotTime TIME(7), Guid UNIQUEIDENTIFIER, Missing NVARCHAR(10))");
            Map<String, String> c = new HashMap<>();
            source(c, "stock", "snapshot", "SELECT Sku, Qty, Price FROM Stock", "Sku", null);
            source(c, "events", "incrementing", "SELECT * FROM Events", "Id", "Id");
            source(c, "orders", "timestamp", "SELECT * FROM Orders", "OrderId", "UpdatedAt");
            c.put("rowcast.sources.orders.timestamp-delay", "200ms");
            source(c, "parcels", "rowversion", "SELECT * FROM Parcels", "ParcelId", "RV");
            c.put("rowcast.sources.parcels.deletes", "key-scan");
            c.put("rowcast.sources.parcels.delete-scan-interval", "300ms");
            source(c, "alltypes", "incrementing", "SELECT * FROM AllTypes", "Id", "Id");
            source(c, "wrongkey", "snapshot", "SELECT Sku, Qty FROM Stock", "Nope", null);
            source(c, "badsql", "snapshot", "SELECT * FROM NoSuchTable", "Id", null);
            return c;
        }

        static void source(Map<String, String> c, String name, String mode, String query, String key, String positionColumn) {
            String p = "rowcast.sources." + name + ".";
            c.put(p + "jdbc-url", TestDatabase.get().url(DB));
            c.put(p + "username", "sa");
            c.put(p + "query", query);
            c.put(p + "key", key);
            c.put(p + "mode", mode);
            c.put(p + "interval", "200ms");
            if (positionColumn != null) {
                c.put(p + "position-column", positionColumn);
            }
        }
    }

    private static String servers() {
        return KafkaTestResource.broker().bootstrapServers();
    }

    @Test
    void snapshotEmitsOnlyChangesAndDeletesWhatIsGone() throws Exception {
        TestDatabase db = TestDatabase.get();
        db.execute(DB, "INSERT INTO Stock VALUES ('A-1', 5, 1.50), ('B-2', 7, 2.00), ('C-3', 0, 0.10)");
        try (TopicProbe probe = new TopicProbe(servers(), "rowcast.rows.stock")) {
            List<RowEvent> events = probe.awaitEvents(WAIT, e -> e.size() >= 3);
            assertEquals(3, events.size(), TopicProbe.describe(events));
            assertEquals("1.5000", events.stream().filter(e -> e.canonicalKey().equals("{\"Sku\":\"A-1\"}")).findFirst().orElseThrow()
                    .columns().get("Price").asText());

            db.execute(DB, "UPDATE Stock SET Qty = 6 WHERE Sku = 'A-1'", "DELETE FROM Stock WHERE Sku = 'C-3'");
            events = probe.awaitEvents(WAIT, e -> e.size() >= 5);
            Thread.sleep(1000); // several more polls of an unchanged table
            events = probe.awaitEvents(WAIT, e -> true);
            assertEquals(5, events.size(), "only the update and the delete follow: " + TopicProbe.describe(events));
            RowEvent update = events.stream().filter(e -> e.operation() == Operation.UPSERT && e.columns().get("Qty").asInt() == 6)
                    .findFirst().orElseThrow();
            assertEquals("{\"Sku\":\"A-1\"}", update.canonicalKey());
            RowEvent delete = events.stream().filter(RowEvent::isDelete).findFirst().orElseThrow();
            assertEquals("{\"Sku\":\"C-3\"}", delete.canonicalKey());
            assertNull(probe.poll().stream().filter(r -> new String(r.key()).contains("C-3")).reduce((a, b) -> b).orElseThrow().value(),
                    "a delete is a tombstone");
        }
    }

    @Test
    void incrementingReadsNewRowsInOrder() {
        List<String> batch = List.of("one", "two", "three", "four", "five");
        TestDatabase.get().execute(DB, "INSERT INTO Events (Msg) VALUES ('one'), ('two'), ('three'), ('four'), ('five')");
        try (TopicProbe probe = new TopicProbe(servers(), "rowcast.rows.events")) {
            List<RowEvent> events = probe.awaitEvents(WAIT, e -> e.stream().filter(x -> batch.contains(x.columns().get("Msg").asText())).count() >= 5)
                    .stream().filter(x -> batch.contains(x.columns().get("Msg").asText())).toList();
            assertEquals(batch, events.stream().map(e -> e.columns().get("Msg").asText()).toList());
            List<Long> positions = events.stream().map(e -> Long.parseLong(e.position())).toList();
            for (int i = 1; i < positions.size(); i++) {
                assertEquals(positions.get(i - 1) + 1, positions.get(i), "positions follow the identity: " + positions);
            }
        }
    }

    @Test
    void timestampSeesInsertsAndUpdates() {
        TestDatabase.get().execute(DB,
                "INSERT INTO Orders VALUES (1, 'Ada', 10.00, LOCALTIMESTAMP(7)), (2, 'Bob', 20.00, LOCALTIMESTAMP(7))");
        try (TopicProbe probe = new TopicProbe(servers(), "rowcast.rows.orders")) {
            probe.awaitEvents(WAIT, e -> e.size() >= 2);
            TestDatabase.get().execute(DB, "UPDATE Orders SET Amount = 11.50, UpdatedAt = LOCALTIMESTAMP(7) WHERE OrderId = 1");
            List<RowEvent> events = probe.awaitEvents(WAIT, e -> e.size() >= 3);
            assertEquals(3, events.size(), TopicProbe.describe(events));
            assertEquals("11.5000", events.get(2).columns().get("Amount").asText());
            assertTrue(events.get(2).position().contains("\"key\":{\"OrderId\":1}"), events.get(2).position());
        }
    }

    @Test
    void rowversionSeesInsertsAndUpdates() {
        TestDatabase.get().execute(DB, "INSERT INTO Parcels (ParcelId, Status) VALUES (1, 'packed'), (2, 'packed')");
        try (TopicProbe probe = new TopicProbe(servers(), "rowcast.rows.parcels")) {
            probe.awaitEvents(WAIT, e -> e.size() >= 2);
            TestDatabase.get().execute(DB, "UPDATE Parcels SET Status = 'shipped' WHERE ParcelId = 2");
            List<RowEvent> events = probe.awaitEvents(WAIT, e -> e.size() >= 3);
            assertEquals(3, events.size(), TopicProbe.describe(events));
            assertEquals("{\"ParcelId\":2}", events.get(2).canonicalKey());
            assertEquals("shipped", events.get(2).columns().get("Status").asText());
            assertTrue(events.get(2).position().matches("0x[0-9A-F]{16}"), events.get(2).position());

            // deletes=key-scan: a deleted row becomes a tombstone
            TestDatabase.get().execute(DB, "DELETE FROM Parcels WHERE ParcelId = 1");
            events = probe.awaitEvents(WAIT, e -> e.size() >= 4);
            assertEquals(4, events.size(), TopicProbe.describe(events));
            assertTrue(events.get(3).isDelete());
            assertEquals("{\"ParcelId\":1}", events.get(3).canonicalKey());
        }
    }

    @Test
    void everyTypeOfTheContractArrivesExactly() throws Exception {
        BigDecimal amount = new BigDecimal("1234567890123456789012345678.1234567890");
        LocalDateTime created = LocalDateTime.parse("2024-02-29T23:59:59.1234567");
        OffsetDateTime at = OffsetDateTime.parse("2024-02-29T23:59:59.0000001+05:30");
        LocalTime slot = LocalTime.parse("23:59:59.9999999");
        UUID guid = UUID.fromString("6f9619ff-8b86-d011-b42d-00c04fc964ff");
        String astral = "Grüße 😀 𝄞 <script>";
        byte[] blob = {0, 1, 2, (byte) 0xff};
        try (Connection c = TestDatabase.get().connect(DB);
             PreparedStatement ps = c.prepareStatement("INSERT INTO AllTypes VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setInt(1, 1);
            ps.setLong(2, Long.MAX_VALUE);
            ps.setBoolean(3, true);
            ps.setBigDecimal(4, amount);
            ps.setDouble(5, 0.1);
            ps.setString(6, "");
            ps.setString(7, astral);
            ps.setBytes(8, blob);
            ps.setObject(9, created);
            ps.setObject(10, at);
            ps.setObject(11, LocalDate.parse("0001-01-01"));
            ps.setObject(12, slot);
            ps.setObject(13, guid);
            ps.setNull(14, java.sql.Types.NVARCHAR);
            ps.executeUpdate();
        }
        try (TopicProbe probe = new TopicProbe(servers(), "rowcast.rows.alltypes")) {
            RowEvent e = probe.awaitEvents(WAIT, list -> !list.isEmpty()).get(0);
            assertEquals(1L, e.typedValue("Id"));
            assertEquals(Long.MAX_VALUE, e.typedValue("Big"));
            assertEquals(true, e.typedValue("Flag"));
            assertEquals(amount, e.typedValue("Amount"));
            assertEquals("1234567890123456789012345678.1234567890", e.columns().get("Amount").textValue());
            assertEquals(0.1, e.typedValue("Ratio"));
            assertEquals("", e.typedValue("Name"));
            assertEquals(astral, e.typedValue("Note"));
            assertArrayEquals(blob, (byte[]) e.typedValue("Blob"));
            assertEquals(created, e.typedValue("Created"));
            assertEquals("2024-02-29T23:59:59.1234567", e.columns().get("Created").textValue());
            assertEquals(at, e.typedValue("ShippedAt"));
            assertEquals("2024-02-29T23:59:59.0000001+05:30", e.columns().get("ShippedAt").textValue());
            assertEquals(LocalDate.parse("0001-01-01"), e.typedValue("DueDate"));
            assertEquals(slot, e.typedValue("SlotTime"));
            assertEquals(guid, e.typedValue("Guid"));
            assertNull(e.typedValue("Missing"));
            assertTrue(e.columns().get("Missing").isNull());
            assertEquals("DECIMAL(38,10)", e.columnTypes().get("Amount").toString());
            assertEquals("DATETIME2(7)", e.columnTypes().get("Created").toString());
            assertEquals("NVARCHAR(MAX)", e.columnTypes().get("Note").toString());
            assertEquals("UNIQUEIDENTIFIER", e.columnTypes().get("Guid").toString());
        }
    }

    @Test
    void aBrokenSourceFailsVisiblyWhileTheOthersRun() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = given().get("/q/health/ready").then().extract().asString();
            if (body.contains("\"wrongkey\": \"FAILED") && body.contains("\"badsql\": \"FAILED") && body.contains("\"events\": \"RUNNING")) {
                break;
            }
        }
        given().get("/q/health/ready").then().statusCode(503)
                .body(containsString("\"wrongkey\": \"FAILED: UnknownColumnException: column Nope is not in the query's result (it has Sku, Qty)\""))
                .body(containsString("\"badsql\": \"FAILED: "))
                .body(containsString("NoSuchTable"))
                .body(containsString("\"stock\": \"RUNNING"));
        try (TopicProbe status = new TopicProbe(servers(), "rowcast.status")) {
            long until = System.nanoTime() + WAIT.toNanos();
            SourceStatus failed = null;
            while (failed == null && System.nanoTime() < until) {
                failed = status.statuses().stream().filter(s -> s.source().equals("wrongkey") && s.state() == SourceStatus.State.FAILED)
                        .findFirst().orElse(null);
            }
            assertNotNull(failed, "a FAILED heartbeat for wrongkey");
            assertTrue(failed.lastError().contains("column Nope is not in the query's result"), failed.lastError());
            assertTrue(status.statuses().stream().anyMatch(s -> s.source().equals("events") && s.state() == SourceStatus.State.RUNNING));
        }
    }

    @Test
    void metricsAnswerAnOperatorsQuestions() {
        TestDatabase.get().execute(DB, "INSERT INTO Events (Msg) VALUES ('metric')");
        try (TopicProbe probe = new TopicProbe(servers(), "rowcast.rows.events")) {
            probe.awaitEvents(WAIT, e -> e.stream().anyMatch(x -> x.columns().get("Msg").asText().equals("metric")));
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : List.of("rowcast_source_rows_read_total{source=\"events\"}", "rowcast_source_events_emitted_total{source=\"events\"}",
                "rowcast_source_poll_duration_seconds_count{source=\"events\"}", "rowcast_source_seconds_since_last_success{source=\"events\"}",
                "rowcast_source_errors_total{kind=\"permanent\",source=\"badsql\"} 1.0", "rowcast_source_up{source=\"events\"} 1.0",
                "rowcast_source_up{source=\"badsql\"} 0.0", "rowcast_source_lag_milliseconds{source=\"orders\"}")) {
            assertTrue(metrics.contains(name), name + " missing from\n" + metrics.lines().filter(l -> l.startsWith("rowcast")).toList());
        }
    }
}
