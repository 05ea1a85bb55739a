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

    /**
     * Whether a table named {@code table} exists, as named or in capitals (how H2 without {@code
     * DATABASE_TO_LOWER} keeps names): for code that runs before the migrations may have made it.
     */
    public static boolean tableExists(Connection connection, String table) throws SQLException {
        for (String name : new String[] {table, table.toUpperCase(java.util.Locale.ROOT)}) {
            try (java.sql.ResultSet tables = connection.getMetaData().getTables(null, null, name, null)) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code connection} is to H2 (otherwise PostgreSQL). */
    public static boolean isH2(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().equals("H2");
    }
}
