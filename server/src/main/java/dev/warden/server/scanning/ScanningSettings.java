package dev.warden.server.scanning;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How the server scans ({@code warden.scanning.*}; docs/scanning-server.md).
 *
 * @param artifacts where artifacts are kept, one file per content hash
 * @param maxArtifactSize the largest artifact accepted, uploaded or pulled
 * @param timeLimit how long one scan may take before it is stopped and failed
 * @param threads scanning threads of one scan
 * @param memory what one scan's threads may hold of large entries at once
 * @param pollInterval how often a node looks for queued scans and versions to pull
 * @param staleAfter a running scan whose node has not beaten for this long is taken over
 * @param maxAttempts a scan interrupted this many times (its node died each time) is failed
 * @param rescanEvery the latest version of every listing is scanned again when its last scan is this
 *     old (zero: only when the scanner changes)
 * @param scannerVersion names the scanner's rules; a change re-scans the latest versions. Empty: Warden's
 *     version and a digest of its rules
 * @param source the marketplace's artifact source, for versions registered without a file
 */
@ConfigurationProperties("warden.scanning")
public record ScanningSettings(
        Path artifacts,
        DataSize maxArtifactSize,
        Duration timeLimit,
        int threads,
        DataSize memory,
        Duration pollInterval,
        Duration staleAfter,
        int maxAttempts,
        Duration rescanEvery,
        @Nullable String scannerVersion,
        Source source) {

    /**
     * @param urlTemplate the artifact's address, with {app}, {version}, {buildNumber} and {hosting} filled
     *     in (URL-encoded), for example https://marketplace.example.com/download/apps/{app}/version/{buildNumber}
     * @param timeout the whole download, headers and body
     * @param maxRedirects redirects followed before the pull fails
     */
    public record Source(@Nullable String urlTemplate, Duration timeout, int maxRedirects) {
        public Source {
            if (urlTemplate != null && !urlTemplate.isBlank()) {
                String scheme =
                        URI.create(urlTemplate.replaceAll("\\{[a-zA-Z]+}", "x")).getScheme();
                if (!"https".equals(scheme) && !"http".equals(scheme)) {
                    throw new IllegalArgumentException("warden.scanning.source.url-template must be an http(s) URL");
                }
            }
            if (maxRedirects < 0 || maxRedirects > 20) {
                throw new IllegalArgumentException("warden.scanning.source.max-redirects must be 0 to 20");
            }
        }

        public boolean configured() {
            return urlTemplate != null && !urlTemplate.isBlank();
        }
    }

    public ScanningSettings {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("warden.scanning.threads must be 1 to 64");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("warden.scanning.max-attempts must be at least 1");
        }
        for (Duration d : new Duration[] {timeLimit, pollInterval, staleAfter}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("warden.scanning time limits and intervals must be positive");
            }
        }
    }
}
