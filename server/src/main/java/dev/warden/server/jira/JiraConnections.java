package dev.warden.server.jira;

import dev.warden.core.validation.Fields;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.notifications.Outbox;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.JsonHttp;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.OutboundAddresses;
import dev.warden.server.shared.SecretBox;
import dev.warden.server.shared.Timestamps;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * The Jira connection: its settings (the API token and the webhook secret sealed, never shown again
 * after they are given or made), a check that it works, and its status (last push and poll, the last
 * error, the backlog of pushes waiting in the outbox).
 */
@Service
public class JiraConnections {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String WEBHOOK_PATH = "/api/v1/integrations/jira/webhook";

    /** The settings as anyone may see them: no credential. */
    @Schema(name = "JiraSettings")
    public record Settings(
            String siteUrl,
            String email,
            String projectKey,
            String issueType,
            Map<String, String> statuses,
            Map<String, String> priorities,
            boolean enabled) {}

    /**
     * What an administrator gives; a field left out keeps its value (the API token must be given the
     * first time).
     */
    @Schema(name = "JiraConnectionInput")
    public record Input(
            @Nullable String siteUrl,
            @Nullable String email,
            @Nullable String apiToken,
            @Nullable String projectKey,
            @Nullable String issueType,
            @Nullable Map<String, String> statuses,
            @Nullable Map<String, String> priorities,
            @Nullable Boolean enabled) {}

    /** The connection and how it is doing. */
    public record Status(
            Settings settings,
            @Nullable String accountId,
            String webhookUrl,
            @Nullable Instant lastPushAt,
            @Nullable Instant lastPollAt,
            @Nullable String lastError,
            @Nullable Instant lastErrorAt,
            long backlog,
            long linkedTickets,
            Instant updatedAt,
            String updatedBy) {}

    /** A saved connection; the webhook secret only when it was made just now (shown this once). */
    public record Saved(Status status, @Nullable String webhookSecret) {}

    /** What a test of the connection found. */
    public record Test(
            boolean ok, @Nullable String account, @Nullable String project, List<String> problems) {}

    /** A usable connection, for the sync: its settings, mappings and a client. */
    record Connected(JiraRows.Connection row, JiraMappings mappings, JiraClient client) {}

    private final JiraRows rows;
    private final SecretBox box;
    private final OutboundAddresses guard;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final Clock clock;
    private final String publicUrl;
    private final Duration timeout;
    private final HttpClient http;

    JiraConnections(
            JiraRows rows,
            SecretBox box,
            OutboundAddresses guard,
            AuditTrail audit,
            Outbox outbox,
            Clock clock,
            @Value("${warden.public-url:http://localhost:8080}") String publicUrl,
            @Value("${warden.jira.timeout:15s}") Duration timeout) {
        this.rows = rows;
        this.box = box;
        this.guard = guard;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
        this.timeout = timeout;
        this.http = JsonHttp.client();
    }

    /** The settings a new connection starts from: empty but for the default mappings and issue type. */
    public static Settings defaults() {
        JiraMappings m = JiraMappings.defaults();
        return new Settings("", "", "AMS", "Bug", m.statuses(), m.priorities(), true);
    }

    /** The connection's status; not found when there is none. */
    @Transactional(readOnly = true)
    public Status status() {
        return rows.connection().map(this::status).orElseThrow(() -> new NotFoundException("Jira connection"));
    }

    /** Whether a connection is set up and switched on. */
    @Transactional(readOnly = true)
    public boolean enabled() {
        return rows.connection().map(JiraRows.Connection::enabled).orElse(false);
    }

    /** Creates or changes the connection; a new one gets a webhook secret, answered this once. */
    @Transactional
    public Saved save(Input in, Actor by) {
        Optional<JiraRows.Connection> old = rows.connection();
        Fields errors = new Fields("invalid Jira connection");
        String site = pick(in.siteUrl(), old.map(JiraRows.Connection::siteUrl));
        String email = pick(in.email(), old.map(JiraRows.Connection::email));
        String project = pick(in.projectKey(), old.map(JiraRows.Connection::projectKey));
        String type = pick(in.issueType(), old.map(JiraRows.Connection::issueType));
        if (site == null) {
            errors.error("/siteUrl", "is required: the Jira site, such as https://example.atlassian.net");
        } else {
            try {
                URI uri = guard.parse(site);
                if (uri.getRawPath() != null
                        && !uri.getRawPath().isEmpty()
                        && !uri.getRawPath().equals("/")) {
                    errors.error("/siteUrl", "must be the site's address alone, without a path");
                }
                site = uri.getScheme() + "://" + uri.getRawAuthority();
            } catch (OutboundAddresses.Refused e) {
                errors.error("/siteUrl", String.valueOf(e.getMessage()));
            }
        }
        if (email == null || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || email.length() > 320) {
            errors.error("/email", "is required: the email address of the Jira account Warden acts as");
        }
        if (project == null || !project.matches("[A-Z][A-Z0-9_]{0,19}")) {
            errors.error("/projectKey", "is required: a Jira project key such as AMS");
        }
        errors.requireText("/issueType", type, "is required: the issue type tickets are created as, such as Bug");
        errors.maxLength("/issueType", type, 100);
        String token = in.apiToken() != null && !in.apiToken().isBlank()
                ? in.apiToken().strip()
                : null;
        if (token == null && old.isEmpty()) {
            errors.error("/apiToken", "is required: an API token of the Jira account Warden acts as");
        } else if (token != null && token.length() > 1000) {
            errors.error("/apiToken", "is too long (at most 1000 characters)");
        }
        // Entries given replace those stored (or the defaults), one by one; the rest stay.
        JiraMappings mappings = old.map(o -> JiraMappings.read(o.statusMap(), o.priorityMap()))
                .orElse(JiraMappings.defaults())
                .with(in.statuses(), in.priorities(), errors);
        errors.check();
        String secret = old.isEmpty() ? newSecret() : null;
        boolean changedAccount = old.isPresent()
                && (token != null
                        || !old.get().email().equals(email)
                        || !old.get().siteUrl().equals(site));
        Instant now = clock.instant();
        rows.save(new JiraRows.Connection(
                java.util.Objects.requireNonNull(site),
                java.util.Objects.requireNonNull(email),
                token != null ? box.seal(token) : old.orElseThrow().apiToken(),
                java.util.Objects.requireNonNull(project),
                java.util.Objects.requireNonNull(type).strip(),
                mappings.statusesJson(),
                mappings.prioritiesJson(),
                secret != null ? box.seal(secret) : old.orElseThrow().webhookSecret(),
                in.enabled() != null
                        ? in.enabled()
                        : old.map(JiraRows.Connection::enabled).orElse(true),
                changedAccount ? null : old.map(JiraRows.Connection::accountId).orElse(null),
                null,
                null,
                null,
                null,
                Timestamps.utc(now),
                by.id()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("siteUrl", site);
        details.put("email", email);
        details.put("projectKey", project);
        details.put("issueType", type);
        details.put("apiTokenChanged", token != null);
        audit.record(
                by, old.isEmpty() ? "JIRA_CONNECTED" : "JIRA_CONNECTION_CHANGED", "integration", "jira", null, details);
        return new Saved(status(), secret);
    }

    /** Makes a new webhook secret, answered this once; Jira's webhook must be given it. */
    @Transactional
    public String rotateWebhookSecret(Actor by) {
        JiraRows.Connection c = rows.connection().orElseThrow(() -> new NotFoundException("Jira connection"));
        String secret = newSecret();
        rows.save(withSecret(c, box.seal(secret), by));
        audit.record(by, "JIRA_WEBHOOK_SECRET_ROTATED", "integration", "jira", null, Map.of());
        return secret;
    }

    /** Removes the connection; links to issues are kept, so a new connection to the same site goes on. */
    @Transactional
    public void delete(Actor by) {
        if (rows.connection().isEmpty()) {
            throw new NotFoundException("Jira connection");
        }
        rows.delete();
        audit.record(by, "JIRA_DISCONNECTED", "integration", "jira", null, Map.of());
    }

    /** Asks Jira who Warden is and whether the project is there; remembers the account for echo checks. */
    @Transactional
    public Test test(Actor by) {
        Connected c = connected().orElseThrow(() -> new NotFoundException("Jira connection"));
        List<String> problems = new ArrayList<>();
        String account = null;
        String project = null;
        try {
            JsonNode me = c.client().get("/rest/api/3/myself", Map.of());
            String id = me.path("accountId").asString("");
            account = me.path("displayName").asString(id);
            if (!id.isEmpty()) {
                rows.accountId(id);
            }
        } catch (JiraException e) {
            problems.add(
                    e.status == 401
                            ? "Jira refused the email and API token (401): check them, and that the token is not revoked"
                            : String.valueOf(e.getMessage()));
        }
        if (problems.isEmpty()) {
            try {
                JsonNode p = c.client()
                        .get("/rest/api/3/project/" + JiraClient.segment(c.row().projectKey()), Map.of());
                project = p.path("name").asString(c.row().projectKey());
            } catch (JiraException e) {
                problems.add(
                        e.status == 404
                                ? "project " + c.row().projectKey() + " does not exist or the account cannot see it"
                                : String.valueOf(e.getMessage()));
            }
        }
        audit.record(by, "JIRA_CONNECTION_TESTED", "integration", "jira", null, Map.of("ok", problems.isEmpty()));
        return new Test(problems.isEmpty(), account, project, problems);
    }

    /** The connection with its client, when there is one and it is switched on. */
    Optional<Connected> connected() {
        return rows.connection().filter(JiraRows.Connection::enabled).map(c -> {
            URI site = URI.create(c.siteUrl());
            JiraClient client = new JiraClient(http, guard, site, c.email(), box.open(c.apiToken()), timeout);
            return new Connected(c, JiraMappings.read(c.statusMap(), c.priorityMap()), client);
        });
    }

    /** The webhook secret, opened, to check a delivery's signature; empty when there is no connection. */
    Optional<String> webhookSecret() {
        return rows.connection().map(c -> box.open(c.webhookSecret()));
    }

    private Status status(JiraRows.Connection c) {
        JiraMappings m = JiraMappings.read(c.statusMap(), c.priorityMap());
        return new Status(
                new Settings(
                        c.siteUrl(),
                        c.email(),
                        c.projectKey(),
                        c.issueType(),
                        m.statuses(),
                        m.priorities(),
                        c.enabled()),
                c.accountId(),
                publicUrl + WEBHOOK_PATH,
                Timestamps.instant(c.lastPushAt()),
                Timestamps.instant(c.lastPollAt()),
                c.lastError(),
                Timestamps.instant(c.lastErrorAt()),
                outbox.backlog(Outbox.Channel.JIRA),
                rows.links(),
                java.util.Objects.requireNonNull(Timestamps.instant(c.updatedAt())),
                c.updatedBy());
    }

    private JiraRows.Connection withSecret(JiraRows.Connection c, String sealed, Actor by) {
        return new JiraRows.Connection(
                c.siteUrl(),
                c.email(),
                c.apiToken(),
                c.projectKey(),
                c.issueType(),
                c.statusMap(),
                c.priorityMap(),
                sealed,
                c.enabled(),
                c.accountId(),
                c.lastPushAt(),
                c.lastPollAt(),
                c.lastError(),
                c.lastErrorAt(),
                Timestamps.utc(clock.instant()),
                by.id());
    }

    private static @Nullable String pick(@Nullable String given, Optional<String> old) {
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        return old.orElse(null);
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
