package dev.rowcast.query;

import dev.rowcast.contract.RowEvent;
import dev.rowcast.contract.SourceStatus;
import dev.rowcast.testkit.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

/** The database goes away under a running service and comes back: DOWN with the reason, UP by itself, nothing lost or repeated. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(DatabaseOutageTest.Profile.class)
class DatabaseOutageTest {

    static final String DB = "outage";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            TestDatabase.get().execute(DB, "CREATE TABLE IF NOT EXISTS Readings (Id INT PRIMARY KEY, Val INT)");
            String p = "rowcast.sources.readings.";
            return Map.of(p + "jdbc-url", TestDatabase.get().url(DB), p + "username", "sa", p + "table", "Readings", p + "key", "Id",
                    p + "mode", "incrementing", p + "position-column", "Id", p + "interval", "200ms");
        }
    }

    private static String awaitReadiness(Predicate<String> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = given().get("/q/health/ready").then().extract().asString();
            if (done.test(body)) {
                return body;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("readiness never matched; last: " + body);
    }

    @Test
    void theServiceRidesOutADatabaseRestart() {
        TestDatabase db = TestDatabase.get();
        db.execute(DB, "INSERT INTO Readings SELECT X, X * 10 FROM SYSTEM_RANGE(1, 20)");
        try (TopicProbe probe = new TopicProbe(KafkaTestResource.broker().bootstrapServers(), "rowcast.rows.readings");
             TopicProbe status = new TopicProbe(KafkaTestResource.broker().bootstrapServers(), "rowcast.status")) {
            probe.awaitEvents(Duration.ofSeconds(30), e -> e.size() >= 20);
            awaitReadiness(b -> b.contains("\"status\": \"UP\""));

            db.stopServer();
            String down = awaitReadiness(b -> b.contains("\"readings\": \"RETRYING"));
            assertTrue(down.contains("\"status\": \"DOWN\""), down);
            given().get("/q/health/ready").then().statusCode(503);
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (status.statuses().stream().noneMatch(s -> s.source().equals("readings") && s.state() == SourceStatus.State.RETRYING)
                    && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            SourceStatus retrying = status.statuses().stream().filter(s -> s.source().equals("readings") && s.state() == SourceStatus.State.RETRYING)
                    .findFirst().orElseThrow(() -> new AssertionError("no RETRYING heartbeat"));
            assertEquals("20", retrying.position(), "the position does not move while the database is away");
            assertNotNull(retrying.lastError());

            db.startServer();
            db.execute(DB, "INSERT INTO Readings SELECT X, X * 10 FROM SYSTEM_RANGE(21, 30)");
            awaitReadiness(b -> b.contains("\"status\": \"UP\""));
            List<RowEvent> events = probe.awaitEvents(Duration.ofSeconds(60), e -> e.size() >= 30);
            assertEquals(30, events.size(), TopicProbe.describe(events));
            assertEquals(30, events.stream().map(RowEvent::canonicalKey).distinct().count(), "each row once");
        }
    }
}
