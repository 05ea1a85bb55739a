package dev.warden.core.snapshot;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.PartnerId;
import java.util.Optional;
import java.util.Set;

/** What the receiving side already holds, so a document may refer to it. */
public interface KnownCatalog {
    /** Nothing is known: a document must stand on its own. */
    KnownCatalog EMPTY = new KnownCatalog() {
        @Override
        public boolean hasPartner(PartnerId id) {
            return false;
        }

        @Override
        public Optional<AppKey> appOwningClient(String clientId) {
            return Optional.empty();
        }

        @Override
        public Optional<Set<Hosting>> hostingsOf(AppKey app) {
            return Optional.empty();
        }
    };

    boolean hasPartner(PartnerId id);

    /** The app that already holds an OAuth client with this id, if any. */
    Optional<AppKey> appOwningClient(String clientId);

    /** The hosting types an app already known has listings for; empty if the app is not known. */
    Optional<Set<Hosting>> hostingsOf(AppKey app);

    /** The partner owning an app already known; empty if the app is not known. */
    default Optional<PartnerId> partnerOf(AppKey app) {
        return Optional.empty();
    }
}
