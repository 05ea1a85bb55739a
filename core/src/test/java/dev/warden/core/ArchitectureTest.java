package dev.warden.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Core is the pure domain: no framework, no database, no network, and no clock of its own. */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.warden.core");

    @Test
    void coreDependsOnNoFrameworkDatabaseOrNetwork() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..", "jakarta..", "java.sql..", "javax.sql..", "java.net.http..")
                .because("core is a pure function of facts, policy and time (DESIGN.md)")
                .check(CORE);
    }

    @Test
    void coreNeverReadsTheClockItself() {
        noClasses()
                .should()
                .callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasName.Predicates.name("now")))
                .orShould()
                .callMethod(java.time.Clock.class, "systemUTC")
                .orShould()
                .callMethod(java.time.Clock.class, "systemDefaultZone")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .because("time comes in as an argument, so any past or future instant can be evaluated")
                .check(CORE);
    }

    @Test
    void coreDoesNotDependOnTheOtherModules() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.warden.scanner..", "dev.warden.cli..", "dev.warden.server..")
                .check(CORE);
    }
}
