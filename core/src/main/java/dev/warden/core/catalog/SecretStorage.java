package dev.warden.core.catalog;

/** Where a partner keeps an OAuth client secret, as declared or observed; Warden never holds the secret. */
public enum SecretStorage {
    KMS,
    SECRET_MANAGER,
    FORGE_SECRET_STORE,
    ENVIRONMENT,
    CONFIG_FILE,
    SOURCE_CODE,
    UNKNOWN;

    /** Whether this is an encrypted store the policy accepts (section 3: secret store or KMS). */
    public boolean isEncryptedStore() {
        return this == KMS || this == SECRET_MANAGER || this == FORGE_SECRET_STORE;
    }
}
