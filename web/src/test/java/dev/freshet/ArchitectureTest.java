package dev.freshet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.freshet.engine.scheduling.Backfill;
import dev.freshet.engine.scheduling.DataInterval;
import dev.freshet.engine.scheduling.DateTimes;
import dev.freshet.engine.scheduling.Timetable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package rooms of docs/architecture.md, enforced over every module's production classes. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")) // the engine's test fixtures
                .importPackages("dev.freshet");
    }

    @Test
    void onlyTheSchedulingPackageTouchesQuartz() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.freshet.engine.scheduling..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.quartz..")
                .check(classes);
    }

    @Test
    void onlyTheStorePackageTouchesJooq() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.freshet.engine.store..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.jooq..")
                .check(classes);
    }

    @Test
    void onlyTheArtifactsPackageTouchesTheAwsSdk() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.freshet.engine.artifacts..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("software.amazon.awssdk..")
                .check(classes);
    }

    @Test
    void theEngineKnowsNothingOfTasksOrTheWeb() {
        noClasses()
                .that()
                .resideInAPackage("dev.freshet.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.freshet.tasks..", "dev.freshet.web..", "dev.freshet.cli..", "io.javalin..", "org.nd4j..")
                .check(classes);
    }

    @Test
    void theTasksKnowNothingOfTheWeb() {
        noClasses()
                .that()
                .resideInAPackage("dev.freshet.tasks..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.freshet.web..", "dev.freshet.cli..", "io.javalin..")
                .check(classes);
    }

    @Test
    void theWorkflowModelStandsAlone() {
        noClasses()
                .that()
                .resideInAPackage("dev.freshet.engine.workflow..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.freshet.engine.run..",
                        "dev.freshet.engine.store..",
                        "dev.freshet.engine.scheduling..",
                        "dev.freshet.engine.tracking..")
                .check(classes);
    }

    @Test
    void theRestApiUsesTheEngineOnlyThroughItsFacadeAndRecords() {
        noClasses()
                .that()
                .resideInAPackage("dev.freshet.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.freshet.engine.store..", "dev.freshet.engine.scheduling..")
                .check(classes);
    }

    @Test
    void theCliUsesTheEngineThroughItsFacadeAndTheTimetableOnly() {
        // `freshet schedule next` and `freshet backfill` compute fire times and data intervals (Timetable,
        // DataInterval, DateTimes) and start a backfill's runs through the façade's RunService (Backfill); nothing
        // else of the scheduling package, and nothing of the store, is the command line's.
        noClasses()
                .that()
                .resideInAPackage("dev.freshet.cli..")
                .should()
                .dependOnClassesThat(resideInAnyPackage("dev.freshet.engine.store..", "dev.freshet.engine.scheduling..")
                        .and(not(belongToAnyOf(Timetable.class, DataInterval.class, DateTimes.class, Backfill.class))))
                .check(classes);
    }

    @Test
    void theEnginesPackagesDependOnEachOtherWithoutCycles() {
        slices().assignedFrom(ENGINE_PACKAGES).should().beFreeOfCycles().check(classes);
    }

    /** Each package under dev.freshet.engine is a slice (with its subpackages), and so is the root, the façade. */
    private static final SliceAssignment ENGINE_PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (name.equals("dev.freshet.engine")) {
                return SliceIdentifier.of("engine (the facade)");
            }
            if (name.startsWith("dev.freshet.engine.")) {
                return SliceIdentifier.of("engine."
                        + name.substring("dev.freshet.engine.".length()).split("\\.")[0]);
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of dev.freshet.engine";
        }
    };
}
