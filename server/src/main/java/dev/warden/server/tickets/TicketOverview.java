package dev.warden.server.tickets;

import dev.warden.core.cvss.Severity;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.PartnerScope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Figures about many tickets at once, each from one query, for the home page. */
@Service
public class TicketOverview {
    private final TicketRows rows;
    private final Clock clock;

    TicketOverview(TicketRows rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    /**
     * The open tickets the actor may see, counted in one pass over them, with the due dates of the next
     * {@code weeks} weeks.
     */
    @Transactional(readOnly = true)
    public OpenTickets open(int weeks, Actor actor) {
        if (weeks < 1 || weeks > 52) {
            throw new IllegalArgumentException("weeks must be 1 to 52: " + weeks);
        }
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            bySeverity.put(s.name(), 0L);
        }
        Map<String, Long> byStatus = new TreeMap<>();
        List<Long> byWeek = new ArrayList<>(Collections.nCopies(weeks, 0L));
        long overdue = 0;
        String partner = PartnerScope.of(null, actor).value();
        for (TicketRows.OpenCount c : rows.openCounts(partner, clock.instant(), weeks)) {
            bySeverity.merge(c.severity(), c.tickets(), Long::sum);
            byStatus.merge(c.status(), c.tickets(), Long::sum);
            if (c.week() < 0) {
                overdue += c.tickets();
            } else if (c.week() > 0) {
                byWeek.set(c.week() - 1, byWeek.get(c.week() - 1) + c.tickets());
            }
        }
        return new OpenTickets(bySeverity, overdue, byStatus, List.copyOf(byWeek));
    }
}
