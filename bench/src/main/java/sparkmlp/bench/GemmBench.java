package sparkmlp.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import sparkmlp.core.layer.Network;
import sparkmlp.core.linalg.Blas;

/**
 * The hardware limit: what the process's BLAS (through core's {@link Blas}) reaches on the GEMMs of
 * one training step, in double and single precision, on one thread and on two threads at once (each
 * its own operands, as two Spark tasks run). The FLOP-weighted rate over a step's GEMMs is the
 * ceiling a training step can approach. Each figure is the best of several trials: a limit, which
 * load from elsewhere can only lower.
 */
final class GemmBench {
  private static final int TRIALS = 7;
  private static final int SQUARE = 1024;

  /** GFLOP/s of one shape, double and single precision, one thread. */
  record ShapeRate(GemmShape shape, Measurement dgemm, Measurement sgemm) {}

  /**
   * @param dgemmWeighted FLOP-weighted one-thread rate over the step's GEMMs (total FLOPs / sum of
   *     times)
   * @param dgemmStep one thread running the step's GEMMs back to back
   * @param dgemmTwoThreads aggregate of two threads each running the step's GEMMs back to back
   * @param sgemmLockStep seconds of a round in which each of two threads runs the step's sgemms
   *     once ({@code stepFlops} each), the threads waiting for each other between rounds
   */
  record Result(
      String blas,
      String openblasThreads,
      int batch,
      List<ShapeRate> shapes,
      double dgemmWeighted,
      double sgemmWeighted,
      Measurement dgemmStep,
      Measurement sgemmStep,
      Measurement dgemmTwoThreads,
      Measurement sgemmTwoThreads,
      ShapeRate square,
      Measurement squareDgemmTwoThreads,
      Measurement sgemmLockStep,
      double stepFlops) {

    /**
     * The float η a step that did nothing but its GEMMs would reach against the two-thread bound on
     * this machine in this run: both threads' FLOPs over the mean lock-step round, divided by the
     * best free-running two-thread rate. Below 1 by the rounds' spread: a round waits for the
     * slower thread, and any pause of either thread (other processes, the hypervisor) lengthens it.
     */
    double floatEtaCeiling() {
      return 2 * stepFlops / sgemmLockStep.mean() / 1e9 / sgemmTwoThreads.best();
    }

    ObjectNode toJson() {
      ObjectNode n = JsonNodeFactory.instance.objectNode();
      n.put("blas", blas);
      n.put("openblas_num_threads", openblasThreads);
      n.put("batch", batch);
      n.put(
          "unit",
          "GFLOP/s; the limit is the best of "
              + TRIALS
              + " trials (other load only slows a trial down),"
              + " the median alongside");
      ArrayNode a = n.putArray("shapes");
      for (ShapeRate r : shapes) {
        a.add(shapeJson(r));
      }
      n.put("dgemm_flop_weighted_1_thread", dgemmWeighted);
      n.put("sgemm_flop_weighted_1_thread", sgemmWeighted);
      n.set("dgemm_step_sequence_1_thread", dgemmStep.toJson());
      n.set("sgemm_step_sequence_1_thread", sgemmStep.toJson());
      n.set("dgemm_step_sequence_2_threads_aggregate", dgemmTwoThreads.toJson());
      n.set("sgemm_step_sequence_2_threads_aggregate", sgemmTwoThreads.toJson());
      n.set("reference_square", shapeJson(square));
      n.set("reference_square_dgemm_2_threads_aggregate", squareDgemmTwoThreads.toJson());
      ObjectNode lock = n.putObject("sgemm_step_sequence_2_threads_lock_step");
      lock.put("unit", "seconds a round, each thread the step's sgemms once");
      lock.put("rounds", sgemmLockStep.samples().length);
      lock.put("mean", sgemmLockStep.mean());
      lock.put("median", sgemmLockStep.median());
      lock.put("best", sgemmLockStep.best());
      lock.put("float_eta_ceiling", floatEtaCeiling());
      return n;
    }

    private static ObjectNode shapeJson(ShapeRate r) {
      ObjectNode s = JsonNodeFactory.instance.objectNode();
      s.put("name", r.shape().name());
      s.put("m", r.shape().m());
      s.put("n", r.shape().n());
      s.put("k", r.shape().k());
      s.put("trans", (r.shape().transA() ? "T" : "N") + (r.shape().transB() ? "T" : "N"));
      s.put("flops", r.shape().flops());
      s.set("dgemm", r.dgemm().toJson());
      s.set("sgemm", r.sgemm().toJson());
      return s;
    }
  }

  private GemmBench() {}

  static Result run(Network net, int batch, double trialSeconds, Progress progress) {
    String threads = blasThreads(progress);
    List<GemmShape> step = GemmShape.trainingStep(net, batch);
    List<ShapeRate> rates = new ArrayList<>();
    double flops = 0;
    double dSeconds = 0;
    double sSeconds = 0;
    for (GemmShape s : step) {
      ShapeRate r = measure(s, trialSeconds);
      rates.add(r);
      flops += s.flops();
      dSeconds += s.flops() / (r.dgemm().best() * 1e9);
      sSeconds += s.flops() / (r.sgemm().best() * 1e9);
      progress.line(
          "  %-24s %-16s dgemm %6.2f  sgemm %6.2f GFLOP/s",
          s.name(), s.dims(), r.dgemm().best(), r.sgemm().best());
    }
    double dWeighted = flops / dSeconds / 1e9;
    double sWeighted = flops / sSeconds / 1e9;
    progress.line(
        "  FLOP-weighted over the step (1 thread): dgemm %.2f  sgemm %.2f GFLOP/s",
        dWeighted, sWeighted);

    Measurement dStep = Measurement.gflops(sequence(step, 1, true)[0], flops, trialSeconds, TRIALS);
    Measurement sStep =
        Measurement.gflops(sequence(step, 1, false)[0], flops, trialSeconds, TRIALS);
    progress.line(
        "  step's GEMMs back to back, 1 thread:  dgemm %.2f  sgemm %.2f GFLOP/s",
        dStep.best(), sStep.best());
    Measurement dTwo =
        Measurement.concurrentGflops(sequence(step, 2, true), flops, trialSeconds, TRIALS);
    Measurement sTwo =
        Measurement.concurrentGflops(sequence(step, 2, false), flops, trialSeconds, TRIALS);
    progress.line(
        "  step's GEMMs back to back, 2 threads: dgemm %.2f  sgemm %.2f GFLOP/s aggregate (all cores)",
        dTwo.best(), sTwo.best());

    int rounds = (int) Math.round(trialSeconds * 1000);
    Measurement lockStep = Measurement.lockStep(sequence(step, 2, false), rounds);
    progress.line(
        "  step's sgemms, 2 threads in lock-step (%d rounds): round mean %.2f ms, median %.2f, best"
            + " %.2f",
        rounds, lockStep.mean() * 1e3, lockStep.median() * 1e3, lockStep.best() * 1e3);

    GemmShape sq = GemmShape.square(SQUARE);
    ShapeRate square = measure(sq, trialSeconds);
    Measurement squareTwo =
        Measurement.concurrentGflops(
            sequence(List.of(sq), 2, true), sq.flops(), trialSeconds, TRIALS);
    progress.line(
        "  %s: dgemm %.2f (2 threads %.2f)  sgemm %.2f GFLOP/s",
        sq.name(), square.dgemm().best(), squareTwo.best(), square.sgemm().best());
    return new Result(
        Blas.implementation(),
        threads,
        batch,
        rates,
        dWeighted,
        sWeighted,
        dStep,
        sStep,
        dTwo,
        sTwo,
        square,
        squareTwo,
        lockStep,
        flops);
  }

  /** Names the BLAS and returns OPENBLAS_NUM_THREADS, warning unless it is 1. */
  private static String blasThreads(Progress progress) {
    progress.line("BLAS: %s", Blas.implementation());
    String threads = System.getenv("OPENBLAS_NUM_THREADS");
    if (!"1".equals(threads)) {
      progress.line(
          "warning: OPENBLAS_NUM_THREADS is %s, not 1: one-thread figures may use more cores",
          threads);
    }
    return threads;
  }

  private static ShapeRate measure(GemmShape s, double trialSeconds) {
    Operands o = new Operands(s, 1);
    Measurement d = Measurement.gflops(o::dgemm, s.flops(), trialSeconds, TRIALS);
    Measurement f = Measurement.gflops(o::sgemm, s.flops(), trialSeconds, TRIALS);
    return new ShapeRate(s, d, f);
  }

  /**
   * For each of {@code threads} threads, an op running all the shapes once on operands of its own.
   */
  private static Runnable[] sequence(List<GemmShape> shapes, int threads, boolean dbl) {
    Runnable[] ops = new Runnable[threads];
    for (int t = 0; t < threads; t++) {
      List<Operands> os = new ArrayList<>();
      for (GemmShape s : shapes) {
        os.add(new Operands(s, 100 + t));
      }
      ops[t] = dbl ? () -> os.forEach(Operands::dgemm) : () -> os.forEach(Operands::sgemm);
    }
    return ops;
  }

  /** Operands of one shape in both precisions, small random values (no denormals, no overflow). */
  private static final class Operands {
    private final GemmShape s;
    private final double[] a;
    private final double[] b;
    private final double[] c;
    private final float[] fa;
    private final float[] fb;
    private final float[] fc;

    Operands(GemmShape s, long seed) {
      this.s = s;
      SplittableRandom rnd = new SplittableRandom(seed);
      a = random(s.aSize(), rnd);
      b = random(s.bSize(), rnd);
      c = random(s.cSize(), rnd);
      fa = floats(a);
      fb = floats(b);
      fc = floats(c);
    }

    void dgemm() {
      Blas.gemm(
          s.transA(),
          s.transB(),
          s.m(),
          s.n(),
          s.k(),
          1.0,
          a,
          0,
          s.lda(),
          b,
          0,
          s.ldb(),
          s.beta(),
          c,
          0,
          s.m());
    }

    void sgemm() {
      Blas.sgemm(
          s.transA(),
          s.transB(),
          s.m(),
          s.n(),
          s.k(),
          1.0f,
          fa,
          0,
          s.lda(),
          fb,
          0,
          s.ldb(),
          (float) s.beta(),
          fc,
          0,
          s.m());
    }

    private static double[] random(int n, SplittableRandom rnd) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = rnd.nextDouble(-0.01, 0.01);
      }
      return v;
    }

    private static float[] floats(double[] v) {
      float[] f = new float[v.length];
      for (int i = 0; i < v.length; i++) {
        f[i] = (float) v[i];
      }
      return f;
    }
  }
}
