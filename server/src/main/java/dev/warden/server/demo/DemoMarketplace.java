package dev.warden.server.demo;

import dev.warden.server.shared.Actor;
import dev.warden.server.snapshot.ImportResult;
import dev.warden.server.snapshot.Snapshots;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Loads the demo marketplace (a snapshot shipped in the jar) at start-up when {@code warden.demo} is
 * true. The import is idempotent, so restarting with {@code --demo} changes nothing.
 */
@Component
@ConditionalOnBooleanProperty("warden.demo")
class DemoMarketplace implements ApplicationRunner {
    static final String RESOURCE = "/demo/marketplace.json";
    private static final Logger log = LoggerFactory.getLogger(DemoMarketplace.class);

    private final Snapshots snapshots;

    DemoMarketplace(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        try (InputStream in = DemoMarketplace.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("demo data missing from the jar: " + RESOURCE);
            }
            ImportResult result = snapshots.importDocument(in.readAllBytes(), false, Actor.system("demo"));
            log.info("Demo marketplace loaded. {}", result.summary());
        }
    }
}
