package dev.warden.server.obligations;

import dev.warden.core.obligations.CustomerNotice;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The operator's customer communication template for incidents: a file named by
 * {@code warden.incidents.notice-template}, or the one Warden ships. Checked at start-up, so a template
 * with an unknown placeholder stops the server rather than a notice going out with a hole in it.
 */
@Component
class NoticeTemplate {
    private final String text;

    NoticeTemplate(@Value("${warden.incidents.notice-template:}") String file) {
        this.text = file.isBlank() ? builtIn() : read(Path.of(file));
        Set<String> unknown = CustomerNotice.unknownPlaceholders(text);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(
                    "warden.incidents.notice-template uses unknown placeholders " + unknown + "; known: "
                            + CustomerNotice.PLACEHOLDERS.stream().sorted().toList());
        }
    }

    String text() {
        return text;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read warden.incidents.notice-template " + file, e);
        }
    }

    private static String builtIn() {
        try (InputStream in = Objects.requireNonNull(NoticeTemplate.class.getResourceAsStream("customer-notice.txt"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
