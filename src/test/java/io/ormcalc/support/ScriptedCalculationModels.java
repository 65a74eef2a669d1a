package io.ormcalc.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ormcalc.calculation.CalculationContext;
import io.ormcalc.calculation.CalculationException;
import io.ormcalc.calculation.PreparedCalculation;
import io.ormcalc.execution.CalculationModels;
import io.ormcalc.execution.LdaExecutor;
import io.ormcalc.job.ModelName;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Map;

/**
 * Test-only: a request whose {@code inputs} hold a {@code script} object runs a scripted
 * calculation instead of the model's, so tests can make a job slow, block it on a gate, fail it
 * transiently or for good, and watch its progress and cancellation. Everything else goes to the
 * real models.
 *
 * <pre>
 * "inputs": {"script": {"name": "p-urgent", "sleep_ms": 300, "await_gate": true,
 *                       "fail_times": 2, "fail_permanently": false,
 *                       "deterministic": false, "exhaust": "memory", "instant": true}}
 * </pre>
 *
 * <p>{@code instant}: the calculation is closed-form, calculated in the claiming transaction (a
 * gate then holds that transaction open, as a long batch would).
 *
 * <p>{@code exhaust}: {@code memory} allocates until the heap runs out (a real {@code
 * OutOfMemoryError}), {@code stack} recurses until the stack does.
 */
@Alternative
@Priority(1)
@Singleton
public class ScriptedCalculationModels extends CalculationModels {

  public ScriptedCalculationModels(ObjectMapper mapper, LdaExecutor lda) {
    super(mapper, lda);
  }

  @Override
  public PreparedCalculation prepare(
      ModelName model, JsonNode inputs, JsonNode parameters, LocalDate calculationDate) {
    if (inputs == null || !inputs.has("script")) {
      return super.prepare(model, inputs, parameters, calculationDate);
    }
    JsonNode script = inputs.get("script");
    String name = script.path("name").asText();
    return new PreparedCalculation() {
      @Override
      public String ruleSet() {
        return "TEST_SCRIPT";
      }

      @Override
      public Object parameters() {
        return Map.of();
      }

      @Override
      public boolean isInstant() {
        // it sleeps, waits for gates and fails on request: it runs as a job, unless told otherwise
        return script.path("instant").asBoolean(false);
      }

      @Override
      public boolean isDeterministic() {
        return script.path("deterministic").asBoolean(true);
      }

      @Override
      public Object calculate(CalculationContext context) {
        int attempt = Scripts.nextAttempt(name);
        Scripts.started(name);
        try {
          exhaust(script.path("exhaust").asText(""));
          if (attempt <= script.path("fail_times").asInt(0)) {
            throw new UncheckedIOException(new java.io.IOException("scripted transient failure"));
          }
          if (script.path("fail_permanently").asBoolean(false)) {
            throw new CalculationException("SCRIPTED_FAILURE", "scripted permanent failure");
          }
          if (script.path("await_gate").asBoolean(false)) {
            while (Scripts.gate(name).getCount() > 0) {
              context.checkCancelled();
              pause(5);
            }
          }
          long sleep = script.path("sleep_ms").asLong(0);
          long until = System.currentTimeMillis() + sleep;
          while (System.currentTimeMillis() < until) {
            context.checkCancelled();
            context.progress(1.0 - (until - System.currentTimeMillis()) / (double) sleep);
            pause(5);
          }
          return Map.of("script", name, "attempt", attempt);
        } finally {
          Scripts.ended();
        }
      }
    };
  }

  private static void exhaust(String resource) {
    if (resource.equals("memory")) {
      java.util.List<long[]> hoard = new java.util.ArrayList<>();
      while (true) {
        hoard.add(new long[16 << 20]); // 128 MB at a time, until the heap is full
      }
    }
    if (resource.equals("stack")) {
      recurse(0);
    }
  }

  private static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
