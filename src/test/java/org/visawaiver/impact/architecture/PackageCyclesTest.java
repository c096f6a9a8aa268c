package org.visawaiver.impact.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No package of the production code imports a package that (directly or through others) imports it
 * back (docs/architecture.md). Every package is a slice of its own, sub-packages included
 * ({@code estimate} and {@code estimate.spec} are two), so the check also holds inside estimation.
 * Tests and src/bench are not checked.
 */
class PackageCyclesTest {
  private static final JavaClasses PRODUCTION = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.visawaiver.impact");

  @Test
  void productionPackagesHaveNoCycles() {
    slices().matching("org.visawaiver.impact.(**)").should().beFreeOfCycles().check(PRODUCTION);
  }
}
