package dev.warden.server.bugcrowd;

import dev.warden.core.validation.Fields;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.JsonHttp;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.OutboundAddresses;
import dev.warden.server.shared.SecretBox;
import dev.warden.server.shared.Timestamps;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Bugcrowd connection: its settings (the API token sealed, never shown again after it is given),
 * the Bugcrowd programs linked to Warden's bug bounty programs with their targets mapped to listings, a
 * check that it works, and its status (last pull, the last error, per program what was seen).
 */
@Service
public class BugcrowdConnections {
    public static final String DEFAULT_URL = "https://api.bugcrowd.com";

    /** The version of Bugcrowd's API whose description Warden follows. */
    public static final String DEFAULT_VERSION = "2024-01-11";

    /** The settings as anyone may see them: no credential. */
    @Schema(name = "BugcrowdSettings")
    public record Settings(String apiUrl, String apiVersion, boolean enabled) {}

    /** What an administrator gives; a field left out keeps its value (the token must be given the first time). */
    @Schema(name = "BugcrowdConnectionInput")
    public record Input(
            @Nullable String apiUrl,
            @Nullable String apiToken,
            @Nullable String apiVersion,
            @Nullable Boolean enabled) {}

    /** A Bugcrowd program linked to a Warden program: the targets name the listings tickets are against. */
    @Schema(name = "BugcrowdProgramInput")
    public record ProgramInput(
            @Nullable String programId, @Nullable Map<String, String> targets) {}

    /** A linked program and what the pulls found in it. */
    @Schema(name = "BugcrowdProgram")
    public record ProgramStatus(
            String code,
            String programId,
            String partner,
            Map<String, String> targets,
            long submissions,
            long tickets,
            long waiting,
            @Nullable Instant lastPullAt,
            BugcrowdFigures.Health health) {}

    /** The connection and how it is doing. */
    @Schema(name = "BugcrowdStatus")
    public record Status(
            Settings settings,
            @Nullable Instant lastPullAt,
            @Nullable String lastError,
            @Nullable Instant lastErrorAt,
            List<ProgramStatus> programs,
            boolean webhook,
            Webhook webhookDeliveries,
            Instant updatedAt,
            String updatedBy) {}

    /**
     * Bugcrowd's outgoing webhook: whether an address was made, whether deliveries must carry the digest
     * of Bugcrowd's secret, the last delivery admitted, and the deliveries refused at the right address.
     */
    @Schema(name = "BugcrowdWebhook")
    public record Webhook(
            boolean address,
            boolean digestChecked,
            @Nullable Instant lastDeliveryAt,
            long refused,
            @Nullable String lastRefusal,
            @Nullable Instant lastRefusalAt) {}

    /** What a test of the connection found. */
    @Schema(name = "BugcrowdTest")
    public record Test(boolean ok, List<String> programsVisible, List<String> problems) {}

    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {};

    private final BugcrowdRows rows;
    private final BugcrowdFigures figures;
    private final SecretBox box;
    private final OutboundAddresses guard;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration timeout;
    private final Duration interval;
    private final Duration waitBudget;
    private final HttpClient http;
    private final String publicUrl;

    BugcrowdConnections(
            BugcrowdRows rows,
            BugcrowdFigures figures,
            SecretBox box,
            OutboundAddresses guard,
            AuditTrail audit,
            Clock clock,
            @Value("${warden.bugcrowd.timeout:30s}") Duration timeout,
            @Value("${warden.bugcrowd.request-interval:1s}") Duration interval,
            @Value("${warden.bugcrowd.wait-budget:10m}") Duration waitBudget,
            @Value("${warden.public-url:http://localhost:8080}") String publicUrl) {
        this.publicUrl = publicUrl.replaceAll("/+$", "");
        this.rows = rows;
        this.figures = figures;
        this.box = box;
        this.guard = guard;
        this.audit = audit;
        this.clock = clock;
        this.timeout = timeout;
        this.interval = interval;
        this.waitBudget = waitBudget;
        this.http = JsonHttp.client();
    }

    /** The connection's status; not found when there is none. */
    @Transactional(readOnly = true)
    public Status status() {
        BugcrowdRows.Connection c =
                rows.connection().orElseThrow(() -> new NotFoundException("No Bugcrowd connection"));
        Map<String, BugcrowdRows.Counts> counts = new LinkedHashMap<>();
        rows.counts().forEach(n -> counts.put(n.programCode(), n));
        List<ProgramStatus> linked = new ArrayList<>();
        for (BugcrowdRows.Program p : rows.programs()) {
            BugcrowdRows.Counts n = counts.getOrDefault(p.code(), new BugcrowdRows.Counts(p.code(), 0, 0, 0));
            linked.add(new ProgramStatus(
                    p.code(),
                    p.programId(),
                    p.partnerId(),
                    targets(p.targets()),
                    n.submissions(),
                    n.tickets(),
                    n.problems(),
                    Timestamps.instant(p.lastPullAt()),
                    figures.health(List.of(p.code()))));
        }
        return new Status(
                new Settings(c.apiUrl(), c.apiVersion(), c.enabled()),
                Timestamps.instant(c.lastPullAt()),
                c.lastError(),
                Timestamps.instant(c.lastErrorAt()),
                linked,
                c.webhookToken() != null,
                new Webhook(
                        c.webhookToken() != null,
                        c.webhookSecret() != null,
                        Timestamps.instant(c.webhookReceivedAt()),
                        c.webhookRefused(),
                        c.webhookRefusal(),
                        Timestamps.instant(c.webhookRefusedAt())),
                Objects.requireNonNull(Timestamps.instant(c.updatedAt())),
                c.updatedBy());
    }

    /** A submission as Warden last saw it, with its ticket or why it has none yet. */
    @Schema(name = "BugcrowdSubmission")
    public record SubmissionView(
            String id,
            String title,
            String state,
            @Nullable Integer priority,
            @Nullable Double cvssScore,
            @Nullable String target,
            boolean duplicate,
            Instant submittedAt,
            @Nullable Instant triagedAt,
            @Nullable String ticket,
            @Nullable String waitingBecause,
            Instant seenAt) {}

    /** The submissions seen in a linked program, newest first; only those waiting, if asked. */
    @Transactional(readOnly = true)
    public List<SubmissionView> submissions(String code, boolean waitingOnly, int limit) {
        if (rows.program(code).isEmpty()) {
            throw new NotFoundException("No Bugcrowd program '" + code + "'");
        }
        return rows.submissions(code, waitingOnly, limit).stream()
                .map(s -> new SubmissionView(
                        s.submissionId(),
                        s.title(),
                        s.state(),
                        s.priority(),
                        s.cvssScore(),
                        s.target(),
                        s.duplicate(),
                        s.submittedAt().toInstant(),
                        s.triagedAt() == null ? null : s.triagedAt().toInstant(),
                        s.ticketKey(),
                        s.problem(),
                        s.seenAt().toInstant()))
                .toList();
    }

    /** Creates or changes the connection. */
    @Transactional
    public Status save(Input in, Actor by) {
        Optional<BugcrowdRows.Connection> old = rows.connection();
        Fields errors = new Fields("invalid Bugcrowd connection");
        String url = in.apiUrl() != null && !in.apiUrl().isBlank()
                ? in.apiUrl().strip()
                : old.map(BugcrowdRows.Connection::apiUrl).orElse(DEFAULT_URL);
        try {
            URI uri = guard.parse(url);
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                errors.error("/apiUrl", "must be the API's address alone, without a query");
            }
            url = uri.toString().replaceAll("/+$", "");
        } catch (OutboundAddresses.Refused e) {
            errors.error("/apiUrl", String.valueOf(e.getMessage()));
        }
        String version = in.apiVersion() != null && !in.apiVersion().isBlank()
                ? in.apiVersion().strip()
                : old.map(BugcrowdRows.Connection::apiVersion).orElse(DEFAULT_VERSION);
        if (!version.matches("\\d{4}-\\d{2}-\\d{2}")) {
            errors.error("/apiVersion", "is a Bugcrowd API version, a date such as " + DEFAULT_VERSION);
        }
        String token = in.apiToken() != null && !in.apiToken().isBlank()
                ? in.apiToken().strip()
                : null;
        if (token == null && old.isEmpty()) {
            errors.error("/apiToken", "is required: the API token, as Bugcrowd shows it (username:password)");
        } else if (token != null && (!token.matches("[^:\\s]+:[^\\s]+") || token.length() > 1000)) {
            errors.error("/apiToken", "is the API token as Bugcrowd shows it: its username and password joined by ':'");
        }
        errors.check();
        Instant now = clock.instant();
        rows.save(new BugcrowdRows.Connection(
                url,
                token != null ? box.seal(token) : old.orElseThrow().apiToken(),
                version,
                in.enabled() != null
                        ? in.enabled()
                        : old.map(BugcrowdRows.Connection::enabled).orElse(true),
                null,
                null,
                null,
                Timestamps.utc(now),
                by.id(),
                null,
                null,
                null,
                0,
                null,
                null));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("apiUrl", url);
        details.put("apiVersion", version);
        details.put("apiTokenChanged", token != null);
        audit.record(
                by,
                old.isEmpty() ? "BUGCROWD_CONNECTED" : "BUGCROWD_CONNECTION_CHANGED",
                "integration",
                "bugcrowd",
                null,
                details);
        return status();
    }

    /** Removes the connection; linked programs and the submissions seen are kept for a new connection. */
    @Transactional
    public void delete(Actor by) {
        if (rows.connection().isEmpty()) {
            throw new NotFoundException("No Bugcrowd connection");
        }
        rows.delete();
        audit.record(by, "BUGCROWD_DISCONNECTED", "integration", "bugcrowd", null, Map.of());
    }

    /** Asks Bugcrowd which programs the token sees, and whether the linked ones are among them. */
    @Transactional
    public Test test(Actor by) {
        BugcrowdClient client = client().orElseThrow(() -> new NotFoundException("No Bugcrowd connection"));
        List<String> visible = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            for (int offset = 0; offset <= 9900; offset += 100) {
                JsonNode page = client.get(
                        "/programs",
                        Map.of(
                                "fields[program]",
                                "code",
                                "page[limit]",
                                "100",
                                "page[offset]",
                                String.valueOf(offset)));
                int n = 0;
                for (JsonNode p : page.path("data")) {
                    visible.add(p.path("attributes")
                            .path("code")
                            .asString(p.path("id").asString("")));
                    n++;
                }
                if (n < 100) {
                    break;
                }
            }
        } catch (JsonHttp.Failure f) {
            problems.add(
                    f.status == 401 || f.status == 403
                            ? "Bugcrowd refused the API token (" + f.status
                                    + "): check it, that it is not revoked, and its IP allowlist"
                            : String.valueOf(f.getMessage()));
        }
        if (problems.isEmpty()) {
            for (BugcrowdRows.Program p : rows.programs()) {
                if (!visible.contains(p.code())) {
                    problems.add("program " + p.code() + " is not visible to this token");
                }
            }
        }
        audit.record(
                by, "BUGCROWD_CONNECTION_TESTED", "integration", "bugcrowd", null, Map.of("ok", problems.isEmpty()));
        return new Test(problems.isEmpty(), visible, problems);
    }

    /** The least time between two requests to Bugcrowd (it allows 60 a minute from one address). */
    Duration requestInterval() {
        return interval;
    }

    /** A client for the connection, when there is one and it is switched on. */
    Optional<BugcrowdClient> client() {
        return rows.connection()
                .filter(BugcrowdRows.Connection::enabled)
                .map(c -> new BugcrowdClient(
                        new JsonHttp(http, guard, "Bugcrowd", timeout),
                        URI.create(c.apiUrl()),
                        box.open(c.apiToken()),
                        c.apiVersion(),
                        interval,
                        waitBudget,
                        d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000)));
    }

    static Map<String, String> targets(String json) {
        return JsonMapper.shared().readValue(json, MAP);
    }
}
