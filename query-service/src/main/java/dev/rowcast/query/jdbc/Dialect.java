package dev.rowcast.query.jdbc;

import java.sql.Driver;
import java.util.List;

/**
 * The SQL that differs between SQL Server and H2, in one place. Every incremental query selects from the source's
 * table, or its own SELECT as a derived table, aliased {@code s}, and orders by its position (and key).
 */
public interface Dialect {

    static Dialect forUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlserver:")) {
            return new SqlServerDialect();
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return new H2Dialect();
        }
        throw new IllegalArgumentException("no dialect for " + jdbcUrl);
    }

    /** The JDBC driver, loaded directly (not through DriverManager, whose class loader rules differ in Quarkus). */
    Driver driver();

    /** A query that returns the database's current local time at the precision of DATETIME2. */
    String currentTimeQuery();

    default String quote(String identifier) {
        return "[" + identifier.replace("]", "]]") + "]";
    }

    /** {@code position > ?}, ordered by position. */
    default String incrementing(String from, String positionColumn, int limit, boolean fromStart) {
        String col = "s." + quote(positionColumn);
        return "SELECT TOP (" + limit + ") * FROM " + from + " AS s"
                + (fromStart ? " WHERE " + col + " IS NOT NULL" : " WHERE " + col + " > ?")
                + " ORDER BY " + col;
    }

    /**
     * {@code ts < ?upper AND (ts, k1..kn) > (?ts, ?k1..?kn)}, ordered by ts then key: equal timestamps across a
     * batch boundary are neither lost nor repeated. Parameters: upper, then (unless from start) ts, ts, k1, k1, k2, ...
     */
    default String timestamp(String from, String tsColumn, List<String> key, int limit, boolean fromStart) {
        String ts = "s." + quote(tsColumn);
        StringBuilder sql = new StringBuilder("SELECT TOP (" + limit + ") * FROM " + from + " AS s WHERE " + ts + " < ?");
        if (!fromStart) {
            sql.append(" AND (").append(ts).append(" > ? OR (").append(ts).append(" = ? AND ").append(keyAfter(key, 0)).append("))");
        }
        sql.append(" ORDER BY ").append(ts);
        for (String k : key) {
            sql.append(", s.").append(quote(k));
        }
        return sql.toString();
    }

    /** (k_i..k_n) > (?..?) expanded lexicographically: k_i > ? OR (k_i = ? AND (...)). */
    private String keyAfter(List<String> key, int i) {
        String k = "s." + quote(key.get(i));
        if (i == key.size() - 1) {
            return k + " > ?";
        }
        return "(" + k + " > ? OR (" + k + " = ? AND " + keyAfter(key, i + 1) + "))";
    }

    /** Rowversion window; see each dialect for its upper bound. Parameter: the last rowversion (BINARY(8)). */
    String rowVersion(String from, String rvColumn, int limit, boolean fromStart);

    /** Only the key columns of every row, for delete detection by key scan. */
    default String keys(String from, List<String> key) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < key.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("s.").append(quote(key.get(i)));
        }
        return sql.append(" FROM ").append(from).append(" AS s").toString();
    }

    /** A cheap row count for progress reporting of a first load of a table. */
    default String count(String table) {
        return "SELECT COUNT_BIG(*) FROM " + table;
    }
}
