package dev.rowcast.query.config;

import dev.rowcast.settings.InvalidSettingException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One source's settings after every rule between them is checked and the password is read:
 * what the rest of the service works from.
 */
public record SourceSettings(String name, String jdbcUrl, String username, String password, String query,
                             Optional<String> table, List<String> key, Mode mode, Optional<String> positionColumn,
                             Duration interval, int batchSize, String topic, Duration timestampDelay,
                             Duration loginTimeout, Duration queryTimeout, int fetchSize, int transactionRows,
                             QueryServiceConfig.Deletes deletes, Duration deleteScanInterval) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_ $#@]{0,127}");
    private static final Pattern TABLE = Pattern.compile("(\\[?[A-Za-z_][A-Za-z0-9_ $#@]*]?\\.){0,2}\\[?[A-Za-z_][A-Za-z0-9_ $#@]*]?");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    /** @throws InvalidSettingException naming the first wrong setting */
    public static SourceSettings from(String name, QueryServiceConfig.SourceConfig c) {
        String p = "rowcast.sources." + name + ".";
        if (!NAME.matcher(name).matches()) {
            throw new InvalidSettingException("rowcast.sources." + name,
                    "a source name is 1-100 letters, digits, '_' or '-', starting with a letter or digit");
        }
        String url = c.jdbcUrl().filter(u -> !u.isBlank())
                .orElseThrow(() -> new InvalidSettingException(p + "jdbc-url", "missing (jdbc:sqlserver://host:1433;databaseName=db or jdbc:h2:...)"));
        if (!url.startsWith("jdbc:sqlserver:") && !url.startsWith("jdbc:h2:")) {
            throw new InvalidSettingException(p + "jdbc-url", "unsupported database '" + url.split(";")[0]
                    + "' (rowcast reads jdbc:sqlserver: and jdbc:h2:)");
        }
        if (c.password().isPresent() && c.passwordFile().isPresent()) {
            throw new InvalidSettingException(p + "password-file", "give password or password-file, not both");
        }
        String password = c.password().orElse(null);
        if (c.passwordFile().isPresent()) {
            try {
                password = Files.readString(c.passwordFile().get(), StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
            } catch (IOException | SecurityException e) {
                throw new InvalidSettingException(p + "password-file", "cannot read " + c.passwordFile().get() + " ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        if (c.query().isPresent() && c.table().isPresent()) {
            throw new InvalidSettingException(p + "table", "give query or table, not both");
        }
        String query;
        if (c.table().isPresent()) {
            String table = c.table().get().trim();
            if (!TABLE.matcher(table).matches()) {
                throw new InvalidSettingException(p + "table", "'" + table + "' is not a table name like dbo.Orders");
            }
            query = "SELECT * FROM " + table;
        } else {
            query = c.query().map(String::trim).filter(q -> !q.isEmpty())
                    .orElseThrow(() -> new InvalidSettingException(p + "query", "missing: give query (a SELECT) or table"));
            if (!query.regionMatches(true, 0, "SELECT", 0, 6) && !query.regionMatches(true, 0, "WITH", 0, 4)) {
                throw new InvalidSettingException(p + "query", "must be a SELECT");
            }
            if (query.endsWith(";")) {
                query = query.substring(0, query.length() - 1);
            }
        }
        List<String> key = new ArrayList<>();
        for (String column : c.key().orElseThrow(() -> new InvalidSettingException(p + "key", "missing: the key column(s), e.g. OrderId or OrderId,LineNo"))) {
            String trimmed = column.trim();
            if (!IDENTIFIER.matcher(trimmed).matches()) {
                throw new InvalidSettingException(p + "key", "'" + trimmed + "' is not a column name");
            }
            if (key.contains(trimmed)) {
                throw new InvalidSettingException(p + "key", "column " + trimmed + " is named twice");
            }
            key.add(trimmed);
        }
        if (key.isEmpty()) {
            throw new InvalidSettingException(p + "key", "missing: the key column(s), e.g. OrderId or OrderId,LineNo");
        }
        Mode mode = c.mode();
        Optional<String> positionColumn = c.positionColumn().map(String::trim).filter(s -> !s.isEmpty());
        if (mode.needsPositionColumn() && positionColumn.isEmpty()) {
            throw new InvalidSettingException(p + "position-column", "required for mode " + mode.configName());
        }
        if (!mode.needsPositionColumn() && positionColumn.isPresent()) {
            throw new InvalidSettingException(p + "position-column", "not used by mode " + mode.configName() + "; remove it");
        }
        if (positionColumn.isPresent() && !IDENTIFIER.matcher(positionColumn.get()).matches()) {
            throw new InvalidSettingException(p + "position-column", "'" + positionColumn.get() + "' is not a column name");
        }
        positive(p + "interval", c.interval());
        positive(p + "login-timeout", c.loginTimeout());
        positive(p + "query-timeout", c.queryTimeout());
        if (c.timestampDelay().isNegative()) {
            throw new InvalidSettingException(p + "timestamp-delay", "must not be negative");
        }
        if (c.batchSize() < 1 || c.batchSize() > 1_000_000) {
            throw new InvalidSettingException(p + "batch-size", c.batchSize() + " is outside 1..1000000");
        }
        if (c.fetchSize() < 1 || c.fetchSize() > 100_000) {
            throw new InvalidSettingException(p + "fetch-size", c.fetchSize() + " is outside 1..100000");
        }
        if (c.transactionRows() < 1) {
            throw new InvalidSettingException(p + "transaction-rows", c.transactionRows() + " must be at least 1");
        }
        if (mode == Mode.SNAPSHOT && c.deletes() != QueryServiceConfig.Deletes.NONE) {
            throw new InvalidSettingException(p + "deletes", "snapshot mode sees deletes by itself; remove it");
        }
        positive(p + "delete-scan-interval", c.deleteScanInterval());
        String topic = c.topic().orElse("rowcast.rows." + name);
        if (!TOPIC.matcher(topic).matches()) {
            throw new InvalidSettingException(p + "topic", "'" + topic + "' is not a legal Kafka topic name");
        }
        return new SourceSettings(name, url, c.username().orElse(null), password, query, c.table(), List.copyOf(key), mode,
                positionColumn, c.interval(), c.batchSize(), topic, c.timestampDelay(), c.loginTimeout(), c.queryTimeout(),
                c.fetchSize(), c.transactionRows(), c.deletes(), c.deleteScanInterval());
    }

    private static void positive(String key, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new InvalidSettingException(key, d + " must be positive");
        }
    }

    /**
     * What incremental queries select from: the table itself when one is configured (so every database can use its
     * index on the position column for both the range and the order), else the query as a derived table.
     */
    public String fromClause() {
        return table.map(String::trim).orElse("(" + query + ")");
    }

    public boolean isSqlServer() {
        return jdbcUrl.startsWith("jdbc:sqlserver:");
    }

    @Override
    public String toString() {
        // never print the password
        return "SourceSettings[" + name + ", " + mode.configName() + ", " + jdbcUrl.split(";password=")[0] + ", topic " + topic + "]";
    }
}
