package dev.warden.scanner.sca;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The 90 real advisories copied into the test resources (osv/README.md), read once. */
final class TestAdvisories {
    private static List<Advisory> all;

    private TestAdvisories() {}

    static Path folder() {
        try {
            return Path.of(Objects.requireNonNull(TestAdvisories.class.getResource("/osv"))
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static synchronized List<Advisory> all() throws IOException {
        if (all == null) {
            List<Advisory> read = new ArrayList<>();
            AdvisorySources.Read result = AdvisorySources.read(folder(), read::add);
            if (!result.errors().isEmpty() || result.kept() != 90) {
                throw new IllegalStateException("the test advisories did not read cleanly: " + result);
            }
            all = List.copyOf(read);
        }
        return all;
    }

    static AdvisoryIndex index() throws IOException {
        return AdvisoryIndex.of(all());
    }
}
