package dev.warden.server.obligations;

import dev.warden.core.catalog.App;
import dev.warden.core.compliance.PatCollection;
import dev.warden.core.obligations.TokenUse;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.snapshot.SnapshotCodec;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.catalog.Apps;
import dev.warden.server.policy.Policies;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Versioned;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * An app's use of user API tokens: the partner declares and reports its migration; the operator records
 * the platform work that extends the window and the scanner's evidence (a {@code warden scan} JSON
 * report of the app's artifact).
 */
@Service
public class TokenUses {
    /** Findings kept from one report; the rest are counted in the audit entry. */
    public static final int MAX_FINDINGS = 200;

    /** The largest scan report taken. */
    public static final long MAX_REPORT_BYTES = 16L * 1024 * 1024;

    private final ObligationStore store;
    private final Apps apps;
    private final Policies policies;

    TokenUses(ObligationStore store, Apps apps, Policies policies) {
        this.store = store;
        this.apps = apps;
        this.policies = policies;
    }

    /**
     * An app's token use and where it stands under the policy in force.
     *
     * @param newApp first listed on or after the policy's date: no window and no extension
     * @param deadline the last day the app may still handle tokens (its first listing day for a new app)
     */
    public record TokenUseView(
            TokenUse tokenUse, boolean handlesTokens, boolean newApp, LocalDate deadline, int version) {}

    @Transactional(readOnly = true)
    public TokenUseView get(String app, Actor actor) {
        App owned = store.visibleApp(app, actor);
        return view(owned, read(owned));
    }

    @Transactional
    public TokenUseView declare(String app, ObligationRequests.Declaration d, Actor actor) {
        List<FieldError> errors = new ArrayList<>();
        if (d.collects() == null) {
            errors.add(new FieldError("/collects", "is required: true or false"));
        }
        if (d.transmits() == null) {
            errors.add(new FieldError("/transmits", "is required: true or false"));
        }
        if (d.stores() == null) {
            errors.add(new FieldError("/stores", "is required: true or false"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid declaration", errors);
        }
        TokenUse.Declaration declaration = new TokenUse.Declaration(
                Boolean.TRUE.equals(d.collects()),
                Boolean.TRUE.equals(d.transmits()),
                Boolean.TRUE.equals(d.stores()),
                store.now());
        return change(
                app,
                actor,
                "TOKEN_USE_DECLARED",
                Map.of(
                        "collects",
                        declaration.collects(),
                        "transmits",
                        declaration.transmits(),
                        "stores",
                        declaration.stores()),
                t -> new TokenUse(t.app(), declaration, t.migration(), t.extension(), t.evidence(), t.migratedAt()));
    }

    @Transactional
    public TokenUseView migration(String app, ObligationRequests.Migration m, Actor actor) {
        TokenUse.Migration migration = m.migration();
        if (migration == null) {
            throw new InvalidInputException("/migration", "is required: " + List.of(TokenUse.Migration.values()));
        }
        return change(
                app,
                actor,
                "TOKEN_USE_MIGRATION",
                Map.of("migration", migration.name()),
                t -> new TokenUse(
                        t.app(),
                        t.declaration(),
                        migration,
                        t.extension(),
                        t.evidence(),
                        migration != TokenUse.Migration.MIGRATED
                                ? null
                                : t.migration() == migration ? t.migratedAt() : store.now()));
    }

    @Transactional
    public TokenUseView extension(String app, ObligationRequests.Extension e, Actor actor) {
        String request = e.platformRequest();
        if (request == null || request.isBlank() || request.length() > 200) {
            throw new InvalidInputException(
                    "/platformRequest", "is required: the platform work request, for example ECO-1412");
        }
        boolean open = !Boolean.FALSE.equals(e.open());
        return change(app, actor, "TOKEN_USE_EXTENSION", Map.of("platformRequest", request, "open", open), t -> {
            TokenUse.Extension before = t.extension();
            boolean same = before != null && before.platformRequest().equals(request);
            Instant since = before != null && same ? before.requestedAt() : store.now();
            Instant closed = open ? null : before != null && same && !before.open() ? before.closedAt() : store.now();
            return new TokenUse(
                    t.app(),
                    t.declaration(),
                    t.migration(),
                    new TokenUse.Extension(request.strip(), open, since, closed),
                    t.evidence(),
                    t.migratedAt());
        });
    }

    /** Records the token-handling findings of a {@code warden scan --format json} report as the app's evidence. */
    @Transactional
    public TokenUseView scan(String app, byte[] report, Actor actor) {
        JsonNode root;
        try {
            root = SnapshotCodec.mapper().readTree(report);
        } catch (JacksonException ex) {
            throw new InvalidInputException("", "the body is not JSON: send the report of warden scan --format json");
        }
        if (root == null || !"warden.scan/v1".equals(root.path("format").asString(""))) {
            throw new InvalidInputException(
                    "/format", "must be warden.scan/v1: send the report of warden scan --format json");
        }
        JsonNode all = root.path("findings");
        if (!all.isArray()) {
            throw new InvalidInputException("/findings", "must be an array");
        }
        List<TokenUse.Finding> findings = new ArrayList<>();
        int relevant = 0;
        for (JsonNode f : all) {
            String rule = f.path("rule").asString("");
            if (!TokenUse.EVIDENCE_RULES.contains(rule)) {
                continue;
            }
            relevant++;
            if (findings.size() < MAX_FINDINGS) {
                String location = f.path("path").asString("?")
                        + (f.path("line").asInt(0) > 0 ? ":" + f.path("line").asInt() : "");
                String preview =
                        f.path("preview").isString() ? f.path("preview").asString() : null;
                findings.add(ObligationStore.build(
                        "/findings",
                        () -> new TokenUse.Finding(
                                rule,
                                location.length() > 2000 ? location.substring(0, 2000) : location,
                                preview == null || preview.length() > 200 ? null : preview)));
            }
        }
        String input = root.path("input").asString("artifact");
        return evidence(app, input, findings, relevant, actor);
    }

    /**
     * Records what a scan of {@code input} found that shows token handling (at most {@link #MAX_FINDINGS}
     * of the {@code relevant} findings), replacing the app's previous evidence.
     */
    @Transactional
    public TokenUseView evidence(String app, String input, List<TokenUse.Finding> findings, int relevant, Actor actor) {
        String artifact = input.isBlank() ? "artifact" : input.substring(Math.max(0, input.length() - 200));
        TokenUse.ScanEvidence evidence = new TokenUse.ScanEvidence(
                store.now(), artifact, findings.size() > MAX_FINDINGS ? findings.subList(0, MAX_FINDINGS) : findings);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("artifact", artifact);
        details.put("findings", relevant);
        return change(
                app,
                actor,
                "TOKEN_USE_SCANNED",
                details,
                t -> new TokenUse(t.app(), t.declaration(), t.migration(), t.extension(), evidence, t.migratedAt()));
    }

    private TokenUseView change(
            String app, Actor actor, String action, Map<String, ?> details, UnaryOperator<TokenUse> f) {
        App owned = store.visibleApp(app, actor);
        Versioned<TokenUse> read = read(owned);
        TokenUse changed = f.apply(read.value());
        Versioned<TokenUse> written = read.version() == 0
                ? store.create(changed, owned.partner(), actor, action, details)
                : store.replace(read, changed, OptionalInt.empty(), owned.partner(), actor, action, details);
        return view(owned, written);
    }

    /** The stored record, or a version-0 record with nothing known. */
    private Versioned<TokenUse> read(App app) {
        return store.exists(Kind.TOKEN_USE, app.key().value())
                ? store.get(Kind.TOKEN_USE, app.key().value(), TokenUse.class, Actor.system("token-use"), "token use")
                : new Versioned<>(TokenUse.unknown(app.key()), 0);
    }

    private TokenUseView view(App app, Versioned<TokenUse> v) {
        PolicyVersion policy = policies.inForce().inForceAt(store.now());
        boolean fresh = PatCollection.isNew(app, policy);
        LocalDate first = app.firstListedOn();
        LocalDate deadline =
                fresh && first != null ? first : policy.personalAccessTokens().migrationDeadline();
        return new TokenUseView(v.value(), v.value().handlesTokens(), fresh, deadline, v.version());
    }
}
