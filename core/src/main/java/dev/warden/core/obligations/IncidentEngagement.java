package dev.warden.core.obligations;

/**
 * How closely the operator's security team works with the partner on an incident (docs/policy section
 * 7: "Platinum Marketplace Partners and partners whose apps are used by Enterprise customers can expect
 * closer, more hands-on collaboration ... Partners at other tiers are still expected to follow the same
 * core process, with Atlassian engaging commensurate with the risk").
 */
public enum IncidentEngagement {
    /** A Platinum partner, or apps used by Enterprise customers. */
    HANDS_ON,
    /** Every other partner: the same process, engagement commensurate with the risk. */
    COMMENSURATE
}
