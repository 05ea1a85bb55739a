package dev.warden.core.obligations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.catalog.AppKey;
import dev.warden.core.catalog.PartnerId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentTest {
    static final IncidentReview REVIEW = new IncidentReview(
            "Export bucket public for 3 hours",
            "08:00 aware; 09:00 contained",
            "A Terraform change made the bucket public",
            "Exports of 40 customers readable",
            "40 customers on the EU shard",
            "Bucket private, keys rotated",
            "Policy-as-code check on bucket ACLs");

    static Incident reported() {
        return new Incident(
                "INC-7",
                PartnerId.of("acme"),
                List.of(AppKey.of("com.acme.app")),
                IncidentCategory.DATA_EXPOSURE,
                "Public export bucket",
                Instant.parse("2026-06-01T08:00:00Z"),
                Instant.parse("2026-06-01T10:00:00Z"),
                true,
                40,
                List.of());
    }

    static IncidentEvent at(IncidentEvent.Type type, String when, String text) {
        return new IncidentEvent(type, Instant.parse(when), "sec@acme.example", text, null, null);
    }

    @Test
    void anIncidentClosesOnlyOnceContainedReviewedAndCustomersNotified() {
        Incident i = reported();
        assertThatThrownBy(() -> i.with(new IncidentEvent(
                        IncidentEvent.Type.CLOSED, Instant.parse("2026-06-02T00:00:00Z"), "op", null, null, null)))
                .hasMessageContaining("once contained and reviewed");
        assertThatThrownBy(() -> i.with(new IncidentEvent(
                        IncidentEvent.Type.REVIEW, Instant.parse("2026-06-02T00:00:00Z"), "op", null, null, REVIEW)))
                .hasMessageContaining("after containment");
        Incident reviewed = i.with(new IncidentEvent(
                        IncidentEvent.Type.CONTAINED, Instant.parse("2026-06-01T11:00:00Z"), "op", null, null, null))
                .with(new IncidentEvent(
                        IncidentEvent.Type.REVIEW, Instant.parse("2026-06-05T00:00:00Z"), "op", null, null, REVIEW));
        assertThatThrownBy(() -> reviewed.with(new IncidentEvent(
                        IncidentEvent.Type.CLOSED, Instant.parse("2026-06-06T00:00:00Z"), "op", null, null, null)))
                .hasMessageContaining("notified");
        Incident closed = reviewed.with(at(IncidentEvent.Type.CUSTOMERS_NOTIFIED, "2026-06-05T01:00:00Z", "sent"))
                .with(new IncidentEvent(
                        IncidentEvent.Type.CLOSED, Instant.parse("2026-06-06T00:00:00Z"), "op", null, null, null));
        assertThat(closed.open()).isFalse();
        assertThatThrownBy(() -> closed.with(at(IncidentEvent.Type.UPDATE, "2026-06-07T00:00:00Z", "more")))
                .hasMessageContaining("nothing follows closing");
    }

    @Test
    void eventsCannotGoBackInTimeOrPrecedeTheReport() {
        assertThatThrownBy(() -> reported().with(at(IncidentEvent.Type.UPDATE, "2026-06-01T09:00:00Z", "x")))
                .hasMessageContaining("before the report");
        assertThatThrownBy(() -> new Incident(
                        "INC-7",
                        PartnerId.of("acme"),
                        List.of(AppKey.of("com.acme.app")),
                        IncidentCategory.OTHER,
                        "t",
                        Instant.parse("2026-06-02T00:00:00Z"),
                        Instant.parse("2026-06-01T00:00:00Z"),
                        false,
                        0,
                        null))
                .hasMessageContaining("reportedAt must not be before awareAt");
    }

    @Test
    void anUpdateRevisesTheCountOfAffectedCustomers() {
        Incident i = reported()
                .with(new IncidentEvent(
                        IncidentEvent.Type.UPDATE, Instant.parse("2026-06-02T00:00:00Z"), "op", "more", 55L, null));
        assertThat(i.customersAffectedNow()).isEqualTo(55);
    }

    @Test
    void theCustomerNoticeIsDraftedFromTheTemplateWithTheIncidentsFacts() {
        Incident i = reported()
                .with(new IncidentEvent(
                        IncidentEvent.Type.CONTAINED, Instant.parse("2026-06-01T11:00:00Z"), "op", null, null, null))
                .with(new IncidentEvent(
                        IncidentEvent.Type.REVIEW, Instant.parse("2026-06-05T00:00:00Z"), "op", null, null, REVIEW));
        String notice = CustomerNotice.draft(
                "Dear customer of {{apps}}: on {{awareDate}} {{partner}} found {{category}} ({{incidentId}}),"
                        + " {{status}} on {{containedDate}}. Cause: {{rootCause}}. {{ prevention }}.",
                i,
                "Acme",
                List.of("Acme App"));
        assertThat(notice)
                .isEqualTo("Dear customer of Acme App: on 2026-06-01 Acme found data exposure (INC-7), contained on"
                        + " 2026-06-01. Cause: A Terraform change made the bucket public. Policy-as-code check on"
                        + " bucket ACLs.");
        assertThat(CustomerNotice.unknownPlaceholders("{{partner}} {{secret}} {{x}}"))
                .containsExactly("secret", "x");
        assertThatThrownBy(() -> CustomerNotice.draft("{{nope}}", i, "Acme", List.of()))
                .hasMessageContaining("unknown placeholders [nope]");
    }
}
