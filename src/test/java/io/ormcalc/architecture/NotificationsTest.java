package io.ormcalc.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * The database's announcements reach their subscribers through CDI events: the notifier knows none
 * of them, and the job machinery and the webhook sender do not know each other.
 */
class NotificationsTest {

  private static final JavaClasses CLASSES = ServiceClasses.ALL;

  @Test
  void the_notifier_knows_no_subscriber() {
    noClasses()
        .that()
        .resideInAPackage("io.ormcalc.notify..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.ormcalc.execution..",
            "io.ormcalc.webhook..",
            "io.ormcalc.api..",
            "io.ormcalc.job..")
        .because("subscribers observe PgNotification events; the notifier only listens")
        .check(CLASSES);
  }

  @Test
  void the_job_machinery_does_not_depend_on_the_webhook_sender() {
    noClasses()
        .that()
        .resideInAPackage("io.ormcalc.execution..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.ormcalc.webhook..")
        .because("webhook depends on execution (claim loop, instance id): no cycle")
        .check(CLASSES);
  }
}
