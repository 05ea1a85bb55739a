package dev.warden.server.jira;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.warden.server.notifications.Outbox;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Timestamps;
import dev.warden.server.tickets.TicketView;
import dev.warden.server.tickets.Tickets;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/**
 * The job {@code jira-poll}: every few minutes, the project's Warden issues updated since the last poll
 * (JQL, with a margin) are compared with their tickets, and what differs is taken or undone as if a
 * webhook had said so; this catches deliveries Jira never made. An issue whose push still waits in
 * the outbox is left alone: Jira is behind, not changed.
 */
@Configuration(proxyBeanMethods = false)
public class JiraPoll {
    private static final Actor ACTOR = Actor.system(JiraIssues.ACTOR);
    private static final Duration MARGIN = Duration.ofMinutes(2);
    private static final int LIMIT = 5000;

    /** What a poll found. */
    @Schema(name = "JiraPollResult")
    public record Result(
            boolean connected,
            int issues,
            int changed,
            @Nullable String error) {}

    private final JiraConnections connections;
    private final JiraRows rows;
    private final JiraSearch search;
    private final JiraInbound inbound;
    private final Tickets tickets;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration interval;

    JiraPoll(
            JiraConnections connections,
            JiraRows rows,
            JiraSearch search,
            JiraInbound inbound,
            Tickets tickets,
            Outbox outbox,
            Clock clock,
            @Value("${warden.jira.poll-interval:5m}") Duration interval) {
        this.connections = connections;
        this.rows = rows;
        this.search = search;
        this.inbound = inbound;
        this.tickets = tickets;
        this.outbox = outbox;
        this.clock = clock;
        this.interval = interval;
    }

    @Bean
    RecurringTask<Void> jiraPollTask() {
        return Tasks.recurring("jira-poll", FixedDelay.of(interval)).execute((instance, context) -> poll());
    }

    /** Polls once. */
    public Result poll() {
        Optional<JiraConnections.Connected> connected = connections.connected();
        if (connected.isEmpty()) {
            return new Result(false, 0, 0, null);
        }
        JiraConnections.Connected c = connected.get();
        Instant started = clock.instant();
        Instant since = Optional.ofNullable(Timestamps.instant(c.row().lastPollAt()))
                .orElse(started.minus(Duration.ofDays(1)))
                .minus(MARGIN);
        // Relative minutes, not a date: JQL reads dates in the Jira account's time zone.
        long minutes = Math.max(1, Duration.between(since, started).toMinutes() + 1);
        String jql = "project = \"" + c.row().projectKey() + "\" AND labels = \"warden\" AND updated >= -" + minutes
                + "m ORDER BY updated ASC";
        List<JsonNode> issues;
        try {
            issues = search.issues(c.client(), jql, List.of("status", "duedate", "priority", "comment"), LIMIT);
        } catch (JiraException e) {
            rows.error(String.valueOf(e.getMessage()), clock.instant());
            return new Result(true, 0, 0, e.getMessage());
        }
        int changed = 0;
        for (JsonNode issue : issues) {
            changed += compare(c, issue) ? 1 : 0;
        }
        rows.polled(started);
        return new Result(true, issues.size(), changed, null);
    }

    private boolean compare(JiraConnections.Connected c, JsonNode issue) {
        String id = issue.path("id").asString("");
        Optional<JiraRows.Link> link = rows.linkOfIssue(id);
        if (link.isEmpty()
                || outbox.waiting(Outbox.Channel.JIRA, "jira:" + link.get().ticketKey())) {
            return false;
        }
        JsonNode f = issue.path("fields");
        boolean commented = false;
        for (JsonNode comment : f.path("comment").path("comments")) {
            commented |= inbound.commentAdded(
                    id,
                    comment.path("id").asString(""),
                    comment.path("author").path("accountId").asString(null),
                    comment.path("author").path("displayName").asString("someone"),
                    Adf.text(comment.path("body")));
        }
        TicketView t =
                tickets.get(dev.warden.core.tickets.TicketKey.of(link.get().ticketKey()), ACTOR);
        List<JiraInbound.Change> changes = new ArrayList<>();
        String status = f.path("status").path("name").asString("");
        if (!status.isEmpty() && !status.equalsIgnoreCase(c.mappings().status(t.status()))) {
            changes.add(new JiraInbound.Change("status", null, status));
        }
        String due = f.path("duedate").asString("");
        if (!due.equals(JiraIssues.dueDate(t))) {
            changes.add(new JiraInbound.Change("duedate", null, due));
        }
        String priority = f.path("priority").path("name").asString("");
        if (!priority.equalsIgnoreCase(c.mappings().priority(t.severity()))) {
            changes.add(new JiraInbound.Change("priority", null, priority));
        }
        if (changes.isEmpty()) {
            return commented;
        }
        inbound.issueChanged(
                id, null, "someone in Jira (found by the poll)", changes, "poll:" + clock.millis() + ":" + id);
        return true;
    }
}
