package dev.warden.core.snapshot;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.PartnerId;
import java.util.Optional;

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
    };

    boolean hasPartner(PartnerId id);

    /** The app that already holds an OAuth client with this id, if any. */
    Optional<AppKey> appOwningClient(String clientId);
}
