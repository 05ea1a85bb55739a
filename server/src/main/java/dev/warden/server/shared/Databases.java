package dev.warden.server.shared;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Which database Warden runs on, for the few queries each plans best in its own way. */
public final class Databases {
    private Databases() {}

    /** Whether {@code dataSource} is H2 (otherwise PostgreSQL). */
    public static boolean isH2(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return isH2(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database this is", e);
        }
    }

    /** Whether {@code connection} is to H2 (otherwise PostgreSQL). */
    public static boolean isH2(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().equals("H2");
    }
}
