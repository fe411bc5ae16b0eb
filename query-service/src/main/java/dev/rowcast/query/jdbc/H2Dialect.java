package dev.rowcast.query.jdbc;

import java.sql.Driver;

/**
 * H2 in MSSQLServer mode: the embedded default and the test database. H2 has no ROWVERSION; the stand-in is a
 * {@code BINARY(8)} column fed by a sequence on insert and update (see the README). H2 has no
 * {@code MIN_ACTIVE_ROWVERSION()} either, so on H2 the rowversion window has no upper bound.
 */
public final class H2Dialect implements Dialect {

    @Override
    public Driver driver() {
        return new org.h2.Driver();
    }

    @Override
    public String currentTimeQuery() {
        return "SELECT LOCALTIMESTAMP(9)";
    }

    @Override
    public String rowVersion(String from, String rvColumn, int limit, boolean fromStart) {
        String rv = "s." + quote(rvColumn);
        return "SELECT TOP (" + limit + ") * FROM " + from + " AS s"
                + (fromStart ? " WHERE " + rv + " IS NOT NULL" : " WHERE " + rv + " > ?") + " ORDER BY " + rv;
    }

    @Override
    public String count(String table) {
        return "SELECT COUNT(*) FROM " + table;
    }
}
