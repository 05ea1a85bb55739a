package dev.warden.server.bugcrowd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading a page of Bugcrowd's {@code GET /submissions}: included resources resolved by type and id,
 * cancelled rewards left out, the first decision taken from the transition times, Bugcrowd's spellings
 * of states made one, and submissions Warden cannot place (no id, no submission time) skipped by name.
 */
class BugcrowdPageTest {
    static final String PAGE = """
            {"data": [
              {"id": "a1", "type": "submission",
               "attributes": {"title": "IDOR in export", "state": "not-applicable", "severity": 2, "duplicate": false,
                 "submitted_at": "2026-10-01T10:00:00.000Z",
                 "last_transitioned_to_triaged_at": "2026-10-05T10:00:00.000Z",
                 "last_transitioned_to_not_applicable_at": "2026-10-03T10:00:00.000Z"},
               "relationships": {
                 "target": {"data": {"id": "t1", "type": "target"}},
                 "cvss_vector": {"data": {"id": "c1", "type": "cvss_vector"}},
                 "monetary_rewards": {"data": [{"id": "r1", "type": "monetary_reward"}, {"id": "r2", "type": "monetary_reward"},
                   {"id": "r3", "type": "monetary_reward"}]},
                 "duplicate_of": {"data": null}}},
              {"id": "a2", "type": "submission",
               "attributes": {"title": "No severity", "state": "new", "severity": 9, "duplicate": true,
                 "submitted_at": "2026-10-02T10:00:00Z"},
               "relationships": {"duplicate_of": {"data": {"id": "a1", "type": "submission"}}}},
              {"id": "", "type": "submission", "attributes": {"submitted_at": "2026-10-02T10:00:00Z"}},
              {"id": "a4", "type": "submission", "attributes": {"title": "No time", "state": "new"}}
            ],
            "included": [
              {"id": "t1", "type": "target", "attributes": {"name": " Acme Cloud ", "category": "website"}},
              {"id": "c1", "type": "cvss_vector", "attributes": {"score": 8.1, "version": "3.1"}},
              {"id": "r1", "type": "monetary_reward", "attributes": {"amount_cents": 10000,
                "rewarded_at": "2026-10-20T00:00:00Z", "cancelled_at": null}},
              {"id": "r2", "type": "monetary_reward", "attributes": {"amount_cents": 99900,
                "rewarded_at": "2026-10-10T00:00:00Z", "cancelled_at": "2026-10-11T00:00:00Z"}},
              {"id": "r3", "type": "monetary_reward", "attributes": {"amount_cents": 5000,
                "created_at": "2026-10-15T00:00:00Z"}}
            ],
            "meta": {"count": 4, "total_hits": 4}}
            """;

    @Test
    void aPageIsReadWithWhatItIncludes() {
        BugcrowdPage.Parsed parsed = BugcrowdPage.parse(JsonMapper.shared().readTree(PAGE));
        assertThat(parsed.totalHits()).isEqualTo(4);
        assertThat(parsed.skipped()).containsExactly("(no id)", "a4");
        List<BugcrowdPage.Seen> seen = parsed.submissions();
        assertThat(seen).hasSize(2);

        BugcrowdPage.Seen a1 = seen.get(0);
        assertThat(a1.state())
                .as("Bugcrowd's hyphens and underscores are one state")
                .isEqualTo("not_applicable");
        assertThat(a1.invalid()).isTrue();
        assertThat(a1.accepted()).isFalse();
        assertThat(a1.priority()).isEqualTo(2);
        assertThat(a1.cvssScore()).isEqualTo(8.1);
        assertThat(a1.target()).isEqualTo("Acme Cloud");
        assertThat(a1.triagedAt()).isEqualTo(Instant.parse("2026-10-05T10:00:00Z"));
        assertThat(a1.decidedAt())
                .as("the first decision of any kind")
                .isEqualTo(Instant.parse("2026-10-03T10:00:00Z"));
        assertThat(a1.rewardsCents()).as("the cancelled reward left out").isEqualTo(15_000);
        assertThat(a1.firstRewardAt()).isEqualTo(Instant.parse("2026-10-15T00:00:00Z"));
        assertThat(a1.lastRewardAt()).isEqualTo(Instant.parse("2026-10-20T00:00:00Z"));
        assertThat(a1.duplicateOf()).isNull();

        BugcrowdPage.Seen a2 = seen.get(1);
        assertThat(a2.priority()).as("a severity outside 1 to 5 is none").isNull();
        assertThat(a2.cvssScore()).isNull();
        assertThat(a2.target()).isNull();
        assertThat(a2.duplicate()).isTrue();
        assertThat(a2.duplicateOf()).isEqualTo("a1");
        assertThat(a2.decidedAt()).isNull();
        assertThat(a2.rewardsCents()).isZero();
    }

    @Test
    void aPriorityStandsForTheLowestScoreOfItsBandAndACvssScoreWins() {
        assertThat(BugcrowdTickets.score(1, null)).isEqualTo(9.0);
        assertThat(BugcrowdTickets.score(2, null)).isEqualTo(7.0);
        assertThat(BugcrowdTickets.score(3, null)).isEqualTo(4.0);
        assertThat(BugcrowdTickets.score(4, null)).isEqualTo(0.1);
        assertThat(BugcrowdTickets.score(5, null))
                .as("P5 is informational: no ticket")
                .isNull();
        assertThat(BugcrowdTickets.score(null, null)).isNull();
        assertThat(BugcrowdTickets.score(4, 9.8)).isEqualTo(9.8);
    }

    @Test
    void theMedianIsOfTheValuesToOneDecimal() {
        assertThat(BugcrowdFigures.median(List.of())).isNull();
        assertThat(BugcrowdFigures.median(List.of(31.0, 20.0, 25.0))).isEqualTo(25.0);
        assertThat(BugcrowdFigures.median(List.of(1.0, 2.0, 4.0, 10.0))).isEqualTo(3.0);
        assertThat(BugcrowdFigures.median(List.of(0.04, 0.11))).isEqualTo(0.1);
    }
}
