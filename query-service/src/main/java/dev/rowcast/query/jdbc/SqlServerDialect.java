package dev.rowcast.query.jdbc;

import java.sql.Driver;

/** Microsoft SQL Server through mssql-jdbc. */
public final class SqlServerDialect implements Dialect {

    @Override
    public Driver driver() {
        return new com.microsoft.sqlserver.jdbc.SQLServerDriver();
    }

    @Override
    public String currentTimeQuery() {
        return "SELECT SYSDATETIME()";
    }

    /**
     * {@code rv < MIN_ACTIVE_ROWVERSION()}: a row written by a transaction still open has a rowversion at or above
     * it, so nothing is read past a transaction that may commit late; that row is read once it commits.
     */
    @Override
    public String rowVersion(String from, String rvColumn, int limit, boolean fromStart) {
        String rv = "s." + quote(rvColumn);
        return "SELECT TOP (" + limit + ") * FROM " + from + " AS s WHERE "
                + (fromStart ? "" : rv + " > ? AND ") + rv + " < MIN_ACTIVE_ROWVERSION() ORDER BY " + rv;
    }
}
