package dev.rowcast.query;

import dev.rowcast.contract.RowEvent;
import dev.rowcast.query.config.Mode;
import dev.rowcast.query.config.QueryServiceConfig;
import dev.rowcast.query.config.SourceSettings;
import dev.rowcast.query.jdbc.SqlServerDialect;
import dev.rowcast.query.mode.Querier;
import dev.rowcast.query.mode.RowVersionPosition;
import dev.rowcast.query.mode.RowVersionQuerier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.MSSQLServerContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Against a real SQL Server (Testcontainers): the rowversion window across a transaction that commits late, and the
 * exact mapping of SQL Server's own types through mssql-jdbc. Runs where a Docker engine is available; disabled
 * (reported as skipped) where there is none, as on rowcast's build machines.
 */
@Testcontainers(disabledWithoutDocker = true)
class SqlServerIT {

    @Container
    static final MSSQLServerContainer<?> SQL = new MSSQLServerContainer<>("mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04").acceptLicense();

    /**
     * A database of its own with READ_COMMITTED_SNAPSHOT on, as the README recommends: without it a poll waits
     * behind an open writer's row locks (still correct, but this test holds one open on purpose).
     */
    @BeforeAll
    static void createDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(SQL.getJdbcUrl(), SQL.getUsername(), SQL.getPassword());
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE rowcast");
            st.execute("ALTER DATABASE rowcast SET READ_COMMITTED_SNAPSHOT ON");
        }
    }

    private static String url() {
        return SQL.getJdbcUrl() + ";databaseName=rowcast";
    }

    private static SourceSettings settings(String table, String key, String rv) {
        return new SourceSettings("it", url(), SQL.getUsername(), SQL.getPassword(), "SELECT * FROM " + table, Optional.of(table),
                List.of(key), Mode.ROWVERSION, Optional.of(rv), Duration.ofSeconds(1), 1000, "rowcast.rows.it", Duration.ZERO,
                Duration.ofSeconds(15), Duration.ofSeconds(60), 1000, 10000, QueryServiceConfig.Deletes.NONE, Duration.ofSeconds(30));
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(url(), SQL.getUsername(), SQL.getPassword());
    }

    @Test
    void aRowWrittenByATransactionThatCommitsLateIsNotSkipped() throws Exception {
        try (Connection admin = connect(); Statement st = admin.createStatement()) {
            st.execute("CREATE TABLE dbo.Late (Id INT PRIMARY KEY, Label NVARCHAR(10), RV rowversion)");
        }
        SourceSettings s = settings("dbo.Late", "Id", "RV");
        RowVersionQuerier querier = new RowVersionQuerier(s, new SqlServerDialect(), Clock.systemUTC());
        try (Connection slow = connect(); Connection fast = connect(); Connection reader = connect()) {
            slow.setAutoCommit(false);
            try (Statement st = slow.createStatement()) {
                st.execute("INSERT INTO dbo.Late (Id, Label) VALUES (1, 'A')"); // lower rowversion, still open
            }
            try (Statement st = fast.createStatement()) {
                st.execute("INSERT INTO dbo.Late (Id, Label) VALUES (2, 'B')"); // higher rowversion, committed
            }
            List<RowEvent> seen = new ArrayList<>();
            Querier.PollResult first = querier.poll(reader, RowVersionPosition.START, seen::add);
            assertEquals(List.of(), seen, "nothing at or past MIN_ACTIVE_ROWVERSION() while A is open");
            slow.commit();
            querier.poll(reader, first.position(), seen::add);
            assertEquals(List.of("A", "B"), seen.stream().map(e -> e.columns().get("Label").asText()).toList());
        }
    }

    @Test
    void sqlServerTypesArriveExactly() throws Exception {
        try (Connection admin = connect(); Statement st = admin.createStatement()) {
            st.execute("CREATE TABLE dbo.Types (Id INT PRIMARY KEY, Amount DECIMAL(38,10), Created DATETIME2(7), At DATETIMEOFFSET(7),"
                    + " Guid UNIQUEIDENTIFIER, Note NVARCHAR(MAX), Money MONEY, Flag BIT, RV rowversion)");
            st.execute("INSERT INTO dbo.Types (Id, Amount, Created, At, Guid, Note, Money, Flag) VALUES (1, 1234567890123456789012345678.1234567890,"
                    + " '2024-02-29T23:59:59.1234567', '2024-02-29T23:59:59.1234567+05:30', '6F9619FF-8B86-D011-B42D-00C04FC964FF',"
                    + " N'Grüße 😀', 12.3400, 1)");
        }
        RowVersionQuerier querier = new RowVersionQuerier(settings("dbo.Types", "Id", "RV"), new SqlServerDialect(), Clock.systemUTC());
        List<RowEvent> seen = new ArrayList<>();
        try (Connection reader = connect()) {
            querier.poll(reader, RowVersionPosition.START, seen::add);
        }
        RowEvent e = seen.get(0);
        assertEquals(new BigDecimal("1234567890123456789012345678.1234567890"), e.typedValue("Amount"));
        assertEquals(LocalDateTime.parse("2024-02-29T23:59:59.1234567"), e.typedValue("Created"));
        assertEquals(OffsetDateTime.parse("2024-02-29T23:59:59.1234567+05:30"), e.typedValue("At"));
        assertEquals("6F9619FF-8B86-D011-B42D-00C04FC964FF", e.columns().get("Guid").asText());
        assertEquals("Grüße 😀", e.typedValue("Note"));
        assertEquals("12.3400", e.columns().get("Money").asText());
        assertEquals(true, e.typedValue("Flag"));
        assertEquals("VARBINARY(8)", e.columnTypes().get("RV").toString());
    }
}
