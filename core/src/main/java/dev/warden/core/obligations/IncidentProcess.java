package dev.warden.core.obligations;

import dev.warden.core.catalog.PartnerId;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A partner's documented security incident response process (docs/policy section 7: "All Marketplace
 * partners are expected to maintain a documented security incident response process covering" prompt
 * investigation, immediate containment and active collaboration with the operator). Warden keeps every
 * attestation, oldest first, so the process can be judged as it stood at any instant.
 */
public record IncidentProcess(PartnerId partner, List<Attestation> attestations) {
    /** Where a partner's process stands at an instant, worst first. */
    public enum Standing {
        /** Nothing attested by then. */
        MISSING,
        /** The last review is older than the review period. */
        STALE,
        /** Attested and current, but the document leaves out an element the policy names. */
        INCOMPLETE,
        CURRENT
    }

    /** The most attestations kept; the oldest are dropped beyond it (yearly reviews make a few). */
    public static final int MAX_ATTESTATIONS = 100;

    /** What the policy says the process must cover. */
    public enum Element {
        /** "Prompt investigation of any suspected or confirmed security incident." */
        INVESTIGATION,
        /** "Immediate containment of customer impact." */
        CONTAINMENT,
        /** "Active collaboration with Atlassian throughout remediation" (details, root cause, status). */
        COLLABORATION;

        /** For people: "containment". */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The partner's statement that its process is documented and was reviewed.
     *
     * @param attestedAt when it was recorded in Warden
     * @param attestedBy who stated it (a person's name or email)
     * @param document where the document lives: an https (or http) link the operator can open
     * @param reviewedOn when the partner last reviewed the document; not after the day it was attested
     * @param covers which of the three elements the document covers
     */
    public record Attestation(
            Instant attestedAt,
            String attestedBy,
            String document,
            LocalDate reviewedOn,
            Set<Element> covers,
            @Nullable String notes) {
        public Attestation(
                Instant attestedAt,
                String attestedBy,
                String document,
                LocalDate reviewedOn,
                @Nullable Set<Element> covers,
                @Nullable String notes) {
            this.attestedAt = attestedAt;
            this.attestedBy = Checks.line(attestedBy, "attestedBy");
            this.document = link(document);
            if (reviewedOn.isAfter(attestedAt.atZone(ZoneOffset.UTC).toLocalDate())) {
                throw new IllegalArgumentException("reviewedOn must not be after the day of the attestation");
            }
            this.reviewedOn = reviewedOn;
            this.covers = covers == null || covers.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(covers));
            this.notes = notes == null || notes.isBlank() ? null : Checks.text(notes, "notes");
        }

        /** The last day the review is current: {@code reviewedOn} plus the review period. */
        public LocalDate reviewDue(int reviewEveryMonths) {
            return reviewedOn.plusMonths(reviewEveryMonths);
        }

        /** The first instant the review is out of date: the start of the day after {@link #reviewDue}. */
        public Instant staleFrom(int reviewEveryMonths) {
            return reviewDue(reviewEveryMonths)
                    .plusDays(1)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
        }

        /** The elements the document does not cover, in the policy's order. */
        public List<Element> missing() {
            List<Element> out = new ArrayList<>();
            for (Element e : Element.values()) {
                if (!covers.contains(e)) {
                    out.add(e);
                }
            }
            return out;
        }

        private static String link(String value) {
            if (value.isBlank() || value.length() > 2000) {
                throw new IllegalArgumentException("document must be a link of 1 to 2000 characters");
            }
            try {
                URI uri = new URI(value.strip());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                    throw new IllegalArgumentException(
                            "document must be an https link to the process document, for example"
                                    + " https://vendor.example/security/incident-response");
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("document is not a link: " + e.getReason());
            }
            return value.strip();
        }
    }

    public IncidentProcess(PartnerId partner, @Nullable List<Attestation> attestations) {
        this.partner = partner;
        List<Attestation> given = attestations == null ? List.of() : attestations;
        for (int i = 1; i < given.size(); i++) {
            if (given.get(i).attestedAt().isBefore(given.get(i - 1).attestedAt())) {
                throw new IllegalArgumentException("attestations must be in the order they were made");
            }
        }
        this.attestations = List.copyOf(
                given.size() > MAX_ATTESTATIONS ? given.subList(given.size() - MAX_ATTESTATIONS, given.size()) : given);
    }

    /** This record with one more attestation, made now. */
    public IncidentProcess with(Attestation attestation) {
        List<Attestation> more = new ArrayList<>(attestations);
        more.add(attestation);
        return new IncidentProcess(partner, more);
    }

    /** The attestation in force at {@code at}: the latest made by then; empty when none was. */
    public Optional<Attestation> asOf(Instant at) {
        Attestation found = null;
        for (Attestation a : attestations) {
            if (!a.attestedAt().isAfter(at)) {
                found = a;
            }
        }
        return Optional.ofNullable(found);
    }

    /** How the process stands at {@code at}, its reviews current for {@code reviewEveryMonths}. */
    public Standing standingAt(Instant at, int reviewEveryMonths) {
        return standing(asOf(at), at, reviewEveryMonths);
    }

    /** How an attestation (or none) stands at {@code at}. */
    public static Standing standing(Optional<Attestation> current, Instant at, int reviewEveryMonths) {
        if (current.isEmpty()) {
            return Standing.MISSING;
        }
        if (!at.isBefore(current.get().staleFrom(reviewEveryMonths))) {
            return Standing.STALE;
        }
        return current.get().missing().isEmpty() ? Standing.CURRENT : Standing.INCOMPLETE;
    }

    /** The latest attestation. */
    public Optional<Attestation> latest() {
        return attestations.isEmpty() ? Optional.empty() : Optional.of(attestations.get(attestations.size() - 1));
    }
}
