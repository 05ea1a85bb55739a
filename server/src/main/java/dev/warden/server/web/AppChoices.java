package dev.warden.server.web;

import dev.warden.core.catalog.App;
import dev.warden.server.catalog.AppQuery;
import dev.warden.server.catalog.Apps;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Versioned;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The apps a form offers to choose from (a datalist: typing filters it, and any key may still be typed):
 * those the person may see, by name, at most {@link Paging#MAX_SIZE}.
 */
@Component
class AppChoices {
    /** One choice: the value is the key, the label says which app it is. */
    record Choice(String key, String label) {}

    private final Apps apps;

    AppChoices(Apps apps) {
        this.apps = apps;
    }

    List<Choice> of(Actor actor) {
        return apps
                .list(new AppQuery(null, null, null, null, null, null, "name"), new Paging(0, Paging.MAX_SIZE), actor)
                .items()
                .stream()
                .map(Versioned::value)
                .map((App a) -> new Choice(a.key().value(), a.key().value() + " — " + a.name()))
                .toList();
    }
}
