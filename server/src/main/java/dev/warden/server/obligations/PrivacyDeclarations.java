package dev.warden.server.obligations;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.SecretStorage;
import dev.warden.core.compliance.Breaches;
import dev.warden.core.compliance.DisclosureReconciliation;
import dev.warden.core.compliance.Facts;
import dev.warden.core.obligations.PrivacyDeclaration;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.catalog.Apps;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Versioned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an app's Privacy and Security tab declares (docs/obligations.md): the partner declares, every
 * declaration is kept, and the one in force is reconciled with what Warden observes
 * ({@code DISCLOSURE-MISMATCH}).
 */
@Service
public class PrivacyDeclarations {
    private final ObligationStore store;
    private final Apps apps;
    private final ObligationFacts facts;

    PrivacyDeclarations(ObligationStore store, Apps apps, ObligationFacts facts) {
        this.store = store;
        this.apps = apps;
        this.facts = facts;
    }

    /**
     * An app's declarations and how the one in force compares with what Warden observes now.
     *
     * @param current the declaration in force (absent: none made)
     * @param differences each difference between it and what Warden observes, one sentence each
     * @param history every declaration, newest first
     * @param observed each listing's latest observation of the hosts its scanned descriptors name
     */
    public record DeclarationView(
            String app,
            PrivacyDeclaration.@Nullable Declared current,
            List<String> differences,
            List<PrivacyDeclaration.Declared> history,
            List<PrivacyDeclaration.Observed> observed,
            int version) {}

    /** A declaration, made now by the caller. */
    public record Declare(
            @Nullable String appVersion,
            @Nullable Boolean storesData,
            @Nullable List<String> storageRegions,
            @Nullable List<String> egressDomains,
            @Nullable Boolean handlesUserApiTokens,
            @Nullable SecretStorage oauthSecretStorage,
            @Nullable List<String> subprocessors) {}

    @Transactional(readOnly = true)
    public DeclarationView get(String app, Actor actor) {
        App owned = store.visibleApp(app, actor);
        return view(owned, read(owned.key()));
    }

    @Transactional
    public DeclarationView declare(String app, Declare body, Actor actor) {
        App owned = store.visibleApp(app, actor);
        List<FieldError> errors = new ArrayList<>();
        if (body.storesData() == null) {
            errors.add(new FieldError("/storesData", "is required: true or false"));
        }
        if (body.handlesUserApiTokens() == null) {
            errors.add(new FieldError("/handlesUserApiTokens", "is required: true or false"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid declaration", errors);
        }
        Instant now = store.now();
        String by = actor.name().length() > 200 ? actor.name().substring(0, 200) : actor.name();
        PrivacyDeclaration.Declared declared;
        try {
            declared = new PrivacyDeclaration.Declared(
                    now,
                    by,
                    body.appVersion() == null || body.appVersion().isBlank()
                            ? null
                            : body.appVersion().strip(),
                    Boolean.TRUE.equals(body.storesData()),
                    body.storageRegions(),
                    body.egressDomains(),
                    Boolean.TRUE.equals(body.handlesUserApiTokens()),
                    body.oauthSecretStorage(),
                    body.subprocessors());
        } catch (IllegalArgumentException e) {
            // The record names the field first ("egressDomains: ..."); point at it.
            String message = String.valueOf(e.getMessage());
            String field = message.split("[: ]", 2)[0];
            boolean known = List.of("appVersion", "storageRegions", "egressDomains", "subprocessors")
                    .contains(field);
            throw new InvalidInputException(known ? "/" + field : "", message);
        }
        Versioned<PrivacyDeclaration> read = read(owned.key());
        PrivacyDeclaration changed = read.value().with(declared);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("storesData", declared.storesData());
        details.put("egressDomains", declared.egressDomains());
        details.put("handlesUserApiTokens", declared.handlesUserApiTokens());
        details.put("oauthSecretStorage", String.valueOf(declared.oauthSecretStorage()));
        Versioned<PrivacyDeclaration> written = read.version() == 0
                ? store.create(changed, owned.partner(), actor, "PRIVACY_DECLARED", details)
                : store.replace(
                        read, changed, OptionalInt.empty(), owned.partner(), actor, "PRIVACY_DECLARED", details);
        return view(owned, written);
    }

    /**
     * Keeps what a scan saw the app's descriptors declare it talks to; nothing when the listing's last
     * observation saw the same hosts, or when the app is gone. In a transaction of its own: it is called
     * after the scan's transaction committed.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
    public void observe(AppKey app, PrivacyDeclaration.Observed seen) {
        App owned = apps.find(app).map(Versioned::value).orElse(null);
        if (owned == null) {
            return;
        }
        Versioned<PrivacyDeclaration> read = read(app);
        PrivacyDeclaration changed = read.value().with(seen);
        if (changed == read.value()) {
            return;
        }
        Actor scanner = Actor.system("scanner");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("hosting", seen.hosting().name());
        details.put("version", seen.version());
        details.put("domains", seen.domains());
        if (read.version() == 0) {
            store.create(changed, owned.partner(), scanner, "PRIVACY_EGRESS_OBSERVED", details);
        } else {
            store.replace(
                    read, changed, OptionalInt.empty(), owned.partner(), scanner, "PRIVACY_EGRESS_OBSERVED", details);
        }
    }

    private Versioned<PrivacyDeclaration> read(AppKey app) {
        return store.exists(Kind.PRIVACY_DECLARATION, app.value())
                ? store.get(
                        Kind.PRIVACY_DECLARATION,
                        app.value(),
                        PrivacyDeclaration.class,
                        Actor.system("privacy"),
                        "privacy declaration")
                : new Versioned<>(new PrivacyDeclaration(app, List.of()), 0);
    }

    private DeclarationView view(App app, Versioned<PrivacyDeclaration> v) {
        Instant now = store.now();
        PrivacyDeclaration record = v.value();
        PrivacyDeclaration.Declared current = record.asOf(now).orElse(null);
        List<String> differences = current == null
                ? List.of()
                : DisclosureReconciliation.differences(
                        app, current, new Facts(now, List.of(), List.of(app), new Breaches(), facts.of(app.partner())));
        List<PrivacyDeclaration.Declared> history = new ArrayList<>(record.declarations());
        java.util.Collections.reverse(history);
        return new DeclarationView(
                app.key().value(), current, differences, history, record.observedAsOf(now), v.version());
    }
}
