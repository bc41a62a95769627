package io.trackerhub.testkit;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules every service keeps (ArchUnit): its feature packages ({@code io.trackerhub.<service>.<feature>})
 * never depend on each other in a cycle. A service test calls {@link #assertNoCycles(String)} with its root package.
 */
public final class PackageRules {

    private PackageRules() {
    }

    /** The service's production classes (no tests, no jars). */
    public static JavaClasses production(String rootPackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(rootPackage);
    }

    /** Fails naming every cycle between {@code rootPackage}'s direct sub-packages (and what lies below each). */
    public static void assertNoCycles(String rootPackage) {
        slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles()
                .as("feature packages of " + rootPackage + " depend on each other without cycles")
                .check(production(rootPackage));
    }
}
