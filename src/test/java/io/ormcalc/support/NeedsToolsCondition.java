package io.ormcalc.support;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Evaluates {@link NeedsTools}: runs, skips with one line, or (under CI) fails. */
public final class NeedsToolsCondition implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<AnnotatedElement> element = context.getElement();
    Optional<NeedsTools> needs =
        element.flatMap(e -> AnnotationSupport.findAnnotation(e, NeedsTools.class));
    if (needs.isEmpty()) {
      return ConditionEvaluationResult.enabled("needs no tool");
    }
    List<String> missing = new ArrayList<>();
    for (String alternatives : needs.get().value()) {
      if (Tools.onPath(alternatives.split("\\|")).isEmpty()) {
        missing.add(alternatives.replace("|", " or "));
      }
    }
    if (missing.isEmpty()) {
      return ConditionEvaluationResult.enabled("found " + String.join(", ", needs.get().value()));
    }
    String what = context.getDisplayName();
    String reason =
        String.format(
            "%s needs %s on the PATH (%s)",
            what, String.join(", ", missing), needs.get().install());
    if (Tools.inCi()) {
      throw new IllegalStateException(
          "CI=true, so this test may not be skipped: " + reason + "; .ci/run installs them");
    }
    // one line in the build's output, beside Surefire's "Skipped: 1"
    System.out.println("SKIPPED " + reason + "; install them to run it (CI=true makes this fail)");
    return ConditionEvaluationResult.disabled(reason);
  }
}
