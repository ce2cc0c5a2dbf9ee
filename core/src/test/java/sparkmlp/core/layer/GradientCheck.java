package sparkmlp.core.layer;

import sparkmlp.core.data.BatchView;

/**
 * Numerical gradient check by central differences: for every parameter θ_i, (L(θ + h e_i) − L(θ − h
 * e_i)) / 2h against the backpropagated gradient of the mean batch loss. With a {@link DropoutKey},
 * every evaluation uses the same dropout masks, so dropout is checked too.
 */
public final class GradientCheck {
  private GradientCheck() {}

  /**
   * Outcome of a check: the norm-relative error ‖a − n‖ / (‖a‖ + ‖n‖) and the largest absolute
   * difference.
   */
  public record Result(
      double relativeError, double maxAbsoluteError, double[] analytic, double[] numerical) {}

  /** The mean loss of a batch at the given parameters. */
  public static double meanLoss(Network net, double[] params, double[] x, double[] y, int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException(
          "a gradient check needs at least one example, found " + batch);
    }
    return net.loss(params, BatchView.of(x, y, batch), net.newWorkspace(batch)) / batch;
  }

  /** Numerical gradient of the mean loss, central differences with step h. */
  public static double[] numericalGradient(
      Network net, double[] params, double[] x, double[] y, int batch, double h) {
    return numericalGradient(net, params, x, y, batch, h, null);
  }

  /** The same with the dropout masks of {@code key} (null: dropout passes through). */
  public static double[] numericalGradient(
      Network net, double[] params, double[] x, double[] y, int batch, double h, DropoutKey key) {
    double[] p = params.clone();
    double[] g = new double[p.length];
    Workspace ws = net.newWorkspace(batch);
    for (int i = 0; i < p.length; i++) {
      double keep = p[i];
      p[i] = keep + h;
      double plus = net.loss(p, BatchView.of(x, y, batch), ws, key);
      p[i] = keep - h;
      double minus = net.loss(p, BatchView.of(x, y, batch), ws, key);
      p[i] = keep;
      g[i] = (plus - minus) / (2 * h) / batch;
    }
    return g;
  }

  /** Compares backpropagation with central differences of step h. */
  public static Result check(
      Network net, double[] params, double[] x, double[] y, int batch, double h) {
    return check(net, params, x, y, batch, h, null);
  }

  /** The same with the fixed dropout masks of {@code key}. */
  public static Result check(
      Network net, double[] params, double[] x, double[] y, int batch, double h, DropoutKey key) {
    double[] analytic = new double[net.numParams()];
    net.gradient(params, BatchView.of(x, y, batch), analytic, net.newWorkspace(batch), key);
    for (int i = 0; i < analytic.length; i++) {
      analytic[i] /= batch;
    }
    double[] numerical = numericalGradient(net, params, x, y, batch, h, key);
    double diff = 0;
    double na = 0;
    double nn = 0;
    double maxAbs = 0;
    for (int i = 0; i < analytic.length; i++) {
      double d = analytic[i] - numerical[i];
      diff += d * d;
      na += analytic[i] * analytic[i];
      nn += numerical[i] * numerical[i];
      maxAbs = Math.max(maxAbs, Math.abs(d));
    }
    double denom = Math.sqrt(na) + Math.sqrt(nn);
    double rel = denom == 0 ? 0 : Math.sqrt(diff) / denom;
    return new Result(rel, maxAbs, analytic, numerical);
  }
}
