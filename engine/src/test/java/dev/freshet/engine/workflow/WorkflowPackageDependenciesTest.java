package dev.freshet.engine.workflow;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Workflows are plain data read from files: the package stays free of the scheduler, the database and the web. */
class WorkflowPackageDependenciesTest {
    private final JavaClasses workflowClasses = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.freshet.engine.workflow");

    @Test
    void doesNotUseQuartzJooqOrJavalin() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.quartz..", "org.jooq..", "io.javalin..")
                .check(workflowClasses);
    }

    @Test
    void usesNoOtherFreshetPackageThanTheEngineRoot() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "dev.freshet.engine.workflow..",
                        "dev.freshet.engine.error",
                        "java..",
                        "org.snakeyaml.engine..",
                        "org.slf4j..",
                        "com.fasterxml.jackson..")
                .check(workflowClasses);
    }
}
