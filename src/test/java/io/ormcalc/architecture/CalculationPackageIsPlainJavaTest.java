package io.ormcalc.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** The formulas are plain Java: no framework may reach into them (STYLE.md item 2). */
class CalculationPackageIsPlainJavaTest {

  private static final JavaClasses CLASSES = ServiceClasses.ALL;

  @Test
  void the_calculation_package_imports_no_framework() {
    noClasses()
        .that()
        .resideInAPackage("io.ormcalc.calculation..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.quarkus..",
            "jakarta..",
            "javax..",
            "org.hibernate..",
            "com.fasterxml.jackson..",
            "io.smallrye..",
            "org.eclipse.microprofile..",
            "io.vertx..",
            "org.jboss..")
        .because("formulas must be testable and reviewable without the framework")
        .check(CLASSES);
  }

  @Test
  void the_calculation_package_depends_on_no_other_package_of_the_service() {
    noClasses()
        .that()
        .resideInAPackage("io.ormcalc.calculation..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.ormcalc.job..", "io.ormcalc.execution..", "io.ormcalc.api..", "io.ormcalc.json..")
        .check(CLASSES);
  }
}
