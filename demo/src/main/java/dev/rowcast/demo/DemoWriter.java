package dev.rowcast.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The demo's "application": keeps inserting, updating and deleting orders, {@code rate} changes per second.
 * Run as its own process: {@code DemoWriter <jdbc-url> <rate>}.
 */
public final class DemoWriter {

    private DemoWriter() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        double rate = Double.parseDouble(args[1]);
        long parent = args.length > 2 ? Long.parseLong(args[2]) : -1;
        if (parent > 0) {
            ProcessHandle.of(parent).ifPresentOrElse(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(0)),
                    () -> Runtime.getRuntime().halt(0));
        }
        try (Connection c = DemoDatabase.connect(url)) {
            DemoDatabase.prepare(c);
            if (rate <= 0) {
                Thread.sleep(Long.MAX_VALUE);
            }
            long periodNanos = (long) (1e9 / rate);
            long next = System.nanoTime();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (true) {
                int dice = random.nextInt(100);
                if (dice < 45) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO Orders (Customer, Region, Amount, Status) VALUES (?, ?, ?, 'new')")) {
                        ps.setString(1, DemoDatabase.CUSTOMERS[random.nextInt(DemoDatabase.CUSTOMERS.length)]);
                        ps.setString(2, DemoDatabase.REGIONS[random.nextInt(DemoDatabase.REGIONS.length)]);
                        ps.setBigDecimal(3, java.math.BigDecimal.valueOf(random.nextInt(100, 100_000), 2));
                        ps.executeUpdate();
                    }
                } else if (dice < 90) {
                    try (Statement st = c.createStatement()) {
                        String[] statuses = {"paid", "packed", "shipped", "delivered"};
                        st.executeUpdate("UPDATE Orders SET Status = '" + statuses[random.nextInt(statuses.length)]
                                + "', Amount = Amount + 1, UpdatedAt = LOCALTIMESTAMP(7) WHERE OrderId = (SELECT TOP 1 OrderId FROM Orders ORDER BY RAND())");
                    }
                } else {
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM Orders")) {
                        rs.next();
                        if (rs.getLong(1) > 20) {
                            st.executeUpdate("DELETE FROM Orders WHERE OrderId = (SELECT MIN(OrderId) FROM Orders)");
                        }
                    }
                }
                next += periodNanos;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
        }
    }
}
