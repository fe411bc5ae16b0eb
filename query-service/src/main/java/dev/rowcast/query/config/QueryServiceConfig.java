package dev.rowcast.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the query service, declared once. Types and defaults are checked by SmallRye Config at
 * start; rules between settings are checked by {@link SourceSettings#from}. Both stop the service with one
 * line naming the key.
 */
@ConfigMapping(prefix = "rowcast")
public interface QueryServiceConfig {

    /** The named sources: {@code rowcast.sources.<name>.*}. */
    Map<String, SourceConfig> sources();

    KafkaConfig kafka();

    interface SourceConfig {
        /** {@code jdbc:sqlserver://...} or {@code jdbc:h2:...}; the driver is chosen by it. */
        Optional<String> jdbcUrl();

        Optional<String> username();

        Optional<String> password();

        /** A file holding the password (a Docker secret); trailing newlines are dropped. */
        Optional<Path> passwordFile();

        /** A SELECT without ORDER BY; or give {@link #table()}. */
        Optional<String> query();

        /** A table or view, e.g. {@code dbo.Orders}: shorthand for {@code SELECT * FROM dbo.Orders}. */
        Optional<String> table();

        /** The key columns, in order: {@code OrderId} or {@code OrderId,LineNo}. */
        Optional<List<String>> key();

        @WithDefault("snapshot")
        Mode mode();

        /** The column incrementing, timestamp and rowversion modes read from. */
        Optional<String> positionColumn();

        @WithDefault("5s")
        Duration interval();

        /** The most rows one poll (one Kafka transaction) emits, except snapshot mode which emits a whole snapshot at once. */
        @WithDefault("1000")
        int batchSize();

        /**
         * While catching up, consecutive polls share one Kafka transaction until it holds this many rows (or has been
         * open a second): fewer commits, the same exactly-once guarantee.
         */
        @WithDefault("10000")
        int transactionRows();

        /**
         * How the incremental modes learn of deleted rows: {@code none} (they cannot see them), or {@code key-scan}
         * (every {@code delete-scan-interval}, read the key columns of the whole source and emit a delete for each
         * key that is gone). Snapshot mode always sees deletes.
         */
        @WithDefault("none")
        Deletes deletes();

        @WithDefault("30s")
        Duration deleteScanInterval();

        /** Default {@code rowcast.rows.<name>}. */
        Optional<String> topic();

        /** Timestamp mode reads rows older than database time minus this, so late commits are not skipped. */
        @WithDefault("2s")
        Duration timestampDelay();

        @WithDefault("15s")
        Duration loginTimeout();

        @WithDefault("60s")
        Duration queryTimeout();

        /**
         * Rows fetched per round trip from the database. H2's TCP protocol writes a fetch through a 64 KB buffer, and
         * a larger answer often waited 40 ms for a delayed ACK (Nagle): with 1000 rows, one poll in ten did on the
         * benchmark, with 100 about one in fifty. mssql-jdbc reads a result as a stream and uses the fetch size for
         * server cursors only ({@code selectMethod=cursor}).
         */
        @WithDefault("100")
        int fetchSize();
    }

    enum Deletes { NONE, KEY_SCAN }

    interface KafkaConfig {
        @WithDefault("localhost:9092")
        String bootstrapServers();

        @WithDefault("rowcast.positions")
        String positionsTopic();

        @WithDefault("rowcast.status")
        String statusTopic();

        /** Each source's producer uses {@code <prefix><source>}: a restarted instance fences the old one. */
        @WithDefault("rowcast-query-")
        String transactionalIdPrefix();

        /** Partitions of topics the service creates; empty = the broker's default. */
        Optional<Integer> partitions();

        /** Replication factor of topics the service creates; empty = the broker's default. */
        Optional<Short> replicationFactor();

        /** Extra producer properties, e.g. {@code rowcast.kafka.producer."compression.type"=lz4}. */
        Map<String, String> producer();
    }
}
