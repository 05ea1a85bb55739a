package dev.warden.core.obligations;

/**
 * The priority an incident ticket was raised with. The policy asks partners to raise "a P1 incident
 * ticket"; the lower priorities exist so that a report raised lower is recorded as it was.
 */
public enum IncidentPriority {
    P1,
    P2,
    P3,
    P4,
    P5
}
