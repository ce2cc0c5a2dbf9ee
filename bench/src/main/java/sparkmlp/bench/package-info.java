/**
 * The speed benchmark behind {@code bin/bench}: in one process and on the same machine, the native
 * GEMM rate at the training shapes ({@link sparkmlp.bench.GemmBench}), core's training step alone
 * ({@link sparkmlp.bench.StepBench}, {@link sparkmlp.bench.CoreEpochRun}), sparkmlp's {@code
 * TrainJob} on {@code local[2]} timed from outside ({@link sparkmlp.bench.SparkRun}, {@link
 * sparkmlp.bench.StepJobListener}) with Spark's own per-step floor ({@link
 * sparkmlp.bench.SparkFloor}), and MLlib's {@code MultilayerPerceptronClassifier} ({@link
 * sparkmlp.bench.MlpcRun}) on Fashion-MNIST, reported side by side ({@link sparkmlp.bench.Report})
 * with how busy the machine was meanwhile ({@link sparkmlp.bench.CpuMonitor}). {@code --network}
 * runs the job on a multi-host network built on the machine ({@link sparkmlp.bench.NetworkBench}).
 * Benchmarks never run in the test suite.
 */
package sparkmlp.bench;
