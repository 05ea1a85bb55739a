package dev.warden.server.snapshot;

import dev.warden.server.shared.Databases;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Whether a streamed import sets the filled tables' plain indexes aside while it writes, and creating
 * them again (ADR 025). On H2, a million tickets inserted through thirteen such indexes rewrote index
 * pages all over the file: the import took ten minutes and the file grew to 37 GB. Without them the rows
 * go in several times as fast, and creating each index afterwards from the stored rows takes seconds.
 *
 * <p>Only where nothing else uses the database meanwhile: H2, held by this process ({@code ./warden
 * import} without a running server), for a document of at least {@code
 * warden.import.set-aside-indexes-from} tickets (default 50,000) and at least as many as are stored
 * already (creating an index reads every stored row). As a Flyway callback, it also creates again, before
 * anything migrates, whatever an import that did not finish left set aside.
 */
@Component
class ImportIndexes implements Callback {
    private static final Logger log = LoggerFactory.getLogger(ImportIndexes.class);

    private final SetAsideIndexRows rows;
    private final DataSource dataSource;
    private final Clock clock;
    private final int from;

    ImportIndexes(
            SetAsideIndexRows rows,
            DataSource dataSource,
            Clock clock,
            @Value("${warden.import.set-aside-indexes-from:50000}") int from) {
        this.rows = rows;
        this.dataSource = dataSource;
        this.clock = clock;
        this.from = from;
    }

    /**
     * Sets the indexes aside for an import of {@code tickets} tickets into a database this process holds,
     * when it pays; the names set aside, to hand to {@link #restore}. A failure leaves them in place.
     */
    List<String> setAsideFor(int tickets, Consumer<String> progress) {
        if (tickets < from || !Databases.isH2(dataSource)) {
            return List.of();
        }
        try {
            if (tickets < rows.tickets()) {
                return List.of();
            }
            List<String> names = rows.setAside(clock.instant());
            if (!names.isEmpty()) {
                progress.accept("set aside " + names.size() + " indexes of "
                        + String.join(", ", SetAsideIndexRows.TABLES) + " while writing; they are created again"
                        + " after it");
            }
            return names;
        } catch (SQLException e) {
            progress.accept("writing through the indexes: setting them aside failed (" + e.getMessage() + ")");
            try {
                rows.restore();
            } catch (SQLException again) {
                progress.accept(
                        "the next start of Warden creates again what was set aside (" + again.getMessage() + ")");
            }
            return List.of();
        }
    }

    /**
     * Creates again what {@link #setAsideFor} set aside, whether the import was written or not. A failure
     * is said and left for the next start, which creates them before anything else.
     */
    void restore(List<String> setAside, Consumer<String> progress) {
        if (setAside.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        try {
            List<String> created = rows.restore();
            progress.accept(String.format(
                    Locale.ROOT,
                    "created the %d indexes again in %.1f s",
                    created.size(),
                    (System.nanoTime() - started) / 1e9));
        } catch (SQLException e) {
            progress.accept("creating the indexes again failed (" + e.getMessage() + "); the next start of"
                    + " Warden creates them before anything else");
        }
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return false;
    }

    /**
     * Before migrating: the indexes an import that did not finish left set aside (its process was
     * stopped, or could not create them), created again so that every migration finds the schema it
     * expects. A failure is logged, not fatal: the lists are slower without them, never wrong.
     */
    @Override
    public void handle(Event event, Context context) {
        Connection c = context.getConnection();
        try {
            if (!Databases.tableExists(c, "set_aside_indexes")) {
                return;
            }
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            try {
                long started = System.nanoTime();
                List<String> created = SetAsideIndexRows.restore(c);
                if (!created.isEmpty()) {
                    log.info(
                            "Created again {} indexes an import that did not finish had set aside, in {} ms: {}",
                            created.size(),
                            (System.nanoTime() - started) / 1_000_000,
                            created);
                }
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            log.warn(
                    "Could not create again the indexes an import left set aside ({}); lists are slower"
                            + " until the next start creates them",
                    e.getMessage());
        }
    }

    @Override
    public String getCallbackName() {
        return "set-aside-indexes";
    }
}
