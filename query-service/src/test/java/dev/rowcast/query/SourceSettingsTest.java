package dev.rowcast.query;

import dev.rowcast.settings.InvalidSettingException;
import dev.rowcast.query.config.Mode;
import dev.rowcast.query.config.QueryServiceConfig;
import dev.rowcast.query.config.SourceSettings;
import dev.rowcast.query.config.Sources;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every wrong setting stops the service with one line naming the key. This builds the same
 * {@link QueryServiceConfig} mapping SmallRye builds at start, from the given properties.
 */
class SourceSettingsTest {

    private static final Map<String, String> VALID = Map.of(
            "rowcast.sources.orders.jdbc-url", "jdbc:h2:mem:x",
            "rowcast.sources.orders.table", "dbo.Orders",
            "rowcast.sources.orders.key", "OrderId",
            "rowcast.sources.orders.mode", "rowversion",
            "rowcast.sources.orders.position-column", "RV");

    private static List<SourceSettings> load(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>(VALID);
        overrides.forEach((k, v) -> {
            if (v == null) {
                props.remove(k);
            } else {
                props.put(k, v);
            }
        });
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(props, "test", 500))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(QueryServiceConfig.class)
                .build();
        return Sources.validate(config.getConfigMapping(QueryServiceConfig.class));
    }

    private static String failure(Map<String, String> overrides) {
        Exception e = assertThrows(Exception.class, () -> load(overrides));
        return e.getMessage();
    }

    private static Map<String, String> with(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void aValidSourceGetsItsDefaults() {
        SourceSettings s = load(Map.of()).get(0);
        assertEquals("orders", s.name());
        assertEquals("SELECT * FROM dbo.Orders", s.query());
        assertEquals(List.of("OrderId"), s.key());
        assertEquals(Mode.ROWVERSION, s.mode());
        assertEquals(Duration.ofSeconds(5), s.interval());
        assertEquals(1000, s.batchSize());
        assertEquals("rowcast.rows.orders", s.topic());
    }

    @Test
    void compositeKeysAndDurationsParse() {
        SourceSettings s = load(with("rowcast.sources.orders.key", "OrderId, LineNo", "rowcast.sources.orders.interval", "250ms")).get(0);
        assertEquals(List.of("OrderId", "LineNo"), s.key());
        assertEquals(Duration.ofMillis(250), s.interval());
    }

    @Test
    void missingUrl() {
        assertEquals("rowcast.sources.orders.jdbc-url: missing (jdbc:sqlserver://host:1433;databaseName=db or jdbc:h2:...)",
                failure(with("rowcast.sources.orders.jdbc-url", null)));
    }

    @Test
    void unsupportedDatabase() {
        assertEquals("rowcast.sources.orders.jdbc-url: unsupported database 'jdbc:postgresql://db/shop' (rowcast reads jdbc:sqlserver: and jdbc:h2:)",
                failure(with("rowcast.sources.orders.jdbc-url", "jdbc:postgresql://db/shop")));
    }

    @Test
    void unknownMode() {
        String message = failure(with("rowcast.sources.orders.mode", "bulk"));
        assertTrue(message.contains("rowcast.sources.orders.mode"), message);
        assertTrue(message.contains("bulk"), message);
    }

    @Test
    void modeWithoutItsPositionColumn() {
        assertEquals("rowcast.sources.orders.position-column: required for mode timestamp",
                failure(with("rowcast.sources.orders.mode", "timestamp", "rowcast.sources.orders.position-column", null)));
    }

    @Test
    void snapshotWithAPositionColumn() {
        assertEquals("rowcast.sources.orders.position-column: not used by mode snapshot; remove it",
                failure(with("rowcast.sources.orders.mode", "snapshot")));
    }

    @Test
    void bothQueryAndTable() {
        assertEquals("rowcast.sources.orders.table: give query or table, not both",
                failure(with("rowcast.sources.orders.query", "SELECT * FROM dbo.Orders")));
    }

    @Test
    void neitherQueryNorTable() {
        assertEquals("rowcast.sources.orders.query: missing: give query (a SELECT) or table",
                failure(with("rowcast.sources.orders.table", null)));
    }

    @Test
    void badDuration() {
        String message = failure(with("rowcast.sources.orders.interval", "soon"));
        assertTrue(message.contains("rowcast.sources.orders.interval"), message);
        assertEquals("rowcast.sources.orders.interval: PT0S must be positive", failure(with("rowcast.sources.orders.interval", "0s")));
    }

    @Test
    void unreadablePasswordFile() {
        assertEquals("rowcast.sources.orders.password-file: cannot read /nonexistent/db_password (NoSuchFileException)",
                failure(with("rowcast.sources.orders.password-file", "/nonexistent/db_password")));
    }

    @Test
    void passwordFileIsReadWithoutItsTrailingNewline() throws Exception {
        Path file = Files.createTempFile("db_password", "");
        Files.writeString(file, "s3cret\n");
        try {
            assertEquals("s3cret", load(with("rowcast.sources.orders.password-file", file.toString())).get(0).password());
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void missingKeyAndBadNumbers() {
        assertEquals("rowcast.sources.orders.key: missing: the key column(s), e.g. OrderId or OrderId,LineNo",
                failure(with("rowcast.sources.orders.key", null)));
        assertEquals("rowcast.sources.orders.batch-size: 0 is outside 1..1000000", failure(with("rowcast.sources.orders.batch-size", "0")));
        assertEquals("rowcast.sources.orders.topic: 'rows for orders' is not a legal Kafka topic name",
                failure(with("rowcast.sources.orders.topic", "rows for orders")));
    }

    @Test
    void noSourceAtAll() {
        Map<String, String> none = new HashMap<>();
        VALID.keySet().forEach(k -> none.put(k, null));
        assertEquals("rowcast.sources: no source configured (set at least rowcast.sources.<name>.jdbc-url, .query or .table, and .key)",
                failure(none));
    }

    @Test
    void passwordsNeverPrint() {
        SourceSettings s = load(with("rowcast.sources.orders.password", "hunter2")).get(0);
        assertFalse(s.toString().contains("hunter2"));
    }

    @Test
    void invalidSettingNamesItsKey() {
        InvalidSettingException e = new InvalidSettingException("rowcast.sources.a.key", "missing");
        assertEquals("rowcast.sources.a.key", e.key());
    }
}
