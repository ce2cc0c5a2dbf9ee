/**
 * The Spark session a command runs in ({@link sparkmlp.spark.session.SparkSessions}): the master
 * from the command line, the config or spark-submit, loopback for local runs, and the settings the
 * step loop relies on; a session a command started is stopped when it ends.
 */
package sparkmlp.spark.session;
