package dev.warden.server;

import dev.warden.server.shared.Databases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.stereotype.Component;

/**
 * Accepts the one edit ever made to a merged migration: the header comment of V6, which named a file
 * outside the repository, was reworded; no statement changed. A database migrated before that edit
 * keeps V6's old checksum, on which Flyway's validation would refuse to start. Before validating, this
 * moves that exact stored checksum, and no other, to the new one. Any other mismatch still stops the
 * server, as it should.
 */
@Component
class MigrationChecksums implements Callback {
    static final String VERSION = "6";
    /** Flyway's CRC32 of V6 as merged, and as it is now. */
    static final int BEFORE = 424_000_509;

    static final int AFTER = -422_561_789;

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_VALIDATE || event == Event.BEFORE_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        String table = context.getConfiguration().getTable();
        Connection connection = context.getConnection();
        try {
            if (!Databases.tableExists(connection, table)) {
                return; // a new database: nothing migrated yet
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "update " + table + " set checksum = ? where version = ? and checksum = ?")) {
                update.setInt(1, AFTER);
                update.setString(2, VERSION);
                update.setInt(3, BEFORE);
                update.executeUpdate();
            }
        } catch (SQLException e) {
            throw new FlywayException("could not accept V" + VERSION + "'s reworded comment: " + e.getMessage(), e);
        }
    }

    @Override
    public String getCallbackName() {
        return "migration-checksums";
    }
}
