package dev.warden.server.tickets;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tickets' titles in H2's row order, for {@link TitleMatches}. H2 only: it reads {@code _rowid_}. */
@Repository
class TitleRows {
    private final JdbcClient jdbc;

    TitleRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One ticket's title, with the number H2 gave its row. */
    interface Title {
        void take(long row, String key, String title);
    }

    /** How many tickets there are; H2 keeps this count, so no row is read. */
    long count() {
        return jdbc.sql("select count(*) from tickets").query(Long.class).single();
    }

    /** Hands up to {@code limit} titles of rows numbered after {@code row}, in order, to {@code each}. */
    int after(long row, int limit, Title each) {
        int[] read = {0};
        jdbc.sql("select _rowid_, ticket_key, title from tickets where _rowid_ > :row order by _rowid_ limit " + limit)
                .param("row", row)
                .query(rs -> {
                    each.take(rs.getLong(1), rs.getString(2), rs.getString(3));
                    read[0]++;
                });
        return read[0];
    }
}
