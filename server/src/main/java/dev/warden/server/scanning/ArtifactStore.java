package dev.warden.server.scanning;

import dev.warden.server.shared.ContentStore;
import org.springframework.stereotype.Component;

/** App artifacts on disk, one file per content hash under {@code warden.scanning.artifacts}. */
@Component
class ArtifactStore extends ContentStore {
    ArtifactStore(ScanningSettings settings) {
        super(
                settings.artifacts(),
                settings.maxArtifactSize().toBytes(),
                "artifact (warden.scanning.max-artifact-size)");
    }
}
