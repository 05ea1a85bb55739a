package dev.warden.server;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The server's features are modules: none reaches into another's internals, and none depends on
 * another in a cycle (Spring Modulith's verification of the direct sub-packages).
 */
class ApplicationModulesTest {

    @Test
    void featuresReachEachOtherOnlyThroughTheirApi() {
        ApplicationModules.of(WardenApplication.class).verify();
    }
}
