package dev.warden.scanner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The scanner runs in a partner's CI without the server: no framework, no database. */
class ArchitectureTest {
    private static final JavaClasses SCANNER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.warden.scanner");

    @Test
    void scannerDependsOnNoFrameworkOrDatabase() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta..", "java.sql..", "javax.sql..")
                .check(SCANNER);
    }

    @Test
    void scannerDoesNotDependOnTheCliOrServer() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.warden.cli..", "dev.warden.server..")
                .check(SCANNER);
    }
}
