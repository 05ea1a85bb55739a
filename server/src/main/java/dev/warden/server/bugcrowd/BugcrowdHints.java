package dev.warden.server.bugcrowd;

import dev.warden.server.shared.JsonHttp;
import dev.warden.server.shared.Shutdowns;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * What Bugcrowd's webhook deliveries say, taken as hints, never as facts: each submission a delivery
 * names is read again from Bugcrowd's REST API with Warden's own token and applied as a pull would
 * (docs/bugcrowd.md#webhooks). So a forged, repeated or out-of-order delivery can only make Warden read
 * a submission's current state sooner. Hints wait in a bounded set (one entry per submission) and are
 * read one at a time, after the delivery was answered; a hint lost (the set full, a restart) is caught
 * by the next pull.
 */
@Component
class BugcrowdHints implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(BugcrowdHints.class);
    static final int MAX_WAITING = 1000;

    private final BugcrowdConnections connections;
    private final BugcrowdRows rows;
    private final BugcrowdPull pull;
    private final Set<String> waiting = new LinkedHashSet<>();
    private final java.util.concurrent.atomic.AtomicInteger unfinished =
            new java.util.concurrent.atomic.AtomicInteger();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "warden-bugcrowd-hints");
        t.setDaemon(true);
        return t;
    });

    BugcrowdHints(BugcrowdConnections connections, BugcrowdRows rows, BugcrowdPull pull) {
        this.connections = connections;
        this.rows = rows;
        this.pull = pull;
    }

    /** Takes the submissions a delivery names; answers how many were new to the waiting set. */
    int offer(Set<String> submissionIds) {
        int taken = 0;
        for (String id : submissionIds) {
            boolean added;
            synchronized (waiting) {
                added = waiting.size() < MAX_WAITING && waiting.add(id);
            }
            if (added) {
                taken++;
                unfinished.incrementAndGet();
                worker.execute(() -> {
                    try {
                        read(id);
                        pause(); // hints share Bugcrowd's 60 requests a minute with the pull
                    } finally {
                        unfinished.decrementAndGet();
                    }
                });
            }
        }
        return taken;
    }

    private void pause() {
        try {
            Thread.sleep(connections.requestInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether every hint taken has been read and applied. */
    boolean idle() {
        return unfinished.get() == 0;
    }

    private void read(String id) {
        synchronized (waiting) {
            waiting.remove(id);
        }
        Optional<BugcrowdClient> client = connections.client();
        if (client.isEmpty()) {
            return;
        }
        Map<String, String> query = new LinkedHashMap<>(BugcrowdPull.fields());
        query.put("include", BugcrowdPage.INCLUDE + ",program");
        query.put("fields[program]", "code");
        query.put("fields[submission]", BugcrowdPage.SUBMISSION_FIELDS + ",program");
        try {
            JsonNode answer = client.get().get("/submissions/" + id, query);
            String code = BugcrowdPage.programCode(answer);
            Optional<BugcrowdRows.Program> link = code == null ? Optional.empty() : rows.program(code);
            if (link.isEmpty()) {
                log.debug("Bugcrowd submission {} is in no linked program ({})", id, code);
                return;
            }
            for (BugcrowdPage.Seen seen : BugcrowdPage.parse(answer).submissions()) {
                pull.apply(link.get(), seen);
            }
        } catch (JsonHttp.Failure f) {
            log.warn(
                    "reading Bugcrowd submission {} after a webhook failed; the next pull catches up: {}",
                    id,
                    f.getMessage());
        } catch (RuntimeException e) {
            log.warn("applying Bugcrowd submission {} after a webhook failed; the next pull catches up", id, e);
        }
    }

    /** Lets the submission being read finish. */
    @Override
    public void destroy() {
        Shutdowns.gently(worker, Duration.ofSeconds(30));
    }
}
