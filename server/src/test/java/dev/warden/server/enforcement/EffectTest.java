package dev.warden.server.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.enforcement.Effect.BadgeChange;
import dev.warden.server.enforcement.Effect.ListingChange;
import dev.warden.server.enforcement.Effect.StatusChange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Handing a change to the action that still holds it: undoing that one restores the state before both. */
class EffectTest {
    static Effect listing(String from, String to) {
        return new Effect(List.of(new ListingChange("com.acme.app", "CLOUD", from, to)), List.of(), null, List.of());
    }

    @Test
    void theStateBeforeBothIsTheOneNoActionMade() {
        // A hid the listing (LISTED -> HIDDEN), then B paused it (HIDDEN -> PAUSED).
        // A undone first: B now answers for LISTED.
        assertThat(listing("HIDDEN", "PAUSED")
                        .absorb(listing("LISTED", "PAUSED"))
                        .listings())
                .containsExactly(new ListingChange("com.acme.app", "CLOUD", "LISTED", "PAUSED"));
        // B undone first, the listing left PAUSED: A still restores LISTED, from the state it is in now.
        assertThat(listing("LISTED", "HIDDEN")
                        .absorb(listing("HIDDEN", "PAUSED"))
                        .listings())
                .containsExactly(new ListingChange("com.acme.app", "CLOUD", "LISTED", "PAUSED"));
        // The holder had not changed this listing (it was hidden already): it takes the change over.
        Effect none = new Effect(List.of(), List.of(), null, List.of("nothing to hide"));
        Effect taken = none.absorb(listing("LISTED", "HIDDEN"));
        assertThat(taken.listings()).containsExactly(new ListingChange("com.acme.app", "CLOUD", "LISTED", "HIDDEN"));
        assertThat(taken.notes()).containsExactly("nothing to hide");
        assertThat(taken.changesCatalog()).isTrue();
    }

    @Test
    void badgesAreUnitedAndThePartnersStatusGoesBackToTheOneBeforeAnySuspension() {
        Effect holder = new Effect(
                List.of(), List.of(new BadgeChange("com.acme.app", List.of("CLOUD_FORTIFIED"))), null, List.of());
        Effect handed = new Effect(
                List.of(),
                List.of(
                        new BadgeChange("com.acme.app", List.of("CLOUD_FORTIFIED", "CLOUD_SECURITY_PARTICIPANT")),
                        new BadgeChange("com.acme.other", List.of("CLOUD_FORTIFIED"))),
                new StatusChange("ACTIVE", "SUSPENDED"),
                List.of());
        Effect merged = holder.absorb(handed);
        assertThat(merged.badges())
                .containsExactly(
                        new BadgeChange("com.acme.app", List.of("CLOUD_FORTIFIED", "CLOUD_SECURITY_PARTICIPANT")),
                        new BadgeChange("com.acme.other", List.of("CLOUD_FORTIFIED")));
        assertThat(merged.partner()).isEqualTo(new StatusChange("ACTIVE", "SUSPENDED"));

        Effect suspendedFirst = new Effect(List.of(), List.of(), new StatusChange("ACTIVE", "SUSPENDED"), List.of());
        assertThat(suspendedFirst
                        .absorb(new Effect(List.of(), List.of(), new StatusChange("SUSPENDED", "SUSPENDED"), List.of()))
                        .partner())
                .isEqualTo(new StatusChange("ACTIVE", "SUSPENDED"));
    }
}
