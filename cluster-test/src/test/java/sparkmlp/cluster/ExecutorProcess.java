package sparkmlp.cluster;

import java.util.List;

/**
 * One executor JVM ({@code CoarseGrainedExecutorBackend}) that a worker of the test cluster
 * launched.
 *
 * @param handle the OS process
 * @param executorId Spark's executor id ({@code --executor-id}), as the driver and the UI name it
 * @param appId the application it serves ({@code --app-id})
 * @param worker the worker that launched it ({@code worker-1}, ...)
 */
public record ExecutorProcess(
    ProcessHandle handle, String executorId, String appId, String worker) {

  static final String MAIN_CLASS = "org.apache.spark.executor.CoarseGrainedExecutorBackend";

  /** Reads the ids from the executor's command line. */
  static ExecutorProcess of(ProcessHandle handle, String commandLine, String worker) {
    List<String> words = List.of(commandLine.split("\\s+"));
    return new ExecutorProcess(
        handle, after(words, "--executor-id"), after(words, "--app-id"), worker);
  }

  public long pid() {
    return handle.pid();
  }

  private static String after(List<String> words, String flag) {
    int i = words.indexOf(flag);
    return i >= 0 && i + 1 < words.size() ? words.get(i + 1) : "?";
  }
}
