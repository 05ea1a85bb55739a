package dev.warden.server.bugcrowd;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.warden.server.shared.JsonHttp;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The job {@code bugcrowd-pull}: every few minutes, every submission of every linked program is read
 * from Bugcrowd's REST API (newest first, 100 a page, up to the 10,000 Bugcrowd lets a query page
 * through) and applied to its ticket (see {@link BugcrowdTickets}). Each submission is applied in its
 * own transaction under a lock on its row, so two pulls at once (the job and a "pull now") open one
 * ticket, not two; a submission that cannot be applied is kept with the reason, and tried again on the
 * next pull. A pull that Bugcrowd stops (a refused token, more waiting than the budget allows) records
 * the error and ends; what it did not read is read on the next one.
 */
@Configuration(proxyBeanMethods = false)
public class BugcrowdPull {
    private static final Logger log = LoggerFactory.getLogger(BugcrowdPull.class);
    static final int PAGE = 100;
    static final int MAX_OFFSET = 9900;

    /** What a pull did. */
    @Schema(name = "BugcrowdPullResult")
    public record Result(
            boolean connected,
            int programs,
            int submissions,
            int opened,
            int changed,
            int waiting,
            int throttled,
            List<String> errors) {}

    private final BugcrowdConnections connections;
    private final BugcrowdRows rows;
    private final BugcrowdTickets tickets;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration interval;

    BugcrowdPull(
            BugcrowdConnections connections,
            BugcrowdRows rows,
            BugcrowdTickets tickets,
            PlatformTransactionManager transactions,
            Clock clock,
            @Value("${warden.bugcrowd.pull-interval:10m}") Duration interval) {
        this.connections = connections;
        this.rows = rows;
        this.tickets = tickets;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.interval = interval;
    }

    @Bean
    RecurringTask<Void> bugcrowdPullTask() {
        return Tasks.recurring("bugcrowd-pull", FixedDelay.of(interval)).execute((instance, context) -> pull());
    }

    /** Pulls once. */
    public Result pull() {
        Optional<BugcrowdClient> connected = connections.client();
        if (connected.isEmpty()) {
            return new Result(false, 0, 0, 0, 0, 0, 0, List.of());
        }
        BugcrowdClient client = connected.get();
        Instant started = clock.instant();
        int[] counts = new int[4]; // submissions, opened, changed, waiting
        List<String> errors = new ArrayList<>();
        List<BugcrowdRows.Program> links = rows.programs();
        for (BugcrowdRows.Program link : links) {
            try {
                pullProgram(client, link, counts);
                rows.programPulled(link.code(), clock.instant());
            } catch (JsonHttp.Failure f) {
                String error = "program " + link.code() + ": " + f.getMessage();
                errors.add(error);
                if (f.status == 401 || f.status == 403 || f.retryable) {
                    break; // the token, or Bugcrowd itself: the other programs would fail alike
                }
            }
        }
        if (errors.isEmpty()) {
            rows.pulled(started);
        } else {
            rows.error(String.join("; ", errors), clock.instant());
            log.warn("Bugcrowd pull: {}", String.join("; ", errors));
        }
        return new Result(true, links.size(), counts[0], counts[1], counts[2], counts[3], client.throttled(), errors);
    }

    private void pullProgram(BugcrowdClient client, BugcrowdRows.Program link, int[] counts) throws JsonHttp.Failure {
        for (int offset = 0; offset <= MAX_OFFSET; offset += PAGE) {
            Map<String, String> query = new LinkedHashMap<>(fields());
            query.put("filter[program]", link.code());
            query.put("sort", "submitted-desc");
            query.put("page[limit]", String.valueOf(PAGE));
            query.put("page[offset]", String.valueOf(offset));
            JsonNode page = client.get("/submissions", query);
            BugcrowdPage.Parsed parsed = BugcrowdPage.parse(page);
            for (BugcrowdPage.Seen seen : parsed.submissions()) {
                BugcrowdTickets.Outcome outcome = apply(link, seen);
                counts[0]++;
                counts[1] += outcome.created() ? 1 : 0;
                counts[2] += !outcome.created() && outcome.actions() > 0 ? 1 : 0;
                counts[3] += outcome.problem() != null ? 1 : 0;
            }
            if (!parsed.skipped().isEmpty()) {
                log.warn(
                        "Bugcrowd program {}: skipped submissions without an id or a submission time: {}",
                        link.code(),
                        parsed.skipped());
            }
            if (parsed.submissions().size() + parsed.skipped().size() < PAGE) {
                return;
            }
        }
    }

    /** The fields and included resources Warden asks of a submission. */
    static Map<String, String> fields() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("fields[submission]", BugcrowdPage.SUBMISSION_FIELDS);
        query.put("fields[target]", "name");
        query.put("fields[cvss_vector]", "score");
        query.put("fields[monetary_reward]", "amount_cents,rewarded_at,created_at,cancelled_at");
        query.put("include", BugcrowdPage.INCLUDE);
        return query;
    }

    /** Applies one submission in its own transaction, holding its row's lock. */
    BugcrowdTickets.Outcome apply(BugcrowdRows.Program link, BugcrowdPage.Seen seen) {
        ensureRow(link, seen);
        try {
            return Objects.requireNonNull(transaction.execute(tx -> {
                BugcrowdRows.Submission old = rows.locked(seen.id()).orElseThrow();
                BugcrowdTickets.Outcome outcome = tickets.apply(link, seen, old);
                rows.upsert(row(link, seen, outcome.ticketKey(), outcome.problem()));
                return outcome;
            }));
        } catch (RuntimeException e) {
            String problem = "could not be applied: " + e.getMessage();
            log.warn("Bugcrowd submission {} of {} {}", seen.id(), link.code(), problem);
            String key = rows.ticketOf(seen.id()).orElse(null);
            transaction.executeWithoutResult(tx -> rows.problem(seen.id(), clip(problem)));
            return new BugcrowdTickets.Outcome(key, false, 0, problem);
        }
    }

    /** The submission's row exists before it is locked: a first sight writes it, without a ticket. */
    private void ensureRow(BugcrowdRows.Program link, BugcrowdPage.Seen seen) {
        if (rows.submission(seen.id()).isPresent()) {
            return;
        }
        try {
            transaction.executeWithoutResult(tx -> rows.insert(row(link, seen, null, "not applied yet")));
        } catch (DuplicateKeyException e) {
            // another pull wrote it first; the lock orders the two
        }
    }

    private BugcrowdRows.Submission row(
            BugcrowdRows.Program link, BugcrowdPage.Seen s, @Nullable String ticket, @Nullable String problem) {
        return new BugcrowdRows.Submission(
                s.id(),
                link.code(),
                ticket,
                s.title(),
                s.state(),
                s.priority(),
                s.cvssScore(),
                s.target(),
                s.duplicate(),
                s.duplicateOf(),
                Objects.requireNonNull(BugcrowdRows.at(s.submittedAt())),
                BugcrowdRows.at(s.triagedAt()),
                BugcrowdRows.at(s.decidedAt()),
                BugcrowdRows.at(s.resolvedAt()),
                BugcrowdRows.at(s.firstRewardAt()),
                BugcrowdRows.at(s.lastRewardAt()),
                s.rewardsCents(),
                problem == null ? null : clip(problem),
                Objects.requireNonNull(BugcrowdRows.at(clock.instant())));
    }

    private static String clip(String s) {
        return s.length() > 500 ? s.substring(0, 499) + "…" : s;
    }
}
