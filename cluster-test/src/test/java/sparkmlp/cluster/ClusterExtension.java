package sparkmlp.cluster;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * JUnit 5 extension behind {@link ClusterTest}: one {@link TestCluster} per test class, kept in the
 * class's store so that JUnit closes it after the class, passed or failed. A failing test gets the
 * daemons' log tails attached.
 */
public final class ClusterExtension
    implements BeforeAllCallback, ParameterResolver, TestExecutionExceptionHandler {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ClusterExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return cluster(context);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    TestCluster cluster = cluster(context);
    failure.addSuppressed(new ClusterDiagnostics(cluster.diagnostics()));
    throw failure;
  }

  private static TestCluster cluster(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    String name = classContext.getRequiredTestClass().getSimpleName();
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            TestCluster.class.getName(),
            k -> new ClosingCluster(TestCluster.start(name)),
            ClosingCluster.class)
        .cluster();
  }

  /** Lets JUnit's store close the cluster when the class's context ends. */
  private record ClosingCluster(TestCluster cluster)
      implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      cluster.close();
    }
  }

  /** Carries the daemons' log tails on a failed test's report. */
  private static final class ClusterDiagnostics extends RuntimeException {
    ClusterDiagnostics(String diagnostics) {
      super("cluster logs at failure:\n" + diagnostics, null, false, false);
    }
  }
}
