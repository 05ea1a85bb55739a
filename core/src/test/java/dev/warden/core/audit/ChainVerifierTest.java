package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

    static List<ChainedEntry> chain(int n) {
        return chain(n, ChainHash.CANONICAL);
    }

    static List<ChainedEntry> chain(int n, int scheme) {
        List<ChainedEntry> entries = new ArrayList<>();
        String prev = ChainHash.GENESIS;
        for (int i = 1; i <= n; i++) {
            ChainedEntry entry = entry(i, scheme, i % 2 == 0 ? "acme" : null, "{\"n\":" + i + "}", prev)
                    .sealed();
            entries.add(entry);
            prev = entry.hash();
        }
        return entries;
    }

    static ChainedEntry entry(long seq, int scheme, @Nullable String partner, String details, String prev) {
        return new ChainedEntry(
                seq,
                scheme,
                Instant.parse("2026-04-15T10:00:00Z").plusSeconds(seq),
                "USER",
                "ana",
                "PARTNER_UPDATED",
                "partner",
                "acme",
                partner,
                details,
                prev,
                "");
    }

    static ChainCheck verify(List<ChainedEntry> entries, long headSeq, String headHash) {
        return verify(entries, headSeq, headHash, List.of());
    }

    static ChainCheck verify(List<ChainedEntry> entries, long headSeq, String headHash, List<Checkpoint> checkpoints) {
        ChainVerifier verifier = new ChainVerifier(checkpoints);
        entries.forEach(verifier::accept);
        return verifier.result(headSeq, headHash);
    }

    /** The chain rebuilt from {@code from} (0-based) onwards, every later hash recomputed. */
    static List<ChainedEntry> rechained(List<ChainedEntry> entries, int from) {
        List<ChainedEntry> out = new ArrayList<>(entries.subList(0, from));
        String prev = from == 0 ? ChainHash.GENESIS : entries.get(from - 1).hash();
        for (ChainedEntry e : entries.subList(from, entries.size())) {
            ChainedEntry relinked = new ChainedEntry(
                            e.seq(),
                            e.scheme(),
                            e.at(),
                            e.actorKind(),
                            e.actorId(),
                            e.action(),
                            e.subjectType(),
                            e.subjectId(),
                            e.partner(),
                            e.details(),
                            prev,
                            "")
                    .sealed();
            out.add(relinked);
            prev = relinked.hash();
        }
        return out;
    }

    static Checkpoint checkpointOf(ChainedEntry e) {
        return new Checkpoint(e.seq(), e.hash(), Instant.parse("2026-04-16T00:00:00Z"));
    }

    @Test
    void anUntouchedChainIsIntact() {
        List<ChainedEntry> entries = chain(5);
        ChainCheck check = verify(entries, 5, entries.get(4).hash());

        assertThat(check.intact()).isTrue();
        assertThat(check.checked()).isEqualTo(5);
        assertThat(check.checkpointSeq()).isNull();
    }

    @Test
    void anEditedEntryIsTheFirstBrokenLink() {
        List<ChainedEntry> entries = chain(5);
        ChainedEntry e = entries.get(2);
        entries.set(
                2,
                new ChainedEntry(
                        e.seq(),
                        e.scheme(),
                        e.at(),
                        e.actorKind(),
                        "mallory",
                        e.action(),
                        e.subjectType(),
                        e.subjectId(),
                        e.partner(),
                        e.details(),
                        e.prevHash(),
                        e.hash()));

        ChainCheck check = verify(entries, 5, entries.get(4).hash());

        assertThat(check.brokenAt()).isEqualTo(3);
        assertThat(check.problem()).contains("content does not match");
        assertThat(check.checked()).isEqualTo(2);
    }

    @Test
    void aRehashedEditStillBreaksTheNextLink() {
        List<ChainedEntry> entries = chain(5);
        ChainedEntry e = entries.get(1);
        entries.set(
                1,
                entry(e.seq(), e.scheme(), e.partner(), "{\"n\":999}", e.prevHash())
                        .sealed());

        assertThat(verify(entries, 5, entries.get(4).hash()).brokenAt()).isEqualTo(3);
    }

    @Test
    void aDeletedEntryOrTailIsFound() {
        List<ChainedEntry> entries = chain(5);
        String lastHash = entries.get(4).hash();
        List<ChainedEntry> gap = new ArrayList<>(entries);
        gap.remove(2);
        List<ChainedEntry> tail = new ArrayList<>(entries.subList(0, 3));

        assertThat(verify(gap, 5, lastHash).problem()).isEqualTo("entry 3 is missing (the next entry is 4)");
        assertThat(verify(tail, 5, lastHash).problem()).isEqualTo("entries 4 to 5 were removed");
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        assertThat(ChainHash.of(List.of("ab", "c"))).isNotEqualTo(ChainHash.of(List.of("a", "bc")));
        assertThat(ChainHash.canonical(List.of("ab", "c"))).isNotEqualTo(ChainHash.canonical(List.of("a", "bc")));
    }

    @Test
    void theCanonicalSchemeTellsAbsentFromEmptyWhereTheLegacyOneDidNot() {
        ChainedEntry none = entry(1, ChainHash.CANONICAL, null, "{}", ChainHash.GENESIS);
        ChainedEntry empty = entry(1, ChainHash.CANONICAL, "", "{}", ChainHash.GENESIS);
        assertThat(none.expectedHash()).isNotEqualTo(empty.expectedHash());

        ChainedEntry legacyNone = entry(1, ChainHash.LEGACY, null, "{}", ChainHash.GENESIS);
        ChainedEntry legacyEmpty = entry(1, ChainHash.LEGACY, "", "{}", ChainHash.GENESIS);
        assertThat(legacyNone.expectedHash()).isEqualTo(legacyEmpty.expectedHash());
        // And the schemes never agree, so an entry cannot be passed off under the other one.
        assertThat(none.expectedHash()).isNotEqualTo(legacyNone.expectedHash());
    }

    @Test
    void aMicrosecondMovedIsAChangedEntryNotAnError() {
        for (int scheme : List.of(ChainHash.LEGACY, ChainHash.CANONICAL)) {
            List<ChainedEntry> entries = chain(3, scheme);
            ChainedEntry e = entries.get(1);
            entries.set(
                    1,
                    new ChainedEntry(
                            e.seq(),
                            e.scheme(),
                            e.at().plus(1, ChronoUnit.MICROS),
                            e.actorKind(),
                            e.actorId(),
                            e.action(),
                            e.subjectType(),
                            e.subjectId(),
                            e.partner(),
                            e.details(),
                            e.prevHash(),
                            e.hash()));

            ChainCheck check = verify(entries, 3, entries.get(2).hash());
            assertThat(check.brokenAt()).isEqualTo(2);
            assertThat(check.problem()).contains("content does not match");
        }
    }

    @Test
    void legacyEntriesFollowedByCanonicalOnesVerifyButNeverTheOtherWayRound() {
        List<ChainedEntry> legacy = chain(2, ChainHash.LEGACY);
        ChainedEntry third =
                entry(3, ChainHash.CANONICAL, null, "{}", legacy.get(1).hash()).sealed();
        List<ChainedEntry> mixed = new ArrayList<>(legacy);
        mixed.add(third);
        assertThat(verify(mixed, 3, third.hash()).intact()).isTrue();

        List<ChainedEntry> downgraded = new ArrayList<>(mixed);
        downgraded.add(entry(4, ChainHash.LEGACY, null, "{}", third.hash()).sealed());
        ChainCheck check = verify(downgraded, 4, downgraded.get(3).hash());
        assertThat(check.brokenAt()).isEqualTo(4);
        assertThat(check.problem()).contains("older hash scheme");

        ChainedEntry unknown = new ChainedEntry(
                1, 7, Instant.EPOCH, "USER", "ana", "X", "partner", "acme", null, "{}", ChainHash.GENESIS, "x");
        assertThat(verify(List.of(unknown), 1, "x").problem()).contains("hash scheme 7 is unknown");
    }

    @Test
    void aChainRecomputedAfterAnEditDiffersFromTheCheckpoint() {
        List<ChainedEntry> entries = chain(6);
        Checkpoint atFive = checkpointOf(entries.get(4));
        ChainedEntry e = entries.get(1);
        List<ChainedEntry> forged = new ArrayList<>(entries);
        forged.set(1, entry(e.seq(), e.scheme(), e.partner(), "{\"n\":999}", e.prevHash()));
        forged = rechained(forged, 1);

        // Without the checkpoint, the recomputed chain passes: the chain alone has no outside anchor.
        assertThat(verify(forged, 6, forged.get(5).hash()).intact()).isTrue();

        ChainCheck check = verify(forged, 6, forged.get(5).hash(), List.of(atFive));
        assertThat(check.intact()).isFalse();
        assertThat(check.brokenAt()).isEqualTo(5);
        assertThat(check.problem()).contains("differs from the signed checkpoint");
        assertThat(check.checkpointSeq()).isEqualTo(5);
    }

    @Test
    void aTailRemovedBehindTheCheckpointIsFoundEvenWhenTheHeadWasMovedBack() {
        List<ChainedEntry> entries = chain(6);
        Checkpoint atSix = checkpointOf(entries.get(5));
        List<ChainedEntry> shortened = new ArrayList<>(entries.subList(0, 4));

        assertThat(verify(shortened, 4, shortened.get(3).hash()).intact()).isTrue();
        ChainCheck check = verify(shortened, 4, shortened.get(3).hash(), List.of(atSix));
        assertThat(check.brokenAt()).isEqualTo(5);
        assertThat(check.problem()).startsWith("entries 5 to 6 were removed");

        ChainCheck wiped = verify(List.of(), 0, ChainHash.GENESIS, List.of(atSix));
        assertThat(wiped.problem()).startsWith("entries 1 to 6 were removed");
    }

    @Test
    void anIntactChainReportsTheLatestCheckpointItMatched() {
        List<ChainedEntry> entries = chain(6);
        ChainCheck check = verify(
                entries, 6, entries.get(5).hash(), List.of(checkpointOf(entries.get(1)), checkpointOf(entries.get(3))));

        assertThat(check.intact()).isTrue();
        assertThat(check.checkpointSeq()).isEqualTo(4);
        assertThat(check.checkpointAt()).isEqualTo(Instant.parse("2026-04-16T00:00:00Z"));
    }
}
