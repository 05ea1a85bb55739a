package dev.warden.server.scanning;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What an app declares now, for other features: the descriptors of its latest scanned versions. */
@Component
@Transactional(readOnly = true)
public class ScannedDescriptors {
    /**
     * A descriptor: {@code connect}, {@code forge} or {@code data-center}, where the app lives and the
     * remote domains it talks to.
     */
    public record Declared(String type, @Nullable String baseUrl, List<String> domains) {}

    private final ScanRows scans;

    ScannedDescriptors(ScanRows scans) {
        this.scans = scans;
    }

    /** The descriptors of the latest finished scan of the latest version of each of the app's listings. */
    public List<Declared> latest(String app) {
        return scans.latestDescriptors(app).stream()
                .map(d -> new Declared(d.type(), d.baseUrl(), d.domains()))
                .toList();
    }
}
