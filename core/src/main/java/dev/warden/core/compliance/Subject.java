package dev.warden.core.compliance;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.PartnerId;

/**
 * What a violation is about, and so what enforcement acts on: a partner, an app, one listing of an
 * app, or a bug bounty program. Every subject knows its partner, for tenancy and for partner-level steps.
 */
public sealed interface Subject extends Comparable<Subject> {
    PartnerId partner();

    /** {@code partner}, {@code app}, {@code listing} or {@code program}. */
    String type();

    /** The id within its type: {@code acme}, {@code com.acme.app}, {@code com.acme.app/CLOUD}. */
    String id();

    /** By type, then id; listings by app, then hosting (without building their ids: rules sort many). */
    @Override
    default int compareTo(Subject other) {
        int type = type().compareTo(other.type());
        if (type != 0) {
            return type;
        }
        if (this instanceof Listing mine && other instanceof Listing theirs) {
            int app = mine.app().compareTo(theirs.app());
            return app != 0 ? app : mine.hosting().compareTo(theirs.hosting());
        }
        return id().compareTo(other.id());
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

    /** A bug bounty program of the partner. */
    record Program(String program, PartnerId partner) implements Subject {
        @Override
        public String type() {
            return "program";
        }

        @Override
        public String id() {
            return program;
        }
    }
}
