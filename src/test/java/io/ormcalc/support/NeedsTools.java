package io.ormcalc.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test (class or method) drives programs that a machine with only a JDK lacks. When one of them
 * is not on the PATH the test is skipped, with one line saying what to install — the convention of
 * Testcontainers' {@code disabledWithoutDocker} — except under CI ({@code CI=true}), where a
 * missing program fails the build, so CI never skips the test silently.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(NeedsToolsCondition.class)
public @interface NeedsTools {

  /**
   * The programs, each as alternative names separated by {@code |} (e.g. {@code
   * "chromium|chromium-browser"}).
   */
  String[] value();

  /** How to get them, e.g. {@code apt-get install -y chromium chromium-driver}. */
  String install();
}
