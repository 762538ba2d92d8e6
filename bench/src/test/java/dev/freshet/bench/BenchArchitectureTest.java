package dev.freshet.bench;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import dev.freshet.engine.scheduling.QuartzFloorProbe;
import dev.freshet.engine.store.SyntheticRuns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rooms of docs/architecture.md hold in the bench module too. Its two probes live in the engine packages whose
 * internals they need ({@code engine.scheduling} for Quartz, {@code engine.store} for jOOQ), so the rooms stay as
 * they are; the benchmarks themselves reach the engine through its façade and those two probes only.
 */
class BenchArchitectureTest {
    private static JavaClasses benchClasses;

    @BeforeAll
    static void importClasses() {
        // this module's own classes only (target/classes), not the engine's and the web's jars
        benchClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(BenchArchitectureTest::inThisModule)
                .importPackages("dev.freshet");
    }

    private static boolean inThisModule(Location location) {
        return !location.isJar() && location.contains("/bench/target/classes/");
    }

    @Test
    void importsTheModuleItChecks() {
        assertThat(benchClasses.contain(QuartzFloorProbe.class)).isTrue();
        assertThat(benchClasses.contain(DispatchBenchmark.class)).isTrue();
    }

    @Test
    void onlyTheSchedulingPackageTouchesQuartz() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.freshet.engine.scheduling..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.quartz..")
                .check(benchClasses);
    }

    @Test
    void onlyTheStorePackageTouchesJooq() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.freshet.engine.store..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.jooq..")
                .check(benchClasses);
    }

    @Test
    void theBenchmarksReachTheEngineThroughItsFacadeAndTheTwoProbes() {
        noClasses()
                .that()
                .resideInAPackage("dev.freshet.bench..")
                .should()
                .dependOnClassesThat(resideInAnyPackage("dev.freshet.engine.store..", "dev.freshet.engine.scheduling..")
                        .and(not(belongToAnyOf(QuartzFloorProbe.class, SyntheticRuns.class))))
                .check(benchClasses);
    }
}
