package sparkmlp.spark.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import sparkmlp.spark.config.SparkSettings;

/** The settings a session the job creates gets: its defaults, and the user's values over them. */
class SparkSessionsTest {

  @Test
  void aLocalSessionGetsTheJobsDefaultsOnLoopback() {
    SparkConf conf = SparkSessions.conf(new SparkSettings(null, "sparkmlp", Map.of()), "local[2]");
    assertEquals("local[2]", conf.get("spark.master"));
    assertEquals("127.0.0.1", conf.get("spark.driver.host"));
    assertEquals("127.0.0.1", conf.get("spark.driver.bindAddress"));
    assertEquals("100m", conf.get("spark.task.maxDirectResultSize"));
    assertEquals("false", conf.get("spark.broadcast.compress"));
    assertEquals("false", conf.get("spark.shuffle.reduceLocality.enabled"));
  }

  @Test
  void theUsersSparkConfWinsOverTheJobsDefaults() {
    SparkSettings settings =
        new SparkSettings(
            "spark://master:7077",
            "nightly",
            Map.of(
                "spark.shuffle.reduceLocality.enabled", "true",
                "spark.broadcast.compress", "true"));
    SparkConf conf = SparkSessions.conf(settings, null);
    assertEquals("spark://master:7077", conf.get("spark.master"));
    assertEquals("nightly", conf.get("spark.app.name"));
    assertEquals("true", conf.get("spark.shuffle.reduceLocality.enabled"));
    assertEquals("true", conf.get("spark.broadcast.compress"));
    assertEquals("100m", conf.get("spark.task.maxDirectResultSize"));
  }
}
