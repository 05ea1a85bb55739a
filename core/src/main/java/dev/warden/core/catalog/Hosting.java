package dev.warden.core.catalog;

/** The hosting type of a listing; remediation timeframes differ between them. */
public enum Hosting {
    CLOUD,
    DATA_CENTER
}
