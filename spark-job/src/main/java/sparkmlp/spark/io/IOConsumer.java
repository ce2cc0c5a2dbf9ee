package sparkmlp.spark.io;

import java.io.IOException;

/** A consumer that may fail with an {@link IOException}, such as the body that writes a file. */
@FunctionalInterface
public interface IOConsumer<T> {

  /** Consumes {@code value}. */
  void accept(T value) throws IOException;
}
