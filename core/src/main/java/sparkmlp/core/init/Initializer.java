package sparkmlp.core.init;

import java.util.Locale;
import java.util.SplittableRandom;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.Seeds;
import sparkmlp.core.format.Ids;
import sparkmlp.core.layer.Network;

/**
 * Weight initialisers; biases start at zero. Each layer draws from its own stream derived from
 * (seed, layer).
 */
public enum Initializer {
  /** Glorot/Xavier uniform: U(−r, r) with r = √(6 / (fan-in + fan-out)). */
  GLOROT_UNIFORM,
  /** He normal: N(0, 2 / fan-in), for ReLU layers. */
  HE_NORMAL;

  /** A fresh parameter vector for the network. */
  public double[] initialise(Network net, long seed) {
    double[] p = new double[net.numParams()];
    for (int l = 0; l < net.numLayers(); l++) {
      int fanIn = net.fanIn(l);
      int fanOut = net.layer(l).units();
      SplittableRandom rnd = new SplittableRandom(Seeds.mix(seed, 0x1417L, l));
      int off = net.weightOffset(l);
      int n = fanIn * fanOut;
      if (this == GLOROT_UNIFORM) {
        double r = Math.sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < n; i++) {
          p[off + i] = rnd.nextDouble(-r, r);
        }
      } else {
        double sd = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < n; i++) {
          p[off + i] = rnd.nextGaussian() * sd;
        }
      }
    }
    return p;
  }

  /** He normal when the hidden layers are ReLU, Glorot uniform otherwise (Keras's default). */
  public static Initializer defaultFor(Network net) {
    return net.numLayers() > 1 && net.layer(0).activation() == Activation.RELU
        ? HE_NORMAL
        : GLOROT_UNIFORM;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Initializer fromId(String id) {
    Initializer i = Ids.find(values(), Initializer::id, id);
    if (i == null) {
      throw new IllegalArgumentException(
          "unknown initializer '"
              + id
              + "'; expected "
              + Ids.alternatives(values(), Initializer::id));
    }
    return i;
  }
}
