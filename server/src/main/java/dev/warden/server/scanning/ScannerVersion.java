package dev.warden.server.scanning;

import dev.warden.scanner.Rule;
import dev.warden.scanner.Scanner;
import dev.warden.scanner.rules.BuiltInRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Names what the scanner would find: Warden's version and a digest of its rules and the data they
 * read (the Jira scope tables). A scan is never repeated by the same scanner version; a new one
 * re-scans the latest version of every listing. {@code warden.scanning.scanner-version} overrides it.
 */
@Component
class ScannerVersion {
    private static final List<String> DATA = List.of(
            "/dev/warden/scanner/jira-operation-scopes.tsv", "/dev/warden/scanner/jira-operation-scopes-additions.tsv");

    private final String value;

    ScannerVersion(ScanningSettings settings) {
        String set = settings.scannerVersion();
        this.value = set != null && !set.isBlank() ? set.strip() : computed();
    }

    String value() {
        return value;
    }

    private static String computed() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        for (Rule rule : BuiltInRules.all()) {
            String line = rule.id() + '\t' + rule.title() + '\t' + rule.severity() + '\t' + rule.keywords() + '\n';
            sha.update(line.getBytes(StandardCharsets.UTF_8));
        }
        for (String resource : DATA) {
            try (InputStream in = Scanner.class.getResourceAsStream(resource)) {
                if (in != null) {
                    sha.update(in.readAllBytes());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String release = Scanner.class.getPackage().getImplementationVersion();
        return (release == null ? "dev" : release) + "+rules."
                + HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    }
}
