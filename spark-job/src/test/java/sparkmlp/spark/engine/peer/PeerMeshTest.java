package sparkmlp.spark.engine.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sparkmlp.core.linalg.DoubleVec;
import sparkmlp.core.linalg.FloatVec;
import sparkmlp.core.linalg.Vec;
import sparkmlp.spark.engine.link.Handshake;
import sparkmlp.spark.engine.link.StepWire;

/**
 * Three tasks' meshes on loopback, without Spark, two steps: every owner adds its chunks of each
 * layer in partition order (the bits of 0 + g0 + g1 + g2), and every task gathers every owner's
 * chunks; the second step's forward pass finds a layer's weights missing (NaN) until it asks for
 * them, and whole after; a peer lost before its all-gather fails the next step's wait and the
 * epoch's end (never a hang); a silent connection and one with the wrong token to a listener are
 * turned away while the real peers join; sealed links carry the same numbers.
 */
class PeerMeshTest {
  private static final byte[] KEY = Handshake.key(0x1122334455667788L, 0x0102030405060708L);
  private static final int K = 3;
  // layers of 10, 7 and 2 parameters: the last has an empty chunk among three owners
  private static final LayerShards SHARDS = new LayerShards(new int[] {0, 10, 17, 19}, K);
  private static final int N = 19;

  /** The task whose first update waits until the others have looked at its missing weights. */
  private static final int LATE = 2;

  /** Partition p's sum: values whose sum in another order would round differently. */
  private static double value(int p, int i) {
    return (p == 1 ? 1e16 : 1.0 + 0.1 * i) * (p == 2 ? -1 : 1) + (p == 2 ? 1e16 : 0);
  }

  @ParameterizedTest(name = "floats {0}, sealed {1}")
  @CsvSource({"false, false", "true, false", "false, true", "true, true"})
  void ownersAddInPartitionOrderAndEveryTaskGathersEveryChunkBeforeItIsRead(
      boolean floats, boolean sealed) throws Exception {
    List<ServerSocket> servers = listeners();
    String[] addresses = addresses(servers);
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
    List<CompletableFuture<double[][]>> results = new ArrayList<>();
    CountDownLatch looked = new CountDownLatch(K - 1);
    for (int p = 0; p < K; p++) {
      Task task = new Task(p, floats, sealed, looked);
      results.add(CompletableFuture.supplyAsync(() -> task.run(servers.get(task.rank), addresses)));
    }
    double[] expected = new double[N];
    for (int i = 0; i < N; i++) {
      double sum = 0;
      for (int p = 0; p < K; p++) {
        sum += floats ? (float) value(p, i) : value(p, i);
      }
      expected[i] = floats ? (float) sum : sum;
    }
    double[] twice = new double[N];
    for (int i = 0; i < N; i++) {
      twice[i] = 2 * expected[i];
    }
    for (int p = 0; p < K; p++) {
      double[][] result = results.get(p).get(60, TimeUnit.SECONDS);
      assertArrayEquals(expected, result[0], 0.0, "task " + p + ": the weights step 2 read");
      assertArrayEquals(twice, result[1], 0.0, "task " + p + ": the weights after step 2");
    }
    impostor.get(60, TimeUnit.SECONDS);
    silent.close();
    for (ServerSocket s : servers) {
      s.close();
    }
  }

  private static List<ServerSocket> listeners() throws IOException {
    List<ServerSocket> servers = new ArrayList<>();
    for (int p = 0; p < K; p++) {
      ServerSocket server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      servers.add(server);
    }
    return servers;
  }

  private static String[] addresses(List<ServerSocket> servers) {
    String[] addresses = new String[K];
    for (int p = 0; p < K; p++) {
      addresses[p] = "127.0.0.1:" + servers.get(p).getLocalPort();
    }
    return addresses;
  }

  @Test
  void aPeerLostBeforeItsAllGatherFailsTheNextStepsWaitAndTheEnd() throws Exception {
    List<ServerSocket> servers = listeners();
    String[] addresses = addresses(servers);
    CountDownLatch stepped = new CountDownLatch(K - 1);
    List<CompletableFuture<String>> outcomes = new ArrayList<>();
    for (int p = 0; p < K; p++) {
      int rank = p;
      outcomes.add(
          CompletableFuture.supplyAsync(
              () -> loseTheLast(servers.get(rank), addresses, rank, stepped)));
    }
    assertEquals("step 2 failed", outcomes.get(0).get(60, TimeUnit.SECONDS));
    assertEquals("the end failed", outcomes.get(1).get(60, TimeUnit.SECONDS));
    assertEquals("gone", outcomes.get(2).get(60, TimeUnit.SECONDS));
    for (ServerSocket s : servers) {
      s.close();
    }
  }

  /**
   * Step 1 on every task, the last closing its links in its update (once the others have finished
   * step 1), before it sends its chunks of the weights; then task 0 runs step 2, whose forward pass
   * asks for the weights, and task 1 ends the epoch.
   */
  private static String loseTheLast(
      ServerSocket server, String[] addresses, int rank, CountDownLatch stepped) {
    Vec grad = Vec.zeros(N, false);
    Vec weights = Vec.zeros(N, false);
    StepExchange.Share share =
        ready -> {
          ready.weightsNeeded(N);
          ready.ready(grad, 0);
          return new StepExchange.Computed(grad, 1, 1, 1);
        };
    try (PeerMesh mesh =
        PeerMesh.connect(
            server,
            addresses,
            new PeerMesh.Joining(new Handshake.Hello(rank, 9, 0), KEY, false, 60_000),
            SHARDS,
            false,
            () -> {})) {
      mesh.exchange(
          share,
          weights,
          (sums, loss, count, weight) -> {
            if (rank == K - 1) {
              await(stepped);
              mesh.close();
            }
          });
      if (rank == K - 1) {
        return "gone";
      }
      stepped.countDown();
      try {
        if (rank == 0) {
          mesh.exchange(share, weights, (sums, loss, count, weight) -> {});
          return "step 2 went through";
        }
        mesh.settle();
        return "the end went through";
      } catch (IOException e) {
        return rank == 0 ? "step 2 failed" : "the end failed";
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void set(Vec v, int i, double value) {
    if (v instanceof FloatVec f) {
      f.values()[i] = (float) value;
    } else {
      ((DoubleVec) v).values()[i] = value;
    }
  }

  private static double get(Vec v, int i) {
    return v instanceof FloatVec f ? f.values()[i] : ((DoubleVec) v).values()[i];
  }

  /** One task: its mesh and two exchanges whose updates write the owner's sum (then twice it). */
  private record Task(int rank, boolean floats, boolean sealed, CountDownLatch looked) {
    /** The weights the second step read, and those after it. */
    double[][] run(ServerSocket server, String[] addresses) {
      Vec grad = Vec.zeros(N, floats);
      Vec weights = Vec.zeros(N, floats);
      for (int i = 0; i < N; i++) {
        set(weights, i, Double.NaN); // weights that have not arrived
      }
      double[] read = new double[N];
      try (PeerMesh mesh =
          PeerMesh.connect(
              server,
              addresses,
              new PeerMesh.Joining(new Handshake.Hello(rank, 9, 0), KEY, sealed, 60_000),
              SHARDS,
              floats,
              () -> {})) {
        for (int step = 1; step <= 2; step++) {
          int factor = step;
          double[] totals = new double[3];
          mesh.exchange(
              ready -> compute(ready, grad, weights, factor == 2 ? read : null),
              weights,
              (sums, loss, count, weight) -> {
                if (factor == 1 && rank == LATE) {
                  await(looked);
                }
                totals[0] = loss;
                totals[1] = count;
                totals[2] = weight;
                for (int l = 0; l < SHARDS.layers(); l++) {
                  for (int i = 0; i < sums[l].length; i++) {
                    set(weights, SHARDS.from(l, rank) + i, factor * sums[l][i]);
                  }
                }
              });
          // loss 0.5 + 1.5 + 2.5, count 1 + 2 + 3, weight 2 + 4 + 6, added by every owner
          assertArrayEquals(new double[] {4.5, 6, 12}, totals, 0.0);
        }
        mesh.settle();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      double[] out = new double[N];
      for (int i = 0; i < N; i++) {
        out[i] = get(weights, i);
      }
      return new double[][] {read, out};
    }

    /**
     * As a forward and backward pass: when {@code read} is not null, reads each layer's weights
     * after asking for them (the late owner's chunks are still missing before); then fills the
     * sum's layers from the last, each told final once written (NaN until then).
     */
    private StepExchange.Computed compute(
        sparkmlp.spark.data.GradientReady ready, Vec grad, Vec weights, double[] read) {
      for (int i = 0; i < N; i++) {
        set(grad, i, Double.NaN); // what a chunk sent before it is final would carry
      }
      if (read != null) {
        if (rank != LATE) {
          for (int l = 0; l < SHARDS.layers(); l++) {
            for (int i = SHARDS.from(l, LATE); i < SHARDS.to(l, LATE); i++) {
              assertTrue(Double.isNaN(get(weights, i)), "weight " + i + " before it was asked for");
            }
          }
          looked.countDown();
        }
        for (int l = 0; l < SHARDS.layers(); l++) {
          ready.weightsNeeded(SHARDS.start(l + 1));
          for (int i = SHARDS.start(l); i < SHARDS.start(l + 1); i++) {
            read[i] = get(weights, i);
          }
        }
      }
      for (int l = SHARDS.layers() - 1; l >= 0; l--) {
        for (int i = SHARDS.start(l); i < SHARDS.start(l + 1); i++) {
          set(grad, i, value(rank, i));
        }
        ready.ready(grad, SHARDS.start(l));
      }
      return new StepExchange.Computed(grad, rank + 0.5, rank + 1, 2.0 * (rank + 1));
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(60, TimeUnit.SECONDS), "the others did not look");
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
