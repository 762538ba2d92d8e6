package dev.freshet;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The package rooms of docs/architecture.md, enforced over every module's production classes. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.freshet");
    }

    @Test
    void onlyTheSchedulingPackageTouchesQuartz() {
        noClasses().that().resideOutsideOfPackage("dev.freshet.engine.scheduling..")
                .should().dependOnClassesThat().resideInAPackage("org.quartz..")
                .check(classes);
    }

    @Test
    void onlyTheStorePackageTouchesJooq() {
        noClasses().that().resideOutsideOfPackage("dev.freshet.engine.store..")
                .should().dependOnClassesThat().resideInAPackage("org.jooq..")
                .check(classes);
    }

    @Test
    void theEngineKnowsNothingOfTasksOrTheWeb() {
        noClasses().that().resideInAPackage("dev.freshet.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.freshet.tasks..", "dev.freshet.web..",
                        "dev.freshet.cli..", "io.javalin..", "org.nd4j..")
                .check(classes);
    }

    @Test
    void theTasksKnowNothingOfTheWeb() {
        noClasses().that().resideInAPackage("dev.freshet.tasks..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.freshet.web..", "dev.freshet.cli..",
                        "io.javalin..")
                .check(classes);
    }

    @Test
    void theWorkflowModelStandsAlone() {
        noClasses().that().resideInAPackage("dev.freshet.engine.workflow..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.freshet.engine.run..",
                        "dev.freshet.engine.store..", "dev.freshet.engine.scheduling..", "dev.freshet.engine.tracking..")
                .check(classes);
    }

    @Test
    void theRestApiUsesTheEngineOnlyThroughItsFacadeAndRecords() {
        noClasses().that().resideInAPackage("dev.freshet.web..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.freshet.engine.store..",
                        "dev.freshet.engine.scheduling..")
                .check(classes);
    }
}
