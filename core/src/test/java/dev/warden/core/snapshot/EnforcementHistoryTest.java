package dev.warden.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.enforcement.ActionStatus;
import dev.warden.core.enforcement.AppealStatus;
import dev.warden.core.enforcement.CaseStatus;
import dev.warden.core.enforcement.EnforcementCase;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Enforcement history in the snapshot format: read, written back unchanged, streamed, checked, seen as of a date. */
class EnforcementHistoryTest {
    static byte[] document() throws IOException {
        return SnapshotCodecTest.resource("history.json");
    }

    static EnforcementCase fixed() throws IOException {
        return SnapshotCodec.read(document()).enforcementCases().get(0);
    }

    @Test
    void readsWritesBackAndStreamsTheHistory() throws IOException {
        Snapshot snapshot = SnapshotCodec.read(document());
        assertThat(snapshot.enforcementCases()).extracting(EnforcementCase::id).containsExactly(1L, 2L);
        EnforcementCase first = snapshot.enforcementCases().get(0);
        assertThat(first.actions())
                .extracting(EnforcementCase.Action::status)
                .containsExactly(ActionStatus.APPLIED, ActionStatus.LIFTED, ActionStatus.APPLIED);
        assertThat(first.actions().get(1).effect().listings()).singleElement().satisfies(l -> {
            assertThat(l.from()).isEqualTo("LISTED");
            assertThat(l.to()).isEqualTo("HIDDEN");
        });
        assertThat(first.actions().get(2).lifts()).isEqualTo(2L);

        byte[] written = SnapshotCodec.write(snapshot);
        assertThat(SnapshotCodec.read(written)).isEqualTo(snapshot);
        assertThat(SnapshotCodec.write(SnapshotCodec.read(written))).isEqualTo(written);

        List<EnforcementCase> streamed = new ArrayList<>();
        SnapshotStream.read(new ByteArrayInputStream(written), new SnapshotStream.Handler() {
            @Override
            public void enforcementCase(EnforcementCase c) {
                streamed.add(c);
            }
        });
        assertThat(streamed).isEqualTo(snapshot.enforcementCases());
    }

    @Test
    void aCaseAsOfAnInstantShowsEachActionAsItStoodThen() throws IOException {
        EnforcementCase c = fixed();
        assertThat(c.asOf(Instant.parse("2026-04-30T00:00:00Z"))).isNull();

        EnforcementCase warned = c.asOf(Instant.parse("2026-05-01T12:00:00Z"));
        assertThat(warned.status()).isEqualTo(CaseStatus.OPEN);
        assertThat(warned.actions()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(ActionStatus.PROPOSED);
            assertThat(a.votes()).isEmpty();
            assertThat(a.appliedAt()).isNull();
        });
        // The outreach came before the case; its answer too.
        assertThat(warned.outreach())
                .singleElement()
                .satisfies(o -> assertThat(o.answer()).isNotNull());

        EnforcementCase hiddenAndAppealed = c.asOf(Instant.parse("2026-06-04T00:00:00Z"));
        assertThat(hiddenAndAppealed.actions())
                .extracting(EnforcementCase.Action::status)
                .containsExactly(ActionStatus.APPLIED, ActionStatus.APPLIED);
        assertThat(hiddenAndAppealed.actions().get(1).undoneAt()).isNull();
        assertThat(hiddenAndAppealed.actions().get(1).appeals()).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo(AppealStatus.OPEN);
            assertThat(p.decisionNote()).isNull();
        });
        assertThat(c.asOf(Instant.parse("2026-06-06T00:00:00Z"))
                        .actions()
                        .get(1)
                        .appeals()
                        .get(0)
                        .status())
                .isEqualTo(AppealStatus.DENIED);

        EnforcementCase resolved = c.asOf(Instant.parse("2026-07-01T12:00:00Z"));
        assertThat(resolved.status()).isEqualTo(CaseStatus.RESOLVED);
        assertThat(resolved.closedAt()).isNull();
        assertThat(resolved.actions())
                .extracting(EnforcementCase.Action::status)
                .containsExactly(ActionStatus.APPLIED, ActionStatus.APPLIED, ActionStatus.PROPOSED);

        EnforcementCase closed = c.asOf(Instant.parse("2026-07-03T00:00:00Z"));
        assertThat(closed).isEqualTo(c);
    }

    @Test
    void duplicateIdsAndUnknownPartnersAreNamedWhereTheyAre() throws IOException {
        String text = new String(document(), StandardCharsets.UTF_8)
                .replace("\"id\": 4,", "\"id\": 2,")
                .replace(
                        "\"partner\": \"silent-co\",\n      \"status\": \"OPEN\"",
                        "\"partner\": \"nobody\",\n      \"status\": \"OPEN\"");
        assertThatThrownBy(() -> SnapshotCodec.read(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::toString)
                                .containsExactlyInAnyOrder(
                                        "/enforcementCases/1/actions/0/id: action 2 appears twice (first at"
                                                + " /enforcementCases/0/actions/1/id)",
                                        "/enforcementCases/1/partner: no partner 'nobody' in this document or in Warden"));
    }

    @Test
    void anInconsistentActionIsRefusedWithItsLocation() throws IOException {
        // LIFTED without the instant it was undone.
        String text =
                new String(document(), StandardCharsets.UTF_8).replace("\"undoneAt\": \"2026-07-02T09:00:00Z\",", "");
        assertThatThrownBy(() -> SnapshotCodec.read(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                            assertThat(err.pointer()).startsWith("/enforcementCases/0/actions/1");
                            assertThat(err.message()).contains("undoneAt");
                        }));
    }
}
