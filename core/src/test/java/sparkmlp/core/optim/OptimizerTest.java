package sparkmlp.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Two-step goldens: θ0 = [1, -2], g1 = [0.5, -1], g2 = [0.25, 2]; expected values by hand from the
 * javadoc formulas.
 */
class OptimizerTest {
  private static final double[] THETA0 = {1.0, -2.0};
  private static final double[] G1 = {0.5, -1.0};
  private static final double[] G2 = {0.25, 2.0};

  private static double[] twoSteps(Optimizer opt, OptimizerState state, double lr) {
    double[] p = THETA0.clone();
    opt.step(p, G1.clone(), state, lr);
    opt.step(p, G2.clone(), state, lr);
    return p;
  }

  @Test
  void sgdTwoSteps() {
    Optimizer sgd = Optimizer.sgd();
    OptimizerState s = sgd.newState(2);
    double[] p = THETA0.clone();
    sgd.step(p, G1.clone(), s, 0.1);
    assertArrayEquals(new double[] {0.95, -1.9}, p, 1e-15);
    sgd.step(p, G2.clone(), s, 0.1);
    // θ2 = θ1 - 0.1 g2 = [0.95 - 0.025, -1.9 - 0.2]
    assertArrayEquals(new double[] {0.925, -2.1}, p, 1e-15);
    assertEquals(2, s.steps());
    assertEquals(0, s.numSlots());
    assertEquals("sgd", sgd.id());
  }

  @Test
  void classicMomentumTwoSteps() {
    Optimizer m = Optimizer.momentum(0.9, false);
    OptimizerState s = m.newState(2);
    double[] p = twoSteps(m, s, 0.1);
    // v1 = -lr g1 = [-0.05, 0.1]; θ1 = θ0 + v1 = [0.95, -1.9]
    // v2 = 0.9 v1 - lr g2 = [-0.045 - 0.025, 0.09 - 0.2] = [-0.07, -0.11]; θ2 = θ1 + v2 = [0.88,
    // -2.01]
    assertArrayEquals(new double[] {0.88, -2.01}, p, 1e-15);
    assertArrayEquals(new double[] {-0.07, -0.11}, s.slot(0), 1e-15);
    assertEquals(2, s.steps());
    // the same by plain arithmetic
    double[] v = new double[2];
    double[] q = THETA0.clone();
    for (double[] g : new double[][] {G1, G2}) {
      for (int i = 0; i < 2; i++) {
        v[i] = 0.9 * v[i] - 0.1 * g[i];
        q[i] = q[i] + v[i];
      }
    }
    assertArrayEquals(q, p, 0);
  }

  @Test
  void nesterovMomentumTwoSteps() {
    Optimizer m = Optimizer.momentum(0.9, true);
    OptimizerState s = m.newState(2);
    double[] p = twoSteps(m, s, 0.1);
    // θ1 = θ0 + 0.9 v1 - lr g1 = [1 - 0.045 - 0.05, -2 + 0.09 + 0.1] = [0.905, -1.81]
    // θ2 = θ1 + 0.9 v2 - lr g2 = [0.905 - 0.063 - 0.025, -1.81 - 0.099 - 0.2] = [0.817, -2.109]
    assertArrayEquals(new double[] {0.817, -2.109}, p, 1e-15);
    assertArrayEquals(new double[] {-0.07, -0.11}, s.slot(0), 1e-15);
  }

  @Test
  void adamTwoSteps() {
    double b1 = 0.9;
    double b2 = 0.999;
    double eps = 1e-8;
    double lr = 0.001;
    Optimizer adam = Optimizer.adam(b1, b2, eps);
    OptimizerState s = adam.newState(2);
    double[] p = THETA0.clone();
    adam.step(p, G1.clone(), s, lr);
    // t = 1: m̂ = g, v̂ = g², so θ1 = θ0 - lr g / (|g| + ε)
    double[] theta1 = {1 - lr * 0.5 / (0.5 + eps), -2 + lr * 1.0 / (1.0 + eps)};
    assertArrayEquals(theta1, p, 1e-15);
    assertArrayEquals(new double[] {0.99900000002, -1.99900000001}, p, 1e-14);
    adam.step(p, G2.clone(), s, lr);
    // t = 2: m = 0.9·0.1 g1 + 0.1 g2, v = 0.999·0.001 g1² + 0.001 g2²
    double[] m = {0.09 * 0.5 + 0.1 * 0.25, 0.09 * -1.0 + 0.1 * 2.0};
    double[] v = {0.000999 * 0.25 + 0.001 * 0.0625, 0.000999 * 1.0 + 0.001 * 4.0};
    double c1 = 1 - 0.9 * 0.9;
    double c2 = 1 - 0.999 * 0.999;
    double[] theta2 = new double[2];
    for (int i = 0; i < 2; i++) {
      theta2[i] = theta1[i] - lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
    }
    assertArrayEquals(theta2, p, 1e-15);
    // the same numbers written out (Python, same formulas)
    assertArrayEquals(new double[] {0.9980678204047746, -1.9993661035347206}, p, 1e-14);
    assertArrayEquals(m, s.slot(0), 1e-16);
    assertArrayEquals(v, s.slot(1), 1e-17);
    assertEquals(2, s.steps());
    assertEquals("adam", adam.id());
  }

  @Test
  void badSettingsAreRejectedWithTheValue() {
    assertEquals(
        "momentum must be in [0, 1), found 1.0",
        assertThrows(IllegalArgumentException.class, () -> Optimizer.momentum(1.0, false))
            .getMessage());
    assertEquals(
        "beta1 must be in [0, 1), found 1.0",
        assertThrows(IllegalArgumentException.class, () -> Optimizer.adam(1.0, 0.999, 1e-8))
            .getMessage());
    assertEquals(
        "beta2 must be in [0, 1), found NaN",
        assertThrows(IllegalArgumentException.class, () -> Optimizer.adam(0.9, Double.NaN, 1e-8))
            .getMessage());
    assertEquals(
        "epsilon must be > 0, found 0.0",
        assertThrows(IllegalArgumentException.class, () -> Optimizer.adam(0.9, 0.999, 0))
            .getMessage());
  }

  @Test
  void mismatchedLengthsAndForeignStatesAreRejected() {
    Optimizer adam = Optimizer.adam(0.9, 0.999, 1e-8);
    assertEquals(
        "gradient has 3 values, parameters 2",
        assertThrows(
                IllegalArgumentException.class,
                () -> adam.step(new double[2], new double[3], adam.newState(2), 0.1))
            .getMessage());
    assertEquals(
        "optimizer state has 0 slots, expected 2",
        assertThrows(
                IllegalArgumentException.class,
                () -> adam.step(new double[2], new double[2], Optimizer.sgd().newState(2), 0.1))
            .getMessage());
    assertEquals(
        "optimizer state slot 0 has 3 values, parameters 2",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    Optimizer.momentum(0.5, false)
                        .step(
                            new double[2],
                            new double[2],
                            Optimizer.momentum(0.5, false).newState(3),
                            0.1))
            .getMessage());
  }
}
