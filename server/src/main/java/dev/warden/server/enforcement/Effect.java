package dev.warden.server.enforcement;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an applied action changed in the catalog, stored with the action so that undoing it restores
 * exactly the previous state and nothing else.
 *
 * @param listings listings whose state changed
 * @param badges badges removed from apps
 * @param partner the partner's status change, if any
 * @param notes what a reader should know (a warning's window, something left as it was on undoing)
 */
record Effect(
        List<ListingChange> listings,
        List<BadgeChange> badges,
        @Nullable StatusChange partner,
        List<String> notes) {

    Effect {
        listings = List.copyOf(listings);
        badges = List.copyOf(badges);
        notes = List.copyOf(notes);
    }

    record ListingChange(String app, String hosting, String from, String to) {}

    record BadgeChange(String app, List<String> removed) {}

    record StatusChange(String from, String to) {}

    boolean changesCatalog() {
        return !listings.isEmpty() || !badges.isEmpty() || partner != null;
    }

    String json() {
        return JsonMapper.shared().writeValueAsString(this);
    }

    static Effect parse(String json) {
        return JsonMapper.shared().readValue(json, Effect.class);
    }
}
