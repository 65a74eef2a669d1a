package io.ormcalc.calculation.lda;

import static io.ormcalc.calculation.lda.LdaFixtures.DATE;
import static io.ormcalc.calculation.lda.LdaFixtures.POOL;
import static io.ormcalc.calculation.lda.LdaFixtures.input;
import static io.ormcalc.calculation.lda.LdaFixtures.poissonLognormal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ormcalc.calculation.CalculationContext;
import io.ormcalc.calculation.CancelledException;
import io.ormcalc.calculation.PreparedCalculation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A simulation handed back part-way saves its state; a new attempt resumes from it and computes the
 * chunks it lacks only, to the uninterrupted run's result, to the last bit.
 */
class LdaCheckpointTest {

  /** Stops (as a hand-back does) once this share of the work is done, saving its state. */
  static final class HandBack implements CalculationContext {
    private final double at;
    private final byte[] resume;
    final List<byte[]> saved = new ArrayList<>();
    private volatile boolean released;
    double resumedAt = -1;

    HandBack(double at, byte[] resume) {
      this.at = at;
      this.resume = resume;
    }

    @Override
    public void progress(double fraction) {
      if (resumedAt < 0) {
        resumedAt = fraction;
      }
      if (fraction >= at) {
        released = true;
      }
    }

    @Override
    public boolean isCancelled() {
      return released;
    }

    @Override
    public byte[] resumeState() {
      return resume;
    }

    @Override
    public boolean checkpointDue() {
      return released && saved.isEmpty();
    }

    @Override
    public void checkpoint(byte[] state) {
      saved.add(state);
    }
  }

  static final class Resumed implements CalculationContext {
    private final byte[] state;
    double firstProgress = -1;

    Resumed(byte[] state) {
      this.state = state;
    }

    @Override
    public void progress(double fraction) {
      if (firstProgress < 0) {
        firstProgress = fraction;
      }
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public byte[] resumeState() {
      return state;
    }
  }

  private static PreparedCalculation prepared(String aggregation, long years) {
    List<UnitOfMeasure> units =
        List.of(poissonLognormal("fraud", 5, 10, 2), poissonLognormal("damage", 2, 11, 1.5));
    AggregationSpec spec =
        aggregation == null
            ? null
            : new AggregationSpec(
                aggregation,
                aggregation.equals("gaussian_copula")
                    ? List.of(List.of(1.0, 0.4), List.of(0.4, 1.0))
                    : null);
    return new LdaModel(POOL, 2)
        .prepare(input(units, years, 42L, spec), new LdaParameters(null), DATE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"comonotonic", "independent", "gaussian_copula"})
  void a_run_resumed_from_its_checkpoint_gives_the_uninterrupted_result_to_the_last_bit(
      String aggregation) {
    Object uninterrupted = prepared(aggregation, 2_000_000).calculate(CalculationContext.NONE);

    // the copula's second pass starts at 50 %: 0.3 stops in the first, 0.7 in the second
    for (double at :
        aggregation.equals("gaussian_copula") ? new double[] {0.3, 0.7} : new double[] {0.4}) {
      HandBack handBack = new HandBack(at, null);
      assertThatThrownBy(() -> prepared(aggregation, 2_000_000).calculate(handBack))
          .isInstanceOf(CancelledException.class);
      assertThat(handBack.saved).hasSize(1);

      Resumed resumed = new Resumed(handBack.saved.get(0));
      Object result = prepared(aggregation, 2_000_000).calculate(resumed);

      assertThat(result).isEqualTo(uninterrupted);
      assertThat(resumed.firstProgress)
          .as("it resumed where it stopped, not from the beginning")
          .isGreaterThanOrEqualTo(at - 0.05);
    }
  }

  @Test
  void a_state_saved_for_other_dimensions_is_ignored_and_the_run_starts_afresh() {
    HandBack handBack = new HandBack(0.5, null);
    assertThatThrownBy(() -> prepared(null, 1_000_000).calculate(handBack))
        .isInstanceOf(CancelledException.class);

    Resumed other = new Resumed(handBack.saved.get(0));
    Object result = prepared(null, 2_000_000).calculate(other);

    assertThat(result).isEqualTo(prepared(null, 2_000_000).calculate(CalculationContext.NONE));
  }

  @Test
  void a_hand_back_saves_every_chunk_done_when_the_run_stopped() {
    HandBack handBack = new HandBack(0.5, null);
    assertThatThrownBy(() -> prepared(null, 4_000_000).calculate(handBack))
        .isInstanceOf(CancelledException.class);
    LdaSimulation.State state =
        new LdaSimulation.State(2, Aggregations.COMONOTONIC, 4_000_000, 0.999, 42L);
    state.resume(handBack.saved.get(0));
    // stopped past 50 %: the workers finished the chunks they held, and all are in the state
    assertThat(state.doneCount()).isBetween(state.chunks / 2, state.chunks - 1);
    assertThat(state.pass).isEqualTo(1);
  }
}
