package dev.warden.server.shared;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A family of gauges counted by the database (tickets by status and severity, say): one gauge per
 * combination of labels ever seen, set by {@link #refresh()} from one grouped query, so a scrape reads
 * numbers in memory and never queries the database. A combination that is no longer there reads 0.
 */
public final class CountGauges {
    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final List<String> labels;
    private final Supplier<Map<List<String>, Long>> load;
    private final Map<List<String>, AtomicLong> values = new ConcurrentHashMap<>();

    /**
     * @param labels the label names, in the order of each count's key
     * @param load the counts now, keyed by label values in that order
     */
    public CountGauges(
            MeterRegistry registry,
            String name,
            String description,
            List<String> labels,
            Supplier<Map<List<String>, Long>> load) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.labels = List.copyOf(labels);
        this.load = load;
    }

    /** The family's name, as Micrometer knows it ({@code warden.tickets}). */
    public String name() {
        return name;
    }

    /** Counts again; new combinations get a gauge of their own. */
    public void refresh() {
        Map<List<String>, Long> now = load.get();
        values.forEach((key, value) -> value.set(now.getOrDefault(key, 0L)));
        now.forEach((key, count) -> values.computeIfAbsent(key, this::gauge).set(count));
    }

    private AtomicLong gauge(List<String> key) {
        if (key.size() != labels.size()) {
            throw new IllegalArgumentException(name + " needs " + labels + ", got " + key);
        }
        AtomicLong value = new AtomicLong();
        Tags tags = Tags.empty();
        for (int i = 0; i < labels.size(); i++) {
            tags = tags.and(labels.get(i), key.get(i));
        }
        Gauge.builder(name, value, AtomicLong::get)
                .description(description)
                .tags(tags)
                .register(registry);
        return value;
    }
}
