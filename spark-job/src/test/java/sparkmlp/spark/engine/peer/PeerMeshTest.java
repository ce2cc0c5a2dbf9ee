package sparkmlp.spark.engine.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sparkmlp.core.linalg.DoubleVec;
import sparkmlp.core.linalg.FloatVec;
import sparkmlp.core.linalg.Vec;
import sparkmlp.spark.engine.link.Handshake;
import sparkmlp.spark.engine.link.StepWire;

/**
 * Three tasks' meshes on loopback, without Spark: every owner adds the slices of its partition in
 * partition order (the bits of 0 + g0 + g1 + g2), and every task gathers every owner's slice; a
 * silent connection and one with the wrong token to a listener are turned away while the real peers
 * join; sealed links carry the same numbers.
 */
class PeerMeshTest {
  private static final byte[] KEY = Handshake.key(0x1122334455667788L, 0x0102030405060708L);
  private static final int K = 3;
  private static final int N = 10;

  /** Partition p's sum: values whose sum in another order would round differently. */
  private static double value(int p, int i) {
    return (p == 1 ? 1e16 : 1.0 + 0.1 * i) * (p == 2 ? -1 : 1) + (p == 2 ? 1e16 : 0);
  }

  @ParameterizedTest(name = "floats {0}, sealed {1}")
  @CsvSource({"false, false", "true, false", "false, true", "true, true"})
  void ownersAddInPartitionOrderAndEveryTaskGathersEverySlice(boolean floats, boolean sealed)
      throws Exception {
    Slices slices = new Slices(N, K);
    List<ServerSocket> servers = new ArrayList<>();
    String[] addresses = new String[K];
    for (int p = 0; p < K; p++) {
      ServerSocket server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      servers.add(server);
      addresses[p] = "127.0.0.1:" + server.getLocalPort();
    }
    // a silent connection and an impostor reach partition 0's listener before its peers
    Socket silent = new Socket(InetAddress.getLoopbackAddress(), servers.get(0).getLocalPort());
    CompletableFuture<Void> impostor =
        CompletableFuture.runAsync(
            () -> {
              try (Socket s =
                      new Socket(InetAddress.getLoopbackAddress(), servers.get(0).getLocalPort());
                  StepWire w = new StepWire(s, () -> {})) {
                Handshake.join(w, Handshake.key(1, 2), new Handshake.Hello(1, 9, 0), sealed);
              } catch (Exception expected) {
                // turned away
              }
            });
    List<CompletableFuture<double[]>> results = new ArrayList<>();
    for (int p = 0; p < K; p++) {
      int rank = p;
      results.add(
          CompletableFuture.supplyAsync(
              () -> runTask(servers.get(rank), addresses, rank, slices, floats, sealed)));
    }
    double[] expected = new double[N];
    for (int i = 0; i < N; i++) {
      double sum = 0;
      for (int p = 0; p < K; p++) {
        sum += floats ? (float) value(p, i) : value(p, i);
      }
      expected[i] = floats ? (float) sum : sum;
    }
    for (int p = 0; p < K; p++) {
      assertArrayEquals(expected, results.get(p).get(60, TimeUnit.SECONDS), 0.0, "task " + p);
    }
    impostor.get(60, TimeUnit.SECONDS);
    silent.close();
    for (ServerSocket s : servers) {
      s.close();
    }
  }

  private static void set(Vec v, int i, double value) {
    if (v instanceof FloatVec f) {
      f.values()[i] = (float) value;
    } else {
      ((DoubleVec) v).values()[i] = value;
    }
  }

  /** One task: its mesh, one exchange whose update writes the owner's sum as its weights. */
  private static double[] runTask(
      ServerSocket server,
      String[] addresses,
      int rank,
      Slices slices,
      boolean floats,
      boolean sealed) {
    Vec grad = Vec.zeros(N, floats);
    Vec weights = Vec.zeros(N, floats);
    for (int i = 0; i < N; i++) {
      set(grad, i, Double.NaN); // what a slice sent before it is final would carry
    }
    double[] totals = new double[3];
    try (PeerMesh mesh =
        PeerMesh.connect(
            server,
            addresses,
            new PeerMesh.Joining(new Handshake.Hello(rank, 9, 0), KEY, sealed, 60_000),
            slices,
            floats,
            () -> {})) {
      mesh.exchange(
          ready -> {
            // as a backward pass: the last slice's values first, each slice told final once written
            for (int q = slices.count() - 1; q >= 0; q--) {
              for (int i = slices.from(q); i < slices.to(q); i++) {
                set(grad, i, value(rank, i));
              }
              ready.ready(grad, slices.from(q));
            }
            return new StepExchange.Computed(grad, rank + 0.5, rank + 1, 2.0 * (rank + 1));
          },
          weights,
          (sum, loss, count, weight) -> {
            totals[0] = loss;
            totals[1] = count;
            totals[2] = weight;
            for (int i = 0; i < sum.length; i++) {
              int at = slices.from(rank) + i;
              if (weights instanceof FloatVec f) {
                f.values()[at] = (float) sum[i];
              } else {
                ((DoubleVec) weights).values()[at] = sum[i];
              }
            }
          });
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    // loss 0.5 + 1.5 + 2.5, count 1 + 2 + 3, weight 2 + 4 + 6, added by every owner
    assertArrayEquals(new double[] {4.5, 6, 12}, totals, 0.0);
    double[] out = new double[N];
    for (int i = 0; i < N; i++) {
      out[i] = weights instanceof FloatVec f ? f.values()[i] : ((DoubleVec) weights).values()[i];
    }
    return out;
  }
}
