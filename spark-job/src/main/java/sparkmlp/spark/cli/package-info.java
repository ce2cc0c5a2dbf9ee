/**
 * The {@code mlp} command line (picocli): {@code train}, {@code evaluate}, {@code predict}, {@code
 * inspect}, {@code export}, {@code retrain}, {@code registry}. Every failure ends as one line on
 * stderr and a non-zero exit code: 2 for usage and config errors, 3 for bad input data or models, 4
 * when training diverges, 1 for anything else; retrain adds 5 (candidate rejected, with {@code
 * --fail-on-reject}) and 6 (the run id is locked by a live run).
 */
package sparkmlp.spark.cli;
