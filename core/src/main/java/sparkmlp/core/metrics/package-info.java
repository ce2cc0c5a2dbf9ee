/**
 * Mergeable metric accumulators and the metrics they produce: loss, accuracy, per-class P/R/F1,
 * confusion, MSE/MAE/R².
 */
package sparkmlp.core.metrics;
