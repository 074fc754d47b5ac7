package com.sendline.bootstrap;

import com.sendline.domain.archfixture.FrameworkLeak;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** The hexagon, checked on the compiled main classes of every module. */
class ArchitectureTest {
    static final ArchRule THE_DOMAIN_DEPENDS_ON_NOTHING_OUTSIDE_THE_JDK = classes()
            .that().resideInAPackage("com.sendline.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("com.sendline.domain..", "java..")
            .as("the domain depends on nothing outside the JDK");

    static final ArchRule THE_APPLICATION_DEPENDS_ONLY_ON_THE_DOMAIN = classes()
            .that().resideInAPackage("com.sendline.application..")
            .should().onlyDependOnClassesThat()
            // javax.crypto is the JDK's own HMAC, which webhook signatures need.
            .resideInAnyPackage("com.sendline.application..", "com.sendline.domain..", "java..", "javax.crypto..")
            .as("the application depends only on the domain (and the JDK)");

    static final ArchRule NO_FRAMEWORK_OR_DRIVER_IN_DOMAIN_OR_APPLICATION = noClasses()
            .that().resideInAnyPackage("com.sendline.domain..", "com.sendline.application..")
            .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "jakarta.inject..", "io.lettuce..",
                    "java.sql..", "javax.sql..", "com.fasterxml.jackson..", "org.postgresql..", "com.zaxxer..",
                    "reactor..", "org.slf4j..")
            .as("no Micronaut, jakarta.inject, Lettuce, JDBC, Jackson or logging API in the domain or application");

    static final ArchRule AN_ADAPTER_NEVER_DEPENDS_ON_ANOTHER_ADAPTER = slices()
            .matching("com.sendline.adapters.(*)..")
            .should().notDependOnEachOther()
            .as("an adapter never depends on another adapter");

    static final ArchRule ONLY_BOOTSTRAP_KNOWS_BOOTSTRAP = noClasses()
            .that().resideOutsideOfPackage("com.sendline.bootstrap..")
            .should().dependOnClassesThat().resideInAPackage("com.sendline.bootstrap..")
            .as("nothing outside bootstrap depends on bootstrap, which alone knows every module");

    static final ArchRule THE_CORE_NEVER_DEPENDS_ON_ADAPTERS = noClasses()
            .that().resideInAnyPackage("com.sendline.domain..", "com.sendline.application..")
            .should().dependOnClassesThat().resideInAnyPackage("com.sendline.adapters..", "com.sendline.testkit..")
            .as("the domain and application never depend on an adapter");

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/sendline-testkit"))
                .importPackages("com.sendline");
        assertThat(production.stream().map(c -> c.getPackageName()))
                .as("every layer was imported, so the rules had something to check")
                .anyMatch(p -> p.startsWith("com.sendline.domain"))
                .anyMatch(p -> p.startsWith("com.sendline.application"))
                .anyMatch(p -> p.startsWith("com.sendline.adapters.postgres"))
                .anyMatch(p -> p.startsWith("com.sendline.adapters.http"))
                .anyMatch(p -> p.startsWith("com.sendline.bootstrap"));
    }

    @Test
    void the_domain_depends_on_nothing_outside_the_jdk() {
        THE_DOMAIN_DEPENDS_ON_NOTHING_OUTSIDE_THE_JDK.check(production);
    }

    @Test
    void the_application_depends_only_on_the_domain() {
        THE_APPLICATION_DEPENDS_ONLY_ON_THE_DOMAIN.check(production);
    }

    @Test
    void no_framework_or_driver_reaches_the_domain_or_application() {
        NO_FRAMEWORK_OR_DRIVER_IN_DOMAIN_OR_APPLICATION.check(production);
    }

    @Test
    void an_adapter_never_depends_on_another_adapter() {
        AN_ADAPTER_NEVER_DEPENDS_ON_ANOTHER_ADAPTER.check(production);
    }

    @Test
    void only_bootstrap_knows_every_module() {
        ONLY_BOOTSTRAP_KNOWS_BOOTSTRAP.check(production);
    }

    @Test
    void the_core_never_depends_on_an_adapter() {
        THE_CORE_NEVER_DEPENDS_ON_ADAPTERS.check(production);
    }

    @Test
    void the_rules_do_catch_a_framework_import_in_the_domain() {
        JavaClasses leak = new ClassFileImporter().importClasses(FrameworkLeak.class);

        EvaluationResult jdkOnly = THE_DOMAIN_DEPENDS_ON_NOTHING_OUTSIDE_THE_JDK.evaluate(leak);
        EvaluationResult noFramework = NO_FRAMEWORK_OR_DRIVER_IN_DOMAIN_OR_APPLICATION.evaluate(leak);

        assertThat(jdkOnly.hasViolation()).isTrue();
        assertThat(noFramework.hasViolation()).isTrue();
        assertThat(noFramework.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("io.micronaut.context.ApplicationContext"));
    }
}
