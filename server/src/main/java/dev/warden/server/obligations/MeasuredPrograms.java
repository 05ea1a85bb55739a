package dev.warden.server.obligations;

import dev.warden.core.catalog.PartnerId;
import java.time.LocalDate;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Health figures of bug bounty programs that Warden measured itself (from a bug bounty platform's
 * submissions) rather than took from the partner. The rules use them in place of the partner's
 * figures; an integration provides them.
 */
public interface MeasuredPrograms {
    /**
     * A program's measured figures.
     *
     * @param medianTriageDays null when there was nothing to measure (the partner's figure stays)
     * @param lastActivityOn null when there was no activity at all (the partner's figure stays)
     * @param from what they were computed from, for the evidence: "computed from 12 Bugcrowd submissions"
     */
    record Figures(
            @Nullable Double medianTriageDays, @Nullable LocalDate lastActivityOn, String from) {}

    /** The measured figures by Warden program id, of one partner or of every partner (null). */
    Map<String, Figures> of(@Nullable PartnerId partner);
}
