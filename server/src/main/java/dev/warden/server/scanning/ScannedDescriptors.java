package dev.warden.server.scanning;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What an app declares now, for other features: the descriptors of its latest scanned versions. */
@Component
@Transactional(readOnly = true)
public class ScannedDescriptors {
    /**
     * A descriptor: {@code connect}, {@code forge} or {@code data-center}, the app's key in it, where the
     * app lives, the remote domains it talks to, its lifecycle callbacks (event → URL) and its
     * authentication type ({@code jwt}, {@code none}).
     */
    public record Declared(
            String type,
            @Nullable String key,
            @Nullable String baseUrl,
            List<String> domains,
            Map<String, String> lifecycle,
            @Nullable String authentication) {
        public Declared {
            domains = List.copyOf(domains);
            lifecycle = Map.copyOf(lifecycle);
        }
    }

    private final ScanRows scans;

    ScannedDescriptors(ScanRows scans) {
        this.scans = scans;
    }

    /** The descriptors of the latest finished scan of the latest version of each of the app's listings. */
    public List<Declared> latest(String app) {
        return scans.latestDescriptors(app).stream()
                .map(d -> new Declared(d.type(), d.key(), d.baseUrl(), d.domains(), d.lifecycle(), d.authentication()))
                .toList();
    }
}
