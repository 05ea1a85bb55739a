package dev.warden.server.dependencies;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Where advisories come from ({@code warden.advisories.*}; docs/dependencies.md).
 *
 * @param path a folder, zip or OSV record imported at start and then every {@code every} (incremental:
 *     what did not change costs one lookup per record); empty: only uploads through the API
 * @param every how often {@code path} is imported again
 * @param maxUpload the largest upload accepted
 */
@ConfigurationProperties("warden.advisories")
public record AdvisorySettings(@Nullable String path, Duration every, DataSize maxUpload) {
    public AdvisorySettings {
        if (every == null) {
            every = Duration.ofDays(1);
        }
        if (maxUpload == null) {
            maxUpload = DataSize.ofMegabytes(512);
        }
        if (every.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("warden.advisories.every must be at least a minute");
        }
        if (path != null && path.isBlank()) {
            path = null;
        }
    }
}
