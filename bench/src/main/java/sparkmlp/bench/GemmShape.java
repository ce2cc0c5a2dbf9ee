package sparkmlp.bench;

import java.util.ArrayList;
import java.util.List;
import sparkmlp.core.layer.Network;

/**
 * One GEMM of a training step, C = alpha·op(A)·op(B) + beta·C with op(A) m×k and op(B) k×n, with
 * the transposes, leading dimensions and beta that {@code Network.gradient} passes to BLAS.
 */
record GemmShape(String name, boolean transA, boolean transB, int m, int n, int k, double beta) {

  long flops() {
    return 2L * m * n * k;
  }

  int lda() {
    return transA ? k : m;
  }

  int ldb() {
    return transB ? n : k;
  }

  int aSize() {
    return m * k;
  }

  int bSize() {
    return k * n;
  }

  int cSize() {
    return m * n;
  }

  /**
   * The GEMMs of one step at {@code batch} examples, in the order {@code Network} runs them: each
   * layer's forward product, then from the last layer down its weight gradient and (not for the
   * first layer) its input gradient. Their FLOPs add up to {@code batch · (flopsPerExample − bias
   * terms)}.
   */
  static List<GemmShape> trainingStep(Network net, int batch) {
    List<GemmShape> shapes = new ArrayList<>();
    for (int l = 0; l < net.numLayers(); l++) {
      int units = net.layer(l).units();
      shapes.add(
          new GemmShape(
              "L" + (l + 1) + " forward W·X", false, false, units, batch, net.fanIn(l), 1.0));
    }
    for (int l = net.numLayers() - 1; l >= 0; l--) {
      int units = net.layer(l).units();
      int in = net.fanIn(l);
      shapes.add(
          new GemmShape("L" + (l + 1) + " weight grad D·Xᵀ", false, true, units, in, batch, 1.0));
      if (l > 0) {
        shapes.add(
            new GemmShape("L" + (l + 1) + " input grad Wᵀ·D", true, false, in, batch, units, 0.0));
      }
    }
    return shapes;
  }

  /** A large square product: what the BLAS reaches when shapes do not limit it. */
  static GemmShape square(int size) {
    return new GemmShape("square " + size + "³ (reference)", false, false, size, size, size, 0.0);
  }

  /** e.g. {@code 256×256×784 NN}. */
  String dims() {
    return m + "×" + n + "×" + k + " " + (transA ? "T" : "N") + (transB ? "T" : "N");
  }
}
