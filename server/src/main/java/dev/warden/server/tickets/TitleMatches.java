package dev.warden.server.tickets;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.warden.server.shared.Databases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.stereotype.Component;

/**
 * On H2, the tickets' titles held in memory, so that the title search ({@code q=}) finds its tickets
 * without H2 reading every row: H2 has no index for a substring, and at a million tickets reading every
 * title took 5 to 7 seconds. The list then reads the tickets found here by key and checks their titles
 * again in SQL, so it shows exactly what the database's own {@code like} selects: the titles here only
 * narrow what is read. PostgreSQL has its trigram index instead ({@link TitleSearchIndex}).
 *
 * <p>Kept current from the database, not from this process's writes, so that tickets imported by another
 * process sharing the file ({@code ./warden import} beside a running server) are found too. Before each
 * search the titles added since are read: H2 numbers a table's rows in the order they are added and keeps
 * the number when a row changes, and a ticket's title never changes. Then the titles held are counted
 * against the table's rows (a count H2 keeps): a transaction that committed rows numbered below some
 * already read leaves them out, so on any difference the search reads the table as before and every
 * title is read again in the background. Tickets are never deleted.
 *
 * <p>A search matching more than {@link #LIMIT} titles is left to the database: so many matches are
 * found quickly in the list's own order. The titles take about their length plus the key's, in bytes
 * where they are Latin-1 (docs/benchmarks.md has the figure at a million tickets).
 */
@Component
public class TitleMatches {
    private static final Logger log = LoggerFactory.getLogger(TitleMatches.class);

    /** The most tickets a search is narrowed to; one more is "too many, ask the database". */
    static final int LIMIT = 10_000;

    /** Titles read from the database at a time. */
    private static final int BATCH = 50_000;

    /** Characters in one block of titles: each line {@code KEY<tab>title}, lower-cased as H2 does. */
    private static final int BLOCK = 1 << 18;

    private final TitleRows rows;
    private final boolean enabled;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicBoolean reading = new AtomicBoolean();
    private final Cache<String, Found> recent = Caffeine.newBuilder()
            .maximumSize(256)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    /** The titles held; null until first read. Replaced whole by a new reading, changed under the lock. */
    private @Nullable Titles titles;

    TitleMatches(
            TitleRows rows,
            DataSource dataSource,
            @Value("${warden.tickets.titles-in-memory:true}") boolean titlesInMemory) {
        this.rows = rows;
        this.enabled = titlesInMemory && Databases.isH2(dataSource);
    }

    /**
     * Where the list reads its tickets from for a search of {@code text}: the table, or the tickets whose
     * titles matched, by key.
     */
    Source source(@Nullable String text) {
        List<String> keys = matching(text);
        if (keys == null) {
            return Source.TABLE;
        }
        SqlTypeValue array = (ps, index, type, name) ->
                ps.setArray(index, ps.getConnection().createArrayOf("varchar", keys.toArray()));
        return new Source(
                " from unnest(:titleMatches) title_match(k) join tickets on ticket_key = title_match.k",
                Map.of("titleMatches", array));
    }

    /** A FROM clause with its parameters; {@link #TABLE} for every ticket. */
    record Source(String from, Map<String, Object> params) {
        static final Source TABLE = new Source(" from tickets", Map.of());

        boolean table() {
            return params.isEmpty();
        }
    }

    /** What one search found, for the titles held at the time. */
    private record Found(long held, @Nullable List<String> keys) {}

    /** Reads every title as the server starts, in the background; searches ask the database until then. */
    @EventListener(ApplicationReadyEvent.class)
    void readAhead() {
        if (enabled) {
            readAllInBackground();
        }
    }

    /**
     * The keys of the tickets whose titles contain {@code text} as the list's {@code like} reads it
     * (trimmed, lower-cased), or null when the database should search: not H2, the titles not yet
     * read or not all held, or more than {@link #LIMIT} matches.
     */
    @Nullable
    List<String> matching(@Nullable String text) {
        if (!enabled || text == null || text.isBlank()) {
            return null;
        }
        String q = text.trim().toLowerCase(Locale.ROOT); // as SqlFilter.contains writes the like
        if (q.indexOf('\t') >= 0 || q.indexOf('\n') >= 0) {
            return null;
        }
        Titles held;
        lock.writeLock().lock();
        try {
            held = titles;
            if (held == null || !held.readAdded(rows) || held.count != rows.count()) {
                readAllInBackground();
                return null;
            }
            lock.readLock().lock();
        } finally {
            lock.writeLock().unlock();
        }
        try {
            long count = held.count;
            Found found = recent.getIfPresent(q);
            if (found == null || found.held() != count) {
                found = new Found(count, held.search(q));
                recent.put(q, found);
            }
            return found.keys();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Reads every title anew, once at a time, and puts the result in place of what is held. */
    private void readAllInBackground() {
        if (!reading.compareAndSet(false, true)) {
            return;
        }
        Thread reader = new Thread(
                () -> {
                    try {
                        long started = System.nanoTime();
                        Titles read = new Titles();
                        while (!read.readAdded(rows)) {
                            // another batch
                        }
                        lock.writeLock().lock();
                        try {
                            titles = read;
                            recent.invalidateAll();
                        } finally {
                            lock.writeLock().unlock();
                        }
                        log.info(
                                "Read {} ticket titles ({} characters) for the title search in {} ms",
                                read.count,
                                read.characters(),
                                (System.nanoTime() - started) / 1_000_000);
                    } catch (RuntimeException e) {
                        log.warn("Reading the tickets' titles failed; the title search reads the table", e);
                    } finally {
                        reading.set(false);
                    }
                },
                "warden-title-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Blocks of {@code KEY<tab>title<newline>} lines, and the last row number read. */
    private static final class Titles {
        private final List<String> blocks = new ArrayList<>();
        private StringBuilder open = new StringBuilder();
        private @Nullable String openSealed;
        private long lastRow = Long.MIN_VALUE;
        private long count;

        /** Reads up to one batch of the titles added since the last; true when that was all of them. */
        boolean readAdded(TitleRows rows) {
            return rows.after(lastRow, BATCH, (row, key, title) -> {
                        lastRow = row;
                        add(key, title);
                    })
                    < BATCH;
        }

        private void add(String key, String title) {
            // Lower-cased in the JVM's locale as H2's lower() does, so a line holds exactly what the like reads.
            String lower =
                    title.toLowerCase(Locale.getDefault()).replace('\t', ' ').replace('\n', ' ');
            open.append(key).append('\t').append(lower).append('\n');
            openSealed = null;
            count++;
            if (open.length() >= BLOCK) {
                blocks.add(open.toString());
                open = new StringBuilder();
            }
        }

        /** How many characters the lines take: a byte each where they are Latin-1, two otherwise. */
        long characters() {
            return blocks.stream().mapToLong(String::length).sum() + open.length();
        }

        /** The keys of the lines whose titles contain {@code q}, or null when more than {@link #LIMIT}. */
        @Nullable
        List<String> search(String q) {
            List<String> keys = new ArrayList<>();
            for (String block : blocks) {
                if (!search(block, q, keys)) {
                    return null;
                }
            }
            String last = openSealed;
            if (last == null) {
                last = open.toString();
                openSealed = last;
            }
            return search(last, q, keys) ? keys : null;
        }

        private static boolean search(String block, String q, List<String> keys) {
            int at = block.indexOf(q);
            while (at >= 0) {
                int line = block.lastIndexOf('\n', at) + 1;
                int tab = block.indexOf('\t', line);
                if (at > tab) {
                    if (keys.size() == LIMIT) {
                        return false;
                    }
                    keys.add(block.substring(line, tab));
                    at = block.indexOf(q, block.indexOf('\n', at) + 1);
                } else {
                    at = block.indexOf(q, tab + 1);
                }
            }
            return true;
        }
    }
}
