package dev.warden.server.reviews;

import dev.warden.core.catalog.App;
import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.Listing;
import dev.warden.core.catalog.ListingState;
import dev.warden.core.catalog.PartnerId;
import dev.warden.server.catalog.Apps;
import dev.warden.server.reviews.SubmissionViews.Kind;
import dev.warden.server.scanning.AppVersions;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Versioned;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.springframework.stereotype.Component;

/**
 * What an approval puts on the marketplace: a new app with its one listing, or a new listing of an
 * existing app; in every case the reviewed artifact becomes the listing's version (whose scan result then
 * applies at once, opening tickets for anything an override let through).
 */
@Component
class ApprovedSubmissions {
    private final Apps apps;
    private final AppVersions versions;
    private final Clock clock;

    ApprovedSubmissions(Apps apps, AppVersions versions, Clock clock) {
        this.apps = apps;
        this.versions = versions;
        this.clock = clock;
    }

    void apply(SubmissionRows.Row row, Actor by) {
        Hosting hosting = Hosting.valueOf(row.hosting());
        Kind kind = Kind.valueOf(row.kind());
        if (kind == Kind.NEW_APP) {
            apps.create(
                    new App(
                            AppKey.of(row.appKey()),
                            Objects.requireNonNull(row.appName()),
                            PartnerId.of(row.partnerId()),
                            LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC),
                            null,
                            List.of(new Listing(hosting, ListingState.LISTED, false, 0)),
                            null),
                    by);
        } else if (kind == Kind.NEW_HOSTING) {
            Versioned<App> current = apps.get(AppKey.of(row.appKey()));
            App app = current.value();
            List<Listing> listings = new ArrayList<>(app.listings());
            listings.add(new Listing(hosting, ListingState.LISTED, false, 0));
            apps.replace(app.withListings(listings), OptionalInt.of(current.version()), by);
        }
        versions.addStored(row.appKey(), hosting, row.version(), row.sha256(), by);
    }
}
