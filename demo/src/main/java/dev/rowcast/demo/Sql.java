package dev.rowcast.demo;

import java.sql.Connection;
import java.sql.Statement;

/** Runs SQL statements against a database: {@code Sql <jdbc-url> <statement>...}. A small tool for scripts and tests. */
public final class Sql {
    private Sql() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DemoDatabase.connect(args[0]); Statement st = c.createStatement()) {
            for (int i = 1; i < args.length; i++) {
                st.execute(args[i]);
            }
        }
    }
}
