package dev.rowcast.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The demo's database: H2 in MSSQLServer mode on disk, an orders table with a rowversion stand-in (H2 has no
 * ROWVERSION: a BINARY(8) fed by a sequence on insert and on update behaves the same for rowcast).
 */
public final class DemoDatabase {

    public static final String OPTIONS = ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE";
    static final String[] REGIONS = {"North", "South", "East", "West"};
    static final String[] CUSTOMERS = {"Ada Lovelace", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov", "Donald Knuth",
            "Frances Allen", "Alan Kay", "Margaret Hamilton", "Ken Thompson", "Radia Perlman"};

    private DemoDatabase() {
    }

    public static String url(int port) {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/shop" + OPTIONS;
    }

    public static Connection connect(String url) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        return new org.h2.Driver().connect(url, p);
    }

    /** Creates the schema and a few orders, unless they exist. */
    public static void prepare(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SEQUENCE IF NOT EXISTS rv_seq");
            st.execute("CREATE TABLE IF NOT EXISTS Orders ("
                    + " OrderId INT IDENTITY PRIMARY KEY,"
                    + " Customer NVARCHAR(100) NOT NULL,"
                    + " Region NVARCHAR(20) NOT NULL,"
                    + " Amount DECIMAL(19,2) NOT NULL,"
                    + " Status NVARCHAR(20) NOT NULL,"
                    + " UpdatedAt DATETIME2(7) NOT NULL DEFAULT LOCALTIMESTAMP(7),"
                    + " RV BINARY(8) DEFAULT CAST(NEXT VALUE FOR rv_seq AS BINARY(8)) ON UPDATE CAST(NEXT VALUE FOR rv_seq AS BINARY(8)))");
            try (var rs = st.executeQuery("SELECT COUNT(*) FROM Orders")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    for (int i = 0; i < 40; i++) {
                        st.execute("INSERT INTO Orders (Customer, Region, Amount, Status) VALUES ('" + CUSTOMERS[i % CUSTOMERS.length] + "', '"
                                + REGIONS[i % REGIONS.length] + "', " + (10 + i * 7.25) + ", 'new')");
                    }
                }
            }
        }
    }

    /** The demo's two sources: orders read by rowversion (a page per order), and a report in snapshot mode (one table). */
    public static java.util.Map<String, String> sources(String url, String interval) {
        java.util.Map<String, String> c = new java.util.LinkedHashMap<>();
        String o = "rowcast.sources.orders.";
        c.put(o + "jdbc-url", url);
        c.put(o + "username", "sa");
        c.put(o + "table", "Orders");
        c.put(o + "key", "OrderId");
        c.put(o + "mode", "rowversion");
        c.put(o + "position-column", "RV");
        c.put(o + "interval", interval);
        c.put(o + "deletes", "key-scan");
        c.put(o + "delete-scan-interval", interval);
        String r = "rowcast.sources.regions.";
        c.put(r + "jdbc-url", url);
        c.put(r + "username", "sa");
        c.put(r + "query", "SELECT Region, COUNT(*) AS Orders, SUM(Amount) AS Total FROM Orders GROUP BY Region");
        c.put(r + "key", "Region");
        c.put(r + "mode", "snapshot");
        c.put(r + "interval", interval);
        return c;
    }
}
