package sparkmlp.cluster;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs against a real cluster: tagged {@code cluster}, with one {@link
 * TestCluster} started before its first test and torn down after its last, injected as a parameter
 * of test methods, {@code @BeforeAll}/{@code @BeforeEach} methods and constructors.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("cluster")
@ExtendWith(ClusterExtension.class)
public @interface ClusterTest {}
