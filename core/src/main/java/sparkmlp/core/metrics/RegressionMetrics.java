package sparkmlp.core.metrics;

/** Mean squared error, mean absolute error and R² = 1 − SSE/SST, pooled over every output. */
public record RegressionMetrics(double mse, double mae, double r2) {}
