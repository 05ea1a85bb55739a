package dev.warden.server.testing;

import dev.warden.server.WardenApplication;
import dev.warden.server.identity.ApiClients;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A whole Warden of its own, on a new empty database and a random port, for tests that need a clean slate. */
public final class FreshWarden implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final int port;
    private boolean shared;

    private FreshWarden(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /** Starts one with these extra properties, reading time from {@code clock}. */
    public static FreshWarden start(Map<String, Object> extra, java.time.Clock clock) {
        return start(
                extra,
                new SpringApplicationBuilder(WardenApplication.class)
                        .initializers(context -> context.getBeanFactory().registerSingleton("testClock", clock)));
    }

    /** Starts one with these extra properties (for example to share another's database). */
    public static FreshWarden start(Map<String, Object> extra) {
        return start(extra, new SpringApplicationBuilder(WardenApplication.class));
    }

    private static FreshWarden start(Map<String, Object> extra, SpringApplicationBuilder builder) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.fresh());
        properties.put("server.port", "0");
        properties.put("warden.security.attempts-per-minute", "10000");
        // The background domain checks would ask this machine's DNS about the tests' made-up names; the
        // domain tests turn them on, against their own DNS server.
        properties.put("warden.domains.enabled", "false");
        properties.putAll(extra);
        return new FreshWarden(builder.run(TestDatabase.asArguments(properties)));
    }

    public static FreshWarden start() {
        return start(Map.of());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Whether the application has a bean of this type. */
    public boolean has(Class<?> type) {
        return context.getBeanNamesForType(type).length > 0;
    }

    public int port() {
        return port;
    }

    /** An HTTP client with an administrator's token. */
    public Http admin() {
        return TestClients.admin(new Http(port), bean(ApiClients.class));
    }

    /** The database settings this instance runs on, for a second instance to share. */
    public Map<String, Object> database() {
        shared = true;
        Map<String, Object> db = new HashMap<>();
        for (String key :
                new String[] {"spring.datasource.url", "spring.datasource.username", "spring.datasource.password"}) {
            db.put(key, context.getEnvironment().getProperty(key, ""));
        }
        return db;
    }

    @Override
    public void close() {
        String own = context.getEnvironment().getProperty("warden.test.drop-database");
        context.close();
        if (own != null && !shared) {
            TestDatabase.drop(own); // a shared one may outlive this instance: it is dropped at exit
        }
    }
}
