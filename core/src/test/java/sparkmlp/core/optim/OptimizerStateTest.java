package sparkmlp.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import org.junit.jupiter.api.Test;

class OptimizerStateTest {

  @Test
  void copyIsDeepAndEqual() {
    Optimizer adam = Optimizer.adam(0.9, 0.999, 1e-8);
    OptimizerState s = adam.newState(3);
    adam.step(new double[] {1, 2, 3}, new double[] {0.1, -0.2, 0.3}, s, 0.01);
    OptimizerState c = s.copy();
    assertEquals(s, c);
    assertEquals(s.hashCode(), c.hashCode());
    assertEquals(1, c.steps());
    assertNotSame(s.slot(0), c.slot(0));
    assertNotSame(s.slot(1), c.slot(1));
    double before = s.slot(0)[1];
    c.slot(0)[1] = 42;
    assertEquals(before, s.slot(0)[1]);
    assertNotEquals(s, c);
    // stepping the copy leaves the original's count alone
    OptimizerState d = s.copy();
    adam.step(new double[] {1, 2, 3}, new double[] {0.1, -0.2, 0.3}, d, 0.01);
    assertEquals(1, s.steps());
    assertEquals(2, d.steps());
  }

  @Test
  void copyContinuesExactlyLikeTheOriginal() {
    Optimizer m = Optimizer.momentum(0.9, true);
    OptimizerState s = m.newState(2);
    double[] p = {1, 1};
    m.step(p, new double[] {0.3, -0.7}, s, 0.05);
    double[] q = p.clone();
    OptimizerState c = s.copy();
    m.step(p, new double[] {0.2, 0.1}, s, 0.05);
    m.step(q, new double[] {0.2, 0.1}, c, 0.05);
    assertArrayEquals(p, q, 0);
    assertEquals(s, c);
  }

  @Test
  void statesOfDifferentLengthOrStepsDiffer() {
    assertNotEquals(
        Optimizer.adam(0.9, 0.999, 1e-8).newState(2), Optimizer.adam(0.9, 0.999, 1e-8).newState(3));
    assertNotEquals(new OptimizerState(1, new double[0][]), new OptimizerState(2, new double[0][]));
    assertEquals(
        new OptimizerState(2, new double[][] {{1, 2}}),
        new OptimizerState(2, new double[][] {{1, 2}}));
  }
}
