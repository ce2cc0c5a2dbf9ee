package sparkmlp.core.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.loss.Loss;

/**
 * The checks at {@link Network}'s boundary, each with our message: a valid topology for the
 * constructor, and for every pass arrays, offsets, workspace and dropout key that fit the network.
 */
final class NetworkChecks {
  private NetworkChecks() {}

  /**
   * The dense layers of a valid topology: an input size in range, at least one layer, a dense
   * output layer, softmax only there.
   */
  static List<Dense> denseLayers(int inputSize, List<? extends Layer> layers, Loss loss) {
    Objects.requireNonNull(layers, "layers");
    Objects.requireNonNull(loss, "loss");
    if (inputSize < 1 || inputSize > Dense.MAX_UNITS) {
      throw new IllegalArgumentException(
          "input size must be between 1 and " + Dense.MAX_UNITS + ", found " + inputSize);
    }
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a network needs at least one layer, found none");
    }
    if (!(layers.get(layers.size() - 1) instanceof Dense)) {
      throw new IllegalArgumentException(
          "the last layer must be a dense output layer, found " + layers.get(layers.size() - 1));
    }
    List<Dense> dense = new ArrayList<>();
    for (Layer layer : layers) {
      if (layer instanceof Dense d) {
        dense.add(d);
      }
    }
    for (int l = 0; l < dense.size() - 1; l++) {
      if (dense.get(l).activation() == Activation.SOFTMAX) {
        throw new IllegalArgumentException(
            "softmax is only supported on the output layer, found it on layer " + (l + 1));
      }
    }
    return dense;
  }

  static void call(
      Network net,
      int paramsLength,
      int xLength,
      int xOff,
      int batch,
      Workspace ws,
      boolean single) {
    if (paramsLength != net.numParams()) {
      throw new IllegalArgumentException(
          "parameter vector must have " + net.numParams() + " values, found " + paramsLength);
    }
    if (batch < 0) {
      throw new IllegalArgumentException("batch size must be >= 0, found " + batch);
    }
    if (xOff < 0 || (long) xOff + (long) net.inputSize() * batch > xLength) {
      throw new IllegalArgumentException(
          "input block must hold "
              + batch
              + " examples of "
              + net.inputSize()
              + " features from offset "
              + xOff
              + ", found an array of "
              + xLength);
    }
    if (ws.network != net && !ws.network.equals(net)) {
      throw new IllegalArgumentException("workspace belongs to another network");
    }
    if (ws.single != single) {
      throw new IllegalArgumentException(
          single
              ? "a float pass needs a float workspace (newFloatWorkspace)"
              : "a double pass needs a double workspace (newWorkspace)");
    }
    ws.ensure(batch);
  }

  /** The checks of a gradient call, in double ({@code single} false) or float alike. */
  static void gradientCall(
      Network net,
      int paramsLength,
      int xLength,
      int xOff,
      double[] y,
      int yOff,
      double[] w,
      int wOff,
      int batch,
      int gradLength,
      Workspace ws,
      DropoutKey key,
      boolean single) {
    call(net, paramsLength, xLength, xOff, batch, ws, single);
    gradient(net, gradLength);
    weights(w, wOff, batch);
    targets(net, y, yOff, batch);
    key(key, batch);
  }

  static void weights(double[] w, int wOff, int batch) {
    if (w != null && (wOff < 0 || wOff + batch > w.length)) {
      throw new IllegalArgumentException(
          "weight array of " + w.length + " values cannot hold " + batch + " from " + wOff);
    }
  }

  static void gradient(Network net, int length) {
    if (length != net.numParams()) {
      throw new IllegalArgumentException(
          "gradient vector must have " + net.numParams() + " values, found " + length);
    }
  }

  static void key(DropoutKey key, int batch) {
    if (key != null && key.ranks().length < batch) {
      throw new IllegalArgumentException(
          "a dropout key needs a rank for each of the "
              + batch
              + " examples, found "
              + key.ranks().length);
    }
  }

  static void targets(Network net, double[] y, int yOff, int batch) {
    int rows = net.targetRows();
    if (yOff < 0 || (long) yOff + (long) rows * batch > y.length) {
      throw new IllegalArgumentException(
          "target block must hold "
              + batch
              + " examples of "
              + rows
              + " values from offset "
              + yOff
              + ", found an array of "
              + y.length);
    }
  }
}
