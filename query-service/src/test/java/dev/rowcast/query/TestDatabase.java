package dev.rowcast.query;

import org.h2.tools.Server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The test database: H2 in MSSQLServer mode, on disk in a temporary folder and served by H2's TCP server on a
 * loopback port, so a test can stop and restart "the database" under a running service. A stand-in for SQL
 * Server, named as such: no SQL Server engine runs on these machines.
 *
 * <p>Quarkus loads test classes in more than one class loader; the port and folder live in system properties and
 * every connection goes over TCP, so all of them see one database.
 */
public final class TestDatabase {

    public static final String H2_OPTIONS = ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE";
    private static final String PORT = "rowcasttest.h2.port";
    private static final String DIR = "rowcasttest.h2.dir";
    private static final String PASSWORD = "rowcast-test";

    private final int port;
    private final String dir;

    private TestDatabase(int port, String dir) {
        this.port = port;
        this.dir = dir;
    }

    public static TestDatabase get() {
        synchronized (System.getProperties()) {
            if (System.getProperty(PORT) == null) {
                try {
                    String dir = Files.createTempDirectory("rowcast-h2-").toString();
                    int port = dev.rowcast.testkit.Ports.free();
                    TestDatabase db = new TestDatabase(port, dir);
                    db.startServer();
                    System.setProperty(DIR, dir);
                    System.setProperty(PORT, Integer.toString(port));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new TestDatabase(Integer.getInteger(PORT), System.getProperty(DIR));
        }
    }

    /** The URL the service connects with. */
    public String url(String db) {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/" + db + H2_OPTIONS;
    }

    public Connection connect(String db) throws SQLException {
        return connectTo(url(db));
    }

    /** A connection by URL alone, as the test login: for a process that did not start the server (a benchmark's child). */
    public static Connection connectTo(String url) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "sa");
        props.setProperty("password", "");
        return new org.h2.Driver().connect(url, props);
    }

    public void execute(String db, String... statements) {
        try (Connection c = connect(db); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
        }
    }

    public void stopServer() {
        try {
            Server.shutdownTcpServer("tcp://127.0.0.1:" + port, PASSWORD, true, false);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot stop the H2 server", e);
        }
    }

    public void startServer() {
        SQLException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists", "-baseDir", dir, "-tcpPassword", PASSWORD).start();
                return;
            } catch (SQLException e) {
                last = e;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new IllegalStateException("H2 TCP server did not start on " + port, last);
    }
}
