package dev.warden.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.warden.server.shared.PublicEndpoint;
import dev.warden.server.shared.Requires;
import dev.warden.server.shared.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every endpoint of Warden states who may call it: {@link Requires}, {@link SignedIn} or
 * {@link PublicEndpoint}, on the handler method or its class. A new endpoint without a rule fails
 * the build here (and is refused at run time by the permission interceptor).
 */
class AccessRulesTest {

    static final ArchRule EVERY_ENDPOINT_HAS_A_RULE = methods()
            .that()
            .areDeclaredInClassesThat()
            .areMetaAnnotatedWith(Controller.class)
            .and()
            .areMetaAnnotatedWith(RequestMapping.class)
            .should(new ArchCondition<JavaMethod>("declare @Requires, @SignedIn or @PublicEndpoint") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    boolean ruled = method.isAnnotatedWith(Requires.class)
                            || method.isAnnotatedWith(SignedIn.class)
                            || method.isAnnotatedWith(PublicEndpoint.class)
                            || method.getOwner().isAnnotatedWith(Requires.class)
                            || method.getOwner().isAnnotatedWith(SignedIn.class)
                            || method.getOwner().isAnnotatedWith(PublicEndpoint.class);
                    if (!ruled) {
                        events.add(SimpleConditionEvent.violated(method, method.getFullName() + " has no access rule"));
                    }
                }
            });

    @Test
    void everyEndpointOfWardenDeclaresWhoMayCallIt() {
        JavaClasses server = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.warden.server");
        EVERY_ENDPOINT_HAS_A_RULE.check(server);
    }

    @RestController
    static class ForgottenRule {
        @GetMapping("/forgotten")
        String open() {
            return "anyone";
        }
    }

    @Test
    void anEndpointWithoutARuleIsCaught() {
        JavaClasses fixture = new ClassFileImporter().importClasses(ForgottenRule.class);
        assertThatThrownBy(() -> EVERY_ENDPOINT_HAS_A_RULE.check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ForgottenRule.open() has no access rule");
    }
}
