package sparkmlp.core.train;

/**
 * One epoch of history, Keras-style: {@code loss} is the mean training loss over the epoch's steps
 * (weights changing as it goes); validation figures are NaN without validation data; {@code
 * learningRate} is the rate of the epoch's last step (schedules step per batch); {@code seconds} is
 * the epoch's wall time, its validation included, {@code valSeconds} that validation's part (NaN
 * when unknown: a checkpoint written before it was recorded). Epochs are numbered from 1.
 */
public record EpochMetrics(
    int epoch,
    double loss,
    double valLoss,
    double valAccuracy,
    double learningRate,
    long examples,
    double seconds,
    double valSeconds) {}
