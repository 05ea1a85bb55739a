package dev.warden.core.compliance;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.PartnerId;

/**
 * What a violation is about, and so what enforcement acts on: a partner, an app, or one listing of
 * an app. Every subject knows its partner, for tenancy and for partner-level steps.
 */
public sealed interface Subject extends Comparable<Subject> {
    PartnerId partner();

    /** {@code partner}, {@code app} or {@code listing}. */
    String type();

    /** The id within its type: {@code acme}, {@code com.acme.app}, {@code com.acme.app/CLOUD}. */
    String id();

    @Override
    default int compareTo(Subject other) {
        int type = type().compareTo(other.type());
        return type != 0 ? type : id().compareTo(other.id());
    }

    /** A partner as a whole. */
    record Partner(PartnerId partner) implements Subject {
        @Override
        public String type() {
            return "partner";
        }

        @Override
        public String id() {
            return partner.value();
        }
    }

    /** An app, all its listings. */
    record App(AppKey app, PartnerId partner) implements Subject {
        @Override
        public String type() {
            return "app";
        }

        @Override
        public String id() {
            return app.value();
        }
    }

    /** One listing of an app. */
    record Listing(AppKey app, Hosting hosting, PartnerId partner) implements Subject {
        @Override
        public String type() {
            return "listing";
        }

        @Override
        public String id() {
            return app.value() + "/" + hosting.name();
        }
    }
}
