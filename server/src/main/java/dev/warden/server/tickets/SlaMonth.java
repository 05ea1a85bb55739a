package dev.warden.server.tickets;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.YearMonth;
import org.jspecify.annotations.Nullable;

/**
 * How one calendar month (UTC) went against the remediation SLA: of the tickets that came due in it
 * (up to now, for the month in progress; duplicates and not-applicable ones left out), how many were
 * fixed by their due date, extensions granted included, and how many breached it.
 */
public record SlaMonth(YearMonth month, long due, long breached) {

    public SlaMonth {
        if (due < 0 || breached < 0 || breached > due) {
            throw new IllegalArgumentException("breached " + breached + " of " + due);
        }
    }

    @JsonProperty
    public long met() {
        return due - breached;
    }

    /** The share met, in whole percent (rounded down, so 99.6% is never shown as 100%); null with nothing due. */
    @JsonProperty
    public @Nullable Integer percentMet() {
        return due == 0 ? null : (int) (met() * 100 / due);
    }
}
