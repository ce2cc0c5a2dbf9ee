package sparkmlp.core.layer;

import java.util.List;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.linalg.Matrix;
import sparkmlp.core.linalg.Vec;
import sparkmlp.core.loss.Loss;

/**
 * The stages a network's layers expand to, and the passes over them (Spark's {@code
 * FeedForwardModel}): a dense layer's affine part, its activation (not the output layer's, which is
 * fused with the loss), a dropout. Each pass makes each stage's {@link LayerModel} over the
 * parameter vector and the workspace's buffers; forward runs {@code eval} down the chain, backward
 * runs {@code grad} and {@code computePrevDelta} back up it, in double or float alike.
 */
final class Chain implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** What a stage does. */
  enum Kind {
    DENSE,
    ACTIVATION,
    DROPOUT
  }

  /**
   * One step of the chain: {@code rows} outputs per example; for DENSE, the weights at {@code
   * weightOffset} over {@code fanIn} inputs; {@code layer} is the index in the topology.
   */
  record Stage(
      Kind kind,
      int layer,
      int rows,
      int fanIn,
      int weightOffset,
      Activation activation,
      double rate)
      implements java.io.Serializable {}

  /**
   * Values per block of columns when a run of element-wise stages goes through the batch one block
   * at a time: 16 KiB of floats, 32 KiB of doubles.
   */
  private static final int BLOCK_VALUES = 4096;

  private final Stage[] stages;
  private final int firstDenseStage;
  private final int outputSize;
  private final Activation outputActivation;
  private final Loss loss;

  /** {@code stages} ends with the output layer's dense stage. */
  Chain(List<Stage> stages, Activation outputActivation, Loss loss) {
    this.stages = stages.toArray(new Stage[0]);
    int first = 0;
    while (this.stages[first].kind() != Kind.DENSE) {
      first++;
    }
    this.firstDenseStage = first;
    this.outputSize = this.stages[this.stages.length - 1].rows();
    this.outputActivation = outputActivation;
    this.loss = loss;
  }

  Stage[] stages() {
    return stages;
  }

  boolean hasDropout() {
    for (Stage s : stages) {
      if (s.kind() == Kind.DROPOUT) {
        return true;
      }
    }
    return false;
  }

  /**
   * Forward and backward: adds the gradient of the (weighted, when {@code w} is not null) loss sum
   * to {@code gradSum} and returns that sum.
   */
  double gradient(
      Matrix params,
      Matrix x,
      double[] y,
      int yOff,
      double[] w,
      int wOff,
      Matrix gradSum,
      Workspace ws,
      DropoutKey key) {
    int batch = x.cols();
    if (batch == 0) {
      return 0.0;
    }
    Matrix delta = ws.deltaA.view(0, outputSize, batch);
    double lossSum = forwardAndLoss(params, x, y, yOff, w, wOff, ws, key, delta);
    LayerModel[] models = ws.models;
    boolean biasSummed = false;
    for (int s = stages.length - 1; s >= 0; s--) {
      if (stages[s].kind() == Kind.DENSE) {
        DenseModel d = (DenseModel) models[s];
        d.gradWeights(delta, s == 0 ? x : ws.outputs[s - 1], gradSum);
        if (!biasSummed) {
          delta.addColumnsTo(d.biasGradient(gradSum));
        }
        biasSummed = false;
        // the stages' weights lie in order and this layer's weights and bias are summed now:
        // nothing from here on is written again
        ws.gradientReady(stages[s].weightOffset());
        if (s > firstDenseStage) {
          Matrix prev = prevBuffer(delta, ws).view(0, stages[s].fanIn(), batch);
          d.computePrevDelta(delta, ws.outputs[s], prev);
          delta = prev;
        }
      } else if (s > firstDenseStage) {
        int dense = s - 1;
        while (stages[dense].kind() != Kind.DENSE) {
          dense--;
        }
        backpropRun(models, dense, s, delta, ws, gradSum);
        biasSummed = true;
        s = dense + 1;
      }
    }
    return lossSum;
  }

  /**
   * The forward pass and the loss: returns the loss sum and writes dL/d(logits) into {@code delta}.
   * Softmax cross-entropy takes one fused pass ({@link SoftmaxCrossEntropyPass}); the other losses
   * read the logits and outputs in double.
   */
  private double forwardAndLoss(
      Matrix params,
      Matrix x,
      double[] y,
      int yOff,
      double[] w,
      int wOff,
      Workspace ws,
      DropoutKey key,
      Matrix delta) {
    if (loss == Loss.SOFTMAX_CROSS_ENTROPY) {
      run(params, x, ws, key);
      return SoftmaxCrossEntropyPass.run(
          ws.outputs[stages.length - 1], ws.output, delta, y, yOff, w, wOff);
    }
    forward(params, x, ws, key);
    int batch = x.cols();
    double lossSum =
        loss.evaluate(
            outputActivation,
            ws.lossLogits(),
            ws.output,
            outputSize,
            batch,
            y,
            yOff,
            w,
            wOff,
            ws.lossDelta());
    ws.storeLossDelta(outputSize * batch);
    return lossSum;
  }

  /**
   * Backward through the element-wise stages above dense stage {@code dense} up to {@code top}, in
   * place on delta, and the dense layer's bias gradient (the column sums of the result), one block
   * of columns at a time: one pass over delta instead of one per stage and one for the bias.
   */
  private void backpropRun(
      LayerModel[] models, int dense, int top, Matrix delta, Workspace ws, Matrix gradSum) {
    Matrix bias = ((DenseModel) models[dense]).biasGradient(gradSum);
    int batch = delta.cols();
    int step = blockColumns(delta.rows());
    for (int j = 0; j < batch; j += step) {
      int end = Math.min(batch, j + step);
      for (int s = top; s > dense; s--) {
        ((ElementwiseModel) models[s]).backpropColumns(delta, ws.outputs[s], j, end);
      }
      delta.addColumnsTo(bias, j, end);
    }
  }

  /** Forward through element-wise stages [from, to), one block of columns at a time. */
  private void evalRun(LayerModel[] models, int from, int to, Matrix x, Workspace ws) {
    int batch = x.cols();
    int step = blockColumns(stages[from].rows());
    for (int j = 0; j < batch; j += step) {
      int end = Math.min(batch, j + step);
      for (int s = from; s < to; s++) {
        ((ElementwiseModel) models[s])
            .evalColumns(s == 0 ? x : ws.outputs[s - 1], ws.outputs[s], j, end);
      }
    }
  }

  /** Columns of a block of about {@link #BLOCK_VALUES} values, which stays in the L1/L2 cache. */
  private static int blockColumns(int rows) {
    return Math.max(1, BLOCK_VALUES / rows);
  }

  /** Of the workspace's two delta buffers, the one {@code delta} is not in. */
  private static Vec prevBuffer(Matrix delta, Workspace ws) {
    return ws.deltaA.backs(delta) ? ws.deltaB : ws.deltaA;
  }

  /**
   * Runs the chain and the output activation (into the workspace's output, in double); returns the
   * pass's models, one per stage.
   */
  LayerModel[] forward(Matrix params, Matrix x, Workspace ws, DropoutKey key) {
    LayerModel[] models = run(params, x, ws, key);
    int n = outputSize * x.cols();
    ws.loadLogits(n);
    System.arraycopy(ws.lossLogits(), 0, ws.output, 0, n);
    outputActivation.apply(ws.output, 0, outputSize, x.cols());
    return models;
  }

  /** Runs the chain up to the output layer's logits; returns the pass's models, one per stage. */
  private LayerModel[] run(Matrix params, Matrix x, Workspace ws, DropoutKey key) {
    int batch = x.cols();
    LayerModel[] models = ws.models;
    Matrix in = x;
    for (int s = 0; s < stages.length; s++) {
      Stage st = stages[s];
      boolean dropping = key != null;
      Matrix out =
          switch (st.kind()) {
            case DENSE -> ws.buffers[s].view(0, st.rows(), batch);
            case ACTIVATION -> in;
            case DROPOUT -> dropping ? ws.buffers[s].view(0, st.rows(), batch) : in;
          };
      models[s] =
          switch (st.kind()) {
            case DENSE -> new DenseModel(params, st.weightOffset(), st.rows(), st.fanIn());
            case ACTIVATION -> new ActivationModel(st.activation());
            case DROPOUT ->
                dropping
                    ? new DropoutModel(
                        st.rate(), key, st.layer(), ws.masks[s].view(0, st.rows(), batch))
                    : LayerModel.PASS_THROUGH;
          };
      ws.outputs[s] = out;
      in = out;
    }
    for (int s = 0; s < stages.length; ) {
      if (stages[s].kind() == Kind.DENSE) {
        Stage st = stages[s];
        // the layer's weights, then its bias: all it reads of the vector
        ws.weightsNeeded(st.weightOffset() + st.rows() * st.fanIn() + st.rows());
        models[s].eval(s == 0 ? x : ws.outputs[s - 1], ws.outputs[s]);
        s++;
      } else {
        int end = s;
        while (stages[end].kind() != Kind.DENSE) {
          end++;
        }
        evalRun(models, s, end, x, ws);
        s = end;
      }
    }
    return models;
  }
}
