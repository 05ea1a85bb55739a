package dev.warden.server.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.catalog.PartnerId;
import dev.warden.server.WardenApplication;
import dev.warden.server.catalog.Partners;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code ./warden import FILE}: the server without its web side, importing one file, with exit codes. */
@ExtendWith(DatabaseRequirement.class)
class ImportCommandIT {
    @TempDir
    Path dir;

    static int runImport(Map<String, Object> database, Path file, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("warden.import.file", file.toString());
        properties.putAll(extra);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WardenApplication.class)
                .web(WebApplicationType.NONE)
                .run(TestDatabase.asArguments(properties));
        return SpringApplication.exit(context);
    }

    @Test
    void importsAFileAndExitsZeroThenRefusesABrokenOneWithOne() throws IOException {
        Map<String, Object> database = TestDatabase.fresh();
        Path good = dir.resolve("good.json");
        Files.writeString(
                good,
                "{\"format\": \"warden.snapshot/v1\", \"partners\": [{\"id\": \"cli-import\", \"name\": \"Via CLI\", \"tier\": \"SILVER\"}]}");
        Path bad = dir.resolve("bad.json");
        Files.writeString(
                bad,
                "{\"format\": \"warden.snapshot/v1\", \"partners\": [{\"id\": \"cli-bad\", \"tier\": \"SILVER\"}]}");

        assertThat(runImport(database, good, Map.of())).isZero();
        assertThat(runImport(database, bad, Map.of())).isEqualTo(1);
        assertThat(runImport(database, dir.resolve("missing.json"), Map.of())).isEqualTo(2);

        Map<String, Object> check = new HashMap<>(database);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WardenApplication.class)
                .web(WebApplicationType.NONE)
                .run(TestDatabase.asArguments(check))) {
            Partners partners = context.getBean(Partners.class);
            assertThat(partners.find(PartnerId.of("cli-import"))).isPresent();
            assertThat(partners.find(PartnerId.of("cli-bad"))).isEmpty();
        }
    }
}
