package sparkmlp.spark.registry;

import java.time.Duration;
import org.apache.hadoop.conf.Configuration;

/**
 * A lock holder in its own JVM for {@link RunLockRaceTest}: takes the lock at {@code args[0]} with
 * stale period {@code args[1]} ms and a wall clock {@code args[2]} ms off, prints "held", and keeps
 * beating until killed.
 */
public final class LockHolderMain {
  private LockHolderMain() {}

  public static void main(String[] args) throws Exception {
    long offset = Long.parseLong(args[2]);
    RunLock lock =
        RunLock.acquire(
            new Configuration(),
            args[0],
            "run p",
            Duration.ofMillis(Long.parseLong(args[1])),
            n -> {},
            () -> System.currentTimeMillis() + offset);
    System.out.println("held " + lock.generation());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
