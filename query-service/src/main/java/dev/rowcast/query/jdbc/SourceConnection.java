package dev.rowcast.query.jdbc;

import dev.rowcast.query.config.SourceSettings;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The connection of one source. A source polls one query at a time, so its pool holds one connection:
 * validated before each poll, opened again when it fails, with the source's login timeout.
 */
public final class SourceConnection implements AutoCloseable {

    private final SourceSettings settings;
    private final Dialect dialect;
    private Connection connection;

    public SourceConnection(SourceSettings settings, Dialect dialect) {
        this.settings = settings;
        this.dialect = dialect;
    }

    /** A connection that answered a validation within 5 s, opened anew if needed. */
    public Connection get() throws SQLException {
        if (connection != null) {
            boolean valid;
            try {
                valid = connection.isValid(5);
            } catch (SQLException e) {
                valid = false;
            }
            if (valid) {
                return connection;
            }
            close();
        }
        Properties props = new Properties();
        if (settings.username() != null) {
            props.setProperty("user", settings.username());
        }
        if (settings.password() != null) {
            props.setProperty("password", settings.password());
        }
        int loginSeconds = (int) Math.max(1, settings.loginTimeout().toSeconds());
        if (settings.isSqlServer()) {
            props.setProperty("loginTimeout", Integer.toString(loginSeconds));
            props.setProperty("applicationName", "rowcast-query-service/" + settings.name());
        }
        Connection c = dialect.driver().connect(settings.jdbcUrl(), props);
        if (c == null) {
            throw new SQLException("the driver does not accept " + settings.jdbcUrl(), "08001");
        }
        c.setReadOnly(true);
        c.setAutoCommit(true);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        connection = c;
        return c;
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // broken already
            }
            connection = null;
        }
    }
}
