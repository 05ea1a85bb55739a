package dev.warden.scanner;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an app descriptor declares, for monitoring later (redirect domains, egress, scopes): a Forge
 * {@code manifest.yml}, a Connect {@code atlassian-connect.json} or a Data Center
 * {@code atlassian-plugin.xml}.
 *
 * @param type {@code forge}, {@code connect} or {@code data-center}
 * @param key the app's id or key
 * @param scopes declared OAuth scopes
 * @param baseUrl where a Connect app or a Forge remote lives
 * @param domains egress and remote domains the app talks to
 * @param lifecycle lifecycle endpoints by event ({@code installed} → {@code /installed})
 * @param authentication the authentication type ({@code jwt}, {@code none}, ...)
 */
public record Descriptor(
        ArtifactPath path,
        String type,
        @Nullable String key,
        List<String> scopes,
        @Nullable String baseUrl,
        List<String> domains,
        Map<String, String> lifecycle,
        @Nullable String authentication) {
    public Descriptor {
        scopes = List.copyOf(scopes);
        domains = List.copyOf(domains);
        lifecycle = Map.copyOf(lifecycle);
    }
}
