package dev.warden.server.enforcement;

import static dev.warden.server.enforcement.DecisionsIT.proposedAction;
import static dev.warden.server.enforcement.EnforcementJourneyIT.listingState;
import static dev.warden.server.enforcement.EnforcementJourneyIT.ok;
import static dev.warden.server.enforcement.EnforcementJourneyIT.proposed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.enforcement.DecisionsIT.World;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The ladder over time and the lifting of what it did, in the server: the policy's VULN-OVERDUE ladder
 * (hide at once, pause after 30 days, suspend after 60), and "Every action is reversible when the issue
 * is fixed (listing restored, badge returned)" when two cases act on the same listing.
 */
@ExtendWith(DatabaseRequirement.class)
class LadderAndLiftIT {

    static JsonNode decide(Http who, JsonNode action, String verdict, String comment) {
        return ok(who.post(
                "/api/v1/enforcement/actions/" + action.get("id").asLong() + "/" + verdict,
                "{\"comment\": \"" + comment + "\"}"));
    }

    static JsonNode evaluate(World w) {
        return ok(w.admin().post("/api/v1/enforcement/evaluations", ""));
    }

    static void setContacts(World w, String contacts) {
        ok(w.admin().put("/api/v1/partners/acme", """
                {"id": "acme", "name": "Acme", "tier": "GOLD", "securityContacts": [%s]}
                """.formatted(contacts)));
    }

    /** Verifies the fix of acme's one ticket. */
    static void fixTheVulnerability(World w) {
        String ticket = ok(w.admin().get("/api/v1/tickets?partner=acme"))
                .get("items")
                .get(0)
                .get("key")
                .asString();
        ok(w.admin().post("/api/v1/tickets/" + ticket + "/patched", "{\"note\": \"fixed\"}"));
    }

    @Test
    void theLadderMovesOnAsItsDaysComeAndARejectedStepCountsAsTaken() {
        World w = DecisionsIT.world();
        try (FreshWarden ignored = w.warden()) {
            // Step 0, "Hide the app ... the documented consequence of vulnerability SLO breaches": rejected.
            decide(w.ana(), proposedAction(w.ana(), "HIDE_LISTING"), "reject", "the partner ships the fix today");
            assertThat(listingState(w.admin(), "CLOUD")).isEqualTo("LISTED");
            assertThat(evaluate(w).get("proposed").asInt())
                    .as("the rejected step is not proposed again, and the next one's day has not come")
                    .isZero();
            assertThat(proposed(w.ana())).isEmpty();

            // Step 1, 30 days after the breach: "Pause the app", which needs a second person's approval.
            w.clock().advance(Duration.ofDays(28)); // the world starts a day after the breach
            assertThat(evaluate(w).get("proposed").asInt())
                    .as("29 days after the breach")
                    .isZero();
            w.clock().advance(Duration.ofDays(1));
            assertThat(evaluate(w).get("proposed").asInt()).isEqualTo(1);
            JsonNode pause = proposedAction(w.ana(), "PAUSE_LISTING");
            assertThat(pause.get("step").asInt()).isEqualTo(1);
            assertThat(pause.get("approvalsRequired").asInt()).isEqualTo(2);
            assertThat(decide(w.ana(), pause, "approve", "still unpatched")
                            .get("status")
                            .asString())
                    .isEqualTo("PROPOSED");
            assertThat(listingState(w.admin(), "CLOUD")).isEqualTo("LISTED");
            assertThat(decide(w.bo(), pause, "approve", "agreed").get("status").asString())
                    .isEqualTo("APPLIED");
            assertThat(listingState(w.admin(), "CLOUD")).isEqualTo("PAUSED");

            // Step 2, 60 days after: "Temporary suspension", two approvers again.
            w.clock().advance(Duration.ofDays(30));
            evaluate(w);
            JsonNode suspend = proposedAction(w.ana(), "SUSPEND_PARTNER");
            assertThat(suspend.get("approvalsRequired").asInt()).isEqualTo(2);
            decide(w.ana(), suspend, "approve", "90 days overdue");
            decide(w.cy(), suspend, "approve", "agreed");
            assertThat(ok(w.admin().get("/api/v1/partners/acme")).get("status").asString())
                    .isEqualTo("SUSPENDED");
            // The suspension takes the partner's presence away: every listed listing is hidden; the
            // paused one stays paused, the stronger of the two.
            assertThat(listingState(w.admin(), "DATA_CENTER")).isEqualTo("HIDDEN");
            assertThat(listingState(w.admin(), "CLOUD")).isEqualTo("PAUSED");

            // "termination is never automatic": the ladder ends here, however long it lasts.
            // (A year on, acme's undocumented incident response process has a case of its own.)
            w.clock().advance(Duration.ofDays(365));
            evaluate(w);
            assertThat(proposed(w.ana()))
                    .extracting(a -> a.get("rule").asString())
                    .doesNotContain("VULN-OVERDUE");

            // Fixed at last: lifting restores exactly what was there before the case.
            fixTheVulnerability(w);
            JsonNode lift = proposedAction(w.ana(), "LIFT");
            decide(w.ana(), lift, "approve", "fixed");
            if (lift.get("approvalsRequired").asInt() > 1) {
                decide(w.cy(), lift, "approve", "agreed");
            }
            assertThat(listingState(w.admin(), "CLOUD")).isEqualTo("LISTED");
            assertThat(listingState(w.admin(), "DATA_CENTER")).isEqualTo("LISTED");
            assertThat(ok(w.admin().get("/api/v1/partners/acme")).get("status").asString())
                    .isEqualTo("ACTIVE");
        }
    }

    @Test
    void aListingHiddenForTwoReasonsComesBackOnlyWhenBothAreLifted() {
        World w = DecisionsIT.world();
        try (FreshWarden ignored = w.warden()) {
            // VULN-OVERDUE hides the Cloud listing.
            decide(w.ana(), proposedAction(w.ana(), "HIDE_LISTING"), "approve", "SLO breach");
            assertThat(listingState(w.admin(), "CLOUD")).isEqualTo("HIDDEN");

            // CONTACT-MISSING: warned, then 30 days later it hides every listing of the partner. The Cloud
            // listing is hidden already, so only the Data Center one changes.
            setContacts(w, "");
            decide(w.ana(), proposedAction(w.ana(), "WARNING"), "approve", "no security contact");
            w.clock().advance(Duration.ofDays(30));
            evaluate(w);
            decide(w.ana(), proposedAction(w.ana(), "PAUSE_LISTING"), "reject", "not this one");
            JsonNode hideAll = decide(w.ana(), proposedAction(w.ana(), "HIDE_LISTING"), "approve", "still none");
            assertThat(hideAll.get("effect").get("listings").size()).isOne();
            assertThat(listingState(w.admin(), "DATA_CENTER")).isEqualTo("HIDDEN");

            // The vulnerability is fixed and its hide lifted, but the partner still has no contact: the
            // Cloud listing stays hidden, and the contact case's hide now answers for it.
            fixTheVulnerability(w);
            JsonNode lift = decide(w.bo(), proposedAction(w.bo(), "LIFT"), "approve", "fixed");
            assertThat(lift.get("effect").get("notes").get(0).asString())
                    .contains("com.acme.app/CLOUD: left HIDDEN (action #"
                            + hideAll.get("id").asLong());
            assertThat(listingState(w.admin(), "CLOUD")).isEqualTo("HIDDEN");
            assertThat(listingState(w.admin(), "DATA_CENTER")).isEqualTo("HIDDEN");

            // A contact again: lifting the second hide brings both listings back.
            setContacts(w, "{\"name\": \"Ana\", \"email\": \"sec@acme.example\", \"ecosystemAccount\": true}");
            decide(w.bo(), proposedAction(w.bo(), "LIFT"), "approve", "contact added");
            assertThat(listingState(w.admin(), "CLOUD")).isEqualTo("LISTED");
            assertThat(listingState(w.admin(), "DATA_CENTER")).isEqualTo("LISTED");
            assertThat(ok(w.admin().get("/api/v1/enforcement/cases?status=CLOSED"))
                            .get("totalItems")
                            .asInt())
                    .isEqualTo(2);
        }
    }

    @Test
    void aLiftedPauseStepsDownToTheHideAnotherCaseStillHoldsAndLiftingThatRestoresTheListing() {
        World w = DecisionsIT.world();
        try (FreshWarden ignored = w.warden()) {
            // The partner has no contact: warned, and 30 days later all its listings are to be hidden.
            setContacts(w, "");
            decide(w.ana(), proposedAction(w.ana(), "WARNING"), "approve", "no security contact");
            decide(w.ana(), proposedAction(w.ana(), "HIDE_LISTING"), "reject", "wait for the contact case");
            w.clock().advance(Duration.ofDays(30));
            evaluate(w);
            // The vulnerability case pauses the Cloud listing first; the contact case's hide then changes
            // only the Data Center listing.
            JsonNode pause = proposedAction(w.ana(), "PAUSE_LISTING");
            decide(w.ana(), pause, "approve", "unpatched");
            decide(w.bo(), pause, "approve", "agreed");
            JsonNode hideAll = decide(w.ana(), proposedAction(w.ana(), "HIDE_LISTING"), "approve", "still no contact");
            assertThat(hideAll.get("effect").get("listings").size()).isOne();
            assertThat(listingState(w.admin(), "CLOUD")).isEqualTo("PAUSED");
            assertThat(listingState(w.admin(), "DATA_CENTER")).isEqualTo("HIDDEN");

            // Fixed: lifting the pause leaves the listing hidden, as the contact case still wants.
            fixTheVulnerability(w);
            decide(w.bo(), proposedAction(w.bo(), "LIFT"), "approve", "fixed");
            assertThat(listingState(w.admin(), "CLOUD")).isEqualTo("HIDDEN");

            setContacts(w, "{\"name\": \"Ana\", \"email\": \"sec@acme.example\", \"ecosystemAccount\": true}");
            decide(w.bo(), proposedAction(w.bo(), "LIFT"), "approve", "contact added");
            assertThat(listingState(w.admin(), "CLOUD")).isEqualTo("LISTED");
            assertThat(listingState(w.admin(), "DATA_CENTER")).isEqualTo("LISTED");
        }
    }
}
