package sparkmlp.spark.train;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import sparkmlp.core.layer.Network;
import sparkmlp.core.metrics.Evaluation;
import sparkmlp.core.metrics.Evaluator;
import sparkmlp.core.metrics.MetricsAccumulator;
import sparkmlp.core.model.Task;
import sparkmlp.core.train.GradientSource;
import sparkmlp.core.train.GradientSum;

/**
 * One Spark job per step: broadcast the weights, let every partition sum the gradient of its share of the
 * global batch, collect the sums in partition order and add them up on the driver. The previous step's
 * broadcast is destroyed first, so nothing grows with the number of steps.
 */
public final class DistributedGradientSource implements GradientSource {
    private final JavaSparkContext jsc;
    private final Network net;
    private final Task task;
    private final int classes;
    private final PreparedData data;
    private final int batchSize;
    private final long seed;
    private final int stepsPerEpoch;
    private final GradientSum total;
    private Broadcast<double[]> current;
    private long jobs;

    public DistributedGradientSource(JavaSparkContext jsc, Network net, Task task, int classes, PreparedData data,
            int batchSize, long seed, int stepsPerEpoch) {
        this.jsc = jsc;
        this.net = net;
        this.task = task;
        this.classes = classes;
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        this.stepsPerEpoch = stepsPerEpoch;
        this.total = GradientSum.zero(net.numParams());
    }

    @Override
    public GradientSum compute(double[] params, int epoch, int step) {
        Broadcast<double[]> weights = rebroadcast(params);
        jsc.setJobDescription("epoch " + (epoch + 1) + " step " + (step + 1) + "/" + stepsPerEpoch);
        Network network = net;
        long n = data.numTrain();
        int b = batchSize;
        long s = seed;
        List<GradientSum> parts = data.train()
                .map(p -> p.gradient(network, weights.value(), n, b, s, epoch, step))
                .collect();
        jobs++;
        total.reset();
        for (GradientSum p : parts) {
            total.merge(p);
        }
        return total;
    }

    @Override
    public Evaluation validate(double[] params) {
        if (data.validation() == null) {
            return null;
        }
        jsc.setJobDescription("validation");
        return evaluate(jsc, net, task, classes, data.validation(), rebroadcast(params));
    }

    /** Loss and metrics of cached evaluation blocks at broadcast weights. */
    public static Evaluation evaluate(JavaSparkContext jsc, Network net, Task task, int classes,
            JavaRDD<sparkmlp.core.data.DataBlock> blocks, Broadcast<double[]> weights) {
        int outputs = net.outputSize();
        List<MetricsAccumulator> parts = blocks.map(block -> Evaluator.accumulate(net, weights.value(), block,
                net.newWorkspace(Math.max(1, Math.min(512, block.size()))),
                new MetricsAccumulator(task, outputs, classes))).collect();
        MetricsAccumulator acc = new MetricsAccumulator(task, outputs, classes);
        parts.forEach(acc::merge);
        return acc.result();
    }

    /** Spark jobs run for steps so far. */
    public long jobs() {
        return jobs;
    }

    /** Destroys the last broadcast. */
    public void close() {
        if (current != null) {
            current.destroy();
            current = null;
        }
    }

    private Broadcast<double[]> rebroadcast(double[] params) {
        close();
        current = jsc.broadcast(params.clone());
        return current;
    }
}
