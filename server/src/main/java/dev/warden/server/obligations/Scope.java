package dev.warden.server.obligations;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.PartnerId;
import dev.warden.core.validation.FieldError;
import dev.warden.server.catalog.Apps;
import dev.warden.server.catalog.Partners;
import dev.warden.server.shared.Actor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Which partner a request is about, and which of its apps: a partner's actor only ever reaches its own. */
final class Scope {
    private Scope() {}

    /** The partner a new record belongs to: the actor's own, or the one an operator names (and that exists). */
    static @Nullable PartnerId owner(
            @Nullable String requested, Actor actor, Partners partners, List<FieldError> errors) {
        PartnerId own = actor.partner();
        if (own != null) {
            if (requested != null && !requested.equals(own.value())) {
                errors.add(new FieldError("/partner", "no partner '" + requested + "'"));
            }
            return own;
        }
        if (requested == null || !PartnerId.isValid(requested)) {
            errors.add(new FieldError("/partner", "is required: the partner's id"));
            return null;
        }
        PartnerId id = PartnerId.of(requested);
        if (!partners.exists(id)) {
            errors.add(new FieldError("/partner", "no partner '" + requested + "'"));
            return null;
        }
        return id;
    }

    /** The apps named, each an app of {@code partner}; another partner's app is answered like a missing one. */
    static List<AppKey> apps(
            @Nullable List<String> named, @Nullable PartnerId partner, Apps apps, List<FieldError> errors) {
        List<AppKey> keys = new ArrayList<>();
        if (named == null || named.isEmpty()) {
            errors.add(new FieldError("/apps", "name at least one app"));
            return keys;
        }
        if (new HashSet<>(named).size() != named.size()) {
            errors.add(new FieldError("/apps", "must not name an app twice"));
        }
        for (int i = 0; i < named.size(); i++) {
            String key = named.get(i);
            boolean ours = key != null
                    && AppKey.isValid(key)
                    && partner != null
                    && apps.find(AppKey.of(key))
                            .map(v -> v.value().partner().equals(partner))
                            .orElse(false);
            if (!ours) {
                errors.add(new FieldError(
                        "/apps/" + i,
                        "no app '" + key + "'" + (partner == null ? "" : " of partner '" + partner + "'")));
            } else {
                keys.add(AppKey.of(key));
            }
        }
        return keys;
    }
}
