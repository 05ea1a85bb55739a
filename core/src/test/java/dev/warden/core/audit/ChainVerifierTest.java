package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

    static List<ChainedEntry> chain(int n) {
        List<ChainedEntry> entries = new ArrayList<>();
        String prev = ChainHash.GENESIS;
        for (int i = 1; i <= n; i++) {
            ChainedEntry draft = new ChainedEntry(
                    i,
                    Instant.parse("2026-04-15T10:00:00Z").plusSeconds(i),
                    "USER",
                    "ana",
                    "PARTNER_UPDATED",
                    "partner",
                    "acme",
                    i % 2 == 0 ? "acme" : null,
                    "{\"n\":" + i + "}",
                    prev,
                    "");
            ChainedEntry entry = withHash(draft, draft.expectedHash());
            entries.add(entry);
            prev = entry.hash();
        }
        return entries;
    }

    static ChainedEntry withHash(ChainedEntry e, String hash) {
        return new ChainedEntry(
                e.seq(),
                e.at(),
                e.actorKind(),
                e.actorId(),
                e.action(),
                e.subjectType(),
                e.subjectId(),
                e.partner(),
                e.details(),
                e.prevHash(),
                hash);
    }

    static ChainCheck verify(List<ChainedEntry> entries, long headSeq, String headHash) {
        ChainVerifier verifier = new ChainVerifier();
        entries.forEach(verifier::accept);
        return verifier.result(headSeq, headHash);
    }

    @Test
    void anUntouchedChainIsIntact() {
        List<ChainedEntry> entries = chain(5);
        ChainCheck check = verify(entries, 5, entries.get(4).hash());

        assertThat(check.intact()).isTrue();
        assertThat(check.checked()).isEqualTo(5);
    }

    @Test
    void anEditedEntryIsTheFirstBrokenLink() {
        List<ChainedEntry> entries = chain(5);
        ChainedEntry e = entries.get(2);
        entries.set(
                2,
                new ChainedEntry(
                        e.seq(),
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
        ChainedEntry forged = new ChainedEntry(
                e.seq(),
                e.at(),
                e.actorKind(),
                e.actorId(),
                e.action(),
                e.subjectType(),
                e.subjectId(),
                e.partner(),
                "{\"n\":999}",
                e.prevHash(),
                "");
        entries.set(1, withHash(forged, forged.expectedHash()));

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
    }
}
