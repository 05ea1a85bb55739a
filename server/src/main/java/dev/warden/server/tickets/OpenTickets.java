package dev.warden.server.tickets;

import java.util.List;
import java.util.Map;

/**
 * The open tickets at a glance, as the home page shows them: how many of each severity, how many are
 * overdue, how many wait in each status, and how many fall due in each of the coming weeks.
 *
 * @param bySeverity open tickets per severity, every severity present (zero when none)
 * @param overdue open tickets whose due date has passed
 * @param byStatus open tickets per status, only the statuses that have some
 * @param dueByWeek open tickets not overdue that fall due in week 1, 2, … from now (7-day windows)
 */
public record OpenTickets(
        Map<String, Long> bySeverity, long overdue, Map<String, Long> byStatus, List<Long> dueByWeek) {

    public long inStatus(String status) {
        return byStatus.getOrDefault(status, 0L);
    }
}
