package dev.warden.server.policy;

import dev.warden.core.policy.PolicyReader;
import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.policy.PolicyVersions;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ConflictException;
import dev.warden.server.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The policy versions Warden decides under: the built-in ones and those operators published, plus
 * drafts that can be evaluated ("what would change?") before they are published. A published version
 * never changes and never takes effect in the past, so no earlier decision is rewritten.
 */
@Service
@Transactional
public class Policies {
    private final PolicyRows rows;
    private final AuditTrail audit;
    private final Clock clock;
    private volatile @Nullable Cached cached;

    private record Cached(String stamp, PolicyVersions versions) {}

    Policies(PolicyRows rows, AuditTrail audit, Clock clock) {
        this.rows = rows;
        this.audit = audit;
        this.clock = clock;
    }

    /** The versions in force: built-in and published. Reloaded when another node publishes. */
    @Transactional(readOnly = true)
    public PolicyVersions inForce() {
        String stamp = rows.publishedStamp();
        Cached current = cached;
        if (current != null && current.stamp().equals(stamp)) {
            return current.versions();
        }
        PolicyVersions versions = PolicyVersions.builtIn();
        for (PolicyRows.Row row : rows.withStatus("PUBLISHED")) {
            versions = versions.with(PolicyReader.read(row.document(), "published " + row.id()));
        }
        cached = new Cached(stamp, versions);
        return versions;
    }

    /** The versions in force with a draft added, to see what it would change. */
    @Transactional(readOnly = true)
    public PolicyVersions withDraft(String draftId) {
        StoredPolicy draft = get(draftId);
        if (draft.status() != StoredPolicy.Status.DRAFT) {
            throw new InvalidInputException("/draft", "'" + draftId + "' is not a draft");
        }
        return inForce().with(draft.version());
    }

    /** Every version: built-in, published, and drafts if {@code withDrafts}. */
    @Transactional(readOnly = true)
    public List<StoredPolicy> list(boolean withDrafts) {
        List<StoredPolicy> out = new ArrayList<>();
        for (String id : PolicyVersions.BUILT_IN) {
            out.add(builtIn(id));
        }
        rows.withStatus("PUBLISHED").forEach(r -> out.add(stored(r)));
        if (withDrafts) {
            rows.withStatus("DRAFT").forEach(r -> out.add(stored(r)));
        }
        return out;
    }

    @Transactional(readOnly = true)
    public Optional<StoredPolicy> find(String id) {
        if (PolicyVersions.BUILT_IN.contains(id)) {
            return Optional.of(builtIn(id));
        }
        return rows.find(id).map(this::stored);
    }

    @Transactional(readOnly = true)
    public StoredPolicy get(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("No policy version '" + id + "'"));
    }

    /** The longest policy document kept, in characters. */
    public static final int MAX_DOCUMENT_CHARS = 200_000;

    /** Adds a draft from a YAML (or JSON) document; its id must be new. */
    public StoredPolicy createDraft(String document, Actor by) {
        checkLength(document);
        PolicyVersion version = PolicyReader.read(document, "draft");
        if (find(version.id()).isPresent()) {
            throw new ConflictException("A policy version '" + version.id() + "' already exists");
        }
        Instant now = clock.instant();
        rows.insertDraft(version.id(), version.effectiveFrom(), document, by.id(), now);
        audit.record(
                by,
                "POLICY_DRAFTED",
                "policy",
                version.id(),
                null,
                Map.of("effectiveFrom", version.effectiveFrom().toString()));
        return get(version.id());
    }

    /** Replaces a draft's document (same id). */
    public StoredPolicy replaceDraft(String id, String document, Actor by) {
        StoredPolicy current = draft(id);
        checkLength(document);
        PolicyVersion version = PolicyReader.read(document, "draft " + id);
        if (!version.id().equals(id)) {
            throw new InvalidInputException("/id", "does not match the draft in the URL ('" + id + "')");
        }
        rows.replaceDraft(id, version.effectiveFrom(), document);
        audit.record(by, "POLICY_DRAFT_CHANGED", "policy", id, null, Map.of("revision", current.revision() + 1));
        return get(id);
    }

    private static void checkLength(String document) {
        if (document.length() > MAX_DOCUMENT_CHARS) {
            throw new InvalidInputException(
                    "",
                    "the document is longer than " + MAX_DOCUMENT_CHARS + " characters (" + document.length() + ")");
        }
    }

    public void deleteDraft(String id, Actor by) {
        draft(id);
        rows.deleteDraft(id);
        audit.record(by, "POLICY_DRAFT_DELETED", "policy", id, null, Map.of());
    }

    /**
     * Publishes a draft. It takes effect on its own effectiveFrom, which must be today or later and
     * after every version already in force; from then on the version never changes.
     */
    public StoredPolicy publish(String id, Actor by) {
        StoredPolicy draft = draft(id);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate from = draft.version().effectiveFrom();
        if (from.isBefore(today)) {
            throw new InvalidInputException(
                    "/effectiveFrom",
                    "must be today (" + today + ") or later: a published"
                            + " version never changes decisions already taken");
        }
        PolicyVersions versions = inForce();
        PolicyVersion latest = versions.all().get(versions.all().size() - 1);
        if (!from.isAfter(latest.effectiveFrom())) {
            throw new InvalidInputException(
                    "/effectiveFrom",
                    "must be after " + latest.effectiveFrom() + ", when version " + latest.id() + " takes effect");
        }
        if (!rows.publish(id, by.id(), clock.instant())) {
            throw new ConflictException("Draft '" + id + "' was changed or published meanwhile");
        }
        cached = null;
        audit.record(by, "POLICY_PUBLISHED", "policy", id, null, Map.of("effectiveFrom", from.toString()));
        return get(id);
    }

    private StoredPolicy draft(String id) {
        StoredPolicy policy = get(id);
        if (policy.status() != StoredPolicy.Status.DRAFT) {
            throw new ConflictException("Policy version '" + id + "' is " + policy.status() + " and cannot change");
        }
        return policy;
    }

    private StoredPolicy stored(PolicyRows.Row r) {
        return new StoredPolicy(
                r.id(),
                StoredPolicy.Status.valueOf(r.status()),
                PolicyReader.read(r.document(), r.id()),
                r.document(),
                r.createdBy(),
                r.createdAt().toInstant(),
                r.publishedBy(),
                r.publishedAt() == null ? null : r.publishedAt().toInstant(),
                r.version());
    }

    private static StoredPolicy builtIn(String id) {
        return new StoredPolicy(
                id,
                StoredPolicy.Status.BUILT_IN,
                PolicyVersions.builtIn().byId(id).orElseThrow(),
                PolicyVersions.resource(id),
                null,
                null,
                null,
                null,
                1);
    }
}
