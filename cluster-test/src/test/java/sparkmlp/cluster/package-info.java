/**
 * Real clusters on loopback for integration tests: a Spark home assembled by the build ({@link
 * sparkmlp.cluster.SparkHome}), a master and two workers as separate JVMs ({@link
 * sparkmlp.cluster.StandaloneCluster}), HDFS ({@link sparkmlp.cluster.MiniHdfs}), applications
 * submitted through {@code SparkSubmit} ({@link sparkmlp.cluster.Submission}), and the teardown
 * that leaves no process behind ({@link sparkmlp.cluster.ProcessReaper}). Tests take a {@link
 * sparkmlp.cluster.TestCluster} through {@link sparkmlp.cluster.ClusterTest}. The sparkmlp job
 * itself is run from its shaded jar ({@link sparkmlp.cluster.SparkmlpJob}) and its files are read
 * back with core's readers ({@link sparkmlp.cluster.StoredModels}). The YARN suite ({@link
 * sparkmlp.cluster.YarnJobTest}) submits the same way to a MiniYARNCluster ({@link
 * sparkmlp.cluster.MiniYarn}, {@link sparkmlp.cluster.YarnCluster}), in client or cluster deploy
 * mode ({@link sparkmlp.cluster.SubmitTarget}). The network lab builds a multi-host network on the
 * machine, one namespace per host with capped links ({@link sparkmlp.cluster.NetworkLab}), and runs
 * the standalone cluster on it ({@link sparkmlp.cluster.LabCluster}); {@code bin/bench --network}
 * uses both from this module's test jar.
 */
package sparkmlp.cluster;
