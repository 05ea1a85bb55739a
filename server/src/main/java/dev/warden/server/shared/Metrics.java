package dev.warden.server.shared;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Warden's own metrics (docs/metrics.md): each feature registers its counted gauges here, and they are
 * counted again every {@code warden.metrics.refresh} (30 s), on this node, off the scrape's path.
 */
@Component
public class Metrics implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(Metrics.class);

    private final MeterRegistry registry;
    private final List<CountGauges> families = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "warden-metrics");
        t.setDaemon(true);
        return t;
    });
    private final Duration every;
    private final AtomicBoolean started = new AtomicBoolean();

    Metrics(MeterRegistry registry, @Value("${warden.metrics.refresh:30s}") Duration every) {
        this.registry = registry;
        this.every = every;
    }

    /** Registers a family of counted gauges. */
    public void counted(String name, String description, List<String> labels, Supplier<Map<List<String>, Long>> load) {
        families.add(new CountGauges(registry, name, description, labels, load));
    }

    /** The registered families' names as Prometheus shows them ({@code warden_tickets}). */
    public List<String> names() {
        return families.stream().map(f -> f.name().replace('.', '_')).toList();
    }

    /** Counts every family now (and the tests, before they scrape). */
    public void refresh() {
        for (CountGauges f : families) {
            try {
                f.refresh();
            } catch (RuntimeException e) {
                log.warn("counting a metric failed; its gauges keep their last values", e);
            }
        }
    }

    /**
     * Counts every {@code every} from the moment the server serves: only a serving server is scraped, and
     * a command run without the web side ({@code ./warden import}) would count a table it is writing,
     * waiting on its locks. Once, however many web servers start (a separate management port is one more).
     */
    @EventListener(WebServerInitializedEvent.class)
    void start() {
        if (!every.isZero() && !every.isNegative() && started.compareAndSet(false, true)) {
            timer.scheduleWithFixedDelay(this::refresh, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Whether the counts are taken on their own every {@code warden.metrics.refresh} (for the tests). */
    boolean scheduled() {
        return started.get();
    }

    /**
     * Lets a count in progress finish rather than interrupting it: H2 closes its database file when a
     * thread reading it is interrupted, and the database is then unusable until the process restarts.
     */
    @Override
    public void destroy() {
        Shutdowns.gently(timer, java.time.Duration.ofSeconds(30));
    }
}
