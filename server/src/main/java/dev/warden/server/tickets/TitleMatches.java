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
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
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
 * already read leaves them out, so on a difference that a second look (for tickets committed meanwhile)
 * does not settle, the search reads the table as before and every title is read again in the
 * background. Tickets are never deleted. No lock is held while the database is read.
 *
 * <p>A search matching more than {@link #LIMIT} titles is left to the database: so many matches are
 * usually found quickly in the list's own order (not when they lie far down it; its count then reads to
 * the count limit, once, see docs/benchmarks.md). The titles take about their length plus the key's, in bytes
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
    private final AtomicBoolean reading = new AtomicBoolean();

    /** The titles held; null until first read. Replaced whole by a new reading. */
    private volatile @Nullable Titles titles;

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

    /**
     * Reads every title as the server starts serving, in the background; searches ask the database until
     * then. Not for a command run without the web side ({@code ./warden import}), which stops right after.
     */
    @EventListener(WebServerInitializedEvent.class)
    void readAhead() {
        if (enabled && titles == null) {
            readAllInBackground();
        }
    }

    /** Whether the titles are held or being read (for the tests). */
    boolean started() {
        return titles != null || reading.get();
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
        Titles held = titles;
        if (held == null) { // not read yet, or the reading failed: read them (again)
            readAllInBackground();
            return null;
        }
        String q = text.trim().toLowerCase(Locale.ROOT); // as SqlFilter.contains writes the like
        if (q.indexOf('\t') >= 0 || q.indexOf('\n') >= 0) {
            return null;
        }
        // Twice: a ticket committed between reading what was added and counting is no reason to read all.
        for (int attempt = 0; attempt < 2; attempt++) {
            if (!held.readAdded(rows)) {
                break;
            }
            // Every title held was committed before the table was counted: the same number means all of them.
            long count = held.count();
            if (count == rows.count()) {
                return held.search(q, count);
            }
        }
        readAllInBackground();
        return null;
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
                        titles = read;
                        log.info(
                                "Read {} ticket titles ({} characters) for the title search in {} ms",
                                read.count(),
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

    /**
     * Blocks of {@code KEY<tab>title<newline>} lines and the last row number read. Rows are read from the
     * database with no lock held and added under the write lock; searches hold the read lock.
     */
    private static final class Titles {
        private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        private final List<String> blocks = new ArrayList<>();
        private final Cache<String, Found> recent = Caffeine.newBuilder()
                .maximumSize(256)
                .expireAfterWrite(Duration.ofMinutes(1))
                .build();
        private StringBuilder open = new StringBuilder();
        private @Nullable String openCopy;
        private long lastRow = Long.MIN_VALUE;
        private long count;

        /** What one search found, with how many titles were held then. */
        private record Found(long held, @Nullable List<String> keys) {}

        private record Line(long row, String key, String title) {}

        /** Reads up to one batch of the titles added since the last; true when that was all of them. */
        boolean readAdded(TitleRows rows) {
            long from;
            lock.readLock().lock();
            try {
                from = lastRow;
            } finally {
                lock.readLock().unlock();
            }
            List<Line> read = new ArrayList<>();
            rows.after(from, BATCH, (row, key, title) -> read.add(new Line(row, key, title)));
            if (!read.isEmpty()) {
                lock.writeLock().lock();
                try {
                    for (Line line : read) {
                        if (line.row() > lastRow) { // not added meanwhile by another search
                            lastRow = line.row();
                            add(line.key(), line.title());
                        }
                    }
                } finally {
                    lock.writeLock().unlock();
                }
            }
            return read.size() < BATCH;
        }

        private void add(String key, String title) {
            // Lower-cased in the JVM's locale as H2's lower() does, so a line holds exactly what the like reads.
            String lower =
                    title.toLowerCase(Locale.getDefault()).replace('\t', ' ').replace('\n', ' ');
            open.append(key).append('\t').append(lower).append('\n');
            openCopy = null;
            count++;
            if (open.length() >= BLOCK) {
                blocks.add(open.toString());
                open = new StringBuilder();
            }
        }

        long count() {
            lock.readLock().lock();
            try {
                return count;
            } finally {
                lock.readLock().unlock();
            }
        }

        /** How many characters the lines take: a byte each where they are Latin-1, two otherwise. */
        long characters() {
            lock.readLock().lock();
            try {
                return blocks.stream().mapToLong(String::length).sum() + open.length();
            } finally {
                lock.readLock().unlock();
            }
        }

        /**
         * The keys of the lines whose titles contain {@code q}, or null when more than {@link #LIMIT}:
         * among the first {@code held} lines, the titles known to be all the table's.
         */
        @Nullable
        List<String> search(String q, long held) {
            Found found = recent.getIfPresent(q);
            if (found != null && found.held() == held) {
                return found.keys();
            }
            List<String> keys = new ArrayList<>();
            boolean all;
            lock.readLock().lock();
            try {
                all = searchAll(q, keys);
            } finally {
                lock.readLock().unlock();
            }
            found = new Found(held, all ? keys : null);
            recent.put(q, found);
            return found.keys();
        }

        private boolean searchAll(String q, List<String> keys) {
            for (String block : blocks) {
                if (!search(block, q, keys)) {
                    return false;
                }
            }
            String last = openCopy;
            if (last == null) {
                last = open.toString();
                openCopy = last;
            }
            return search(last, q, keys);
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
