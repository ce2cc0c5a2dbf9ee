package sparkmlp.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import sparkmlp.core.data.FeatureStats;

class FeatureProfileTest {

  /** Profiles of rows 0..999 in feature a and the constant 7 in feature b, in two halves merged. */
  static FeatureProfile profileOf0To999() {
    FeatureStats stats = new FeatureStats(2);
    for (int i = 0; i < 1000; i++) {
      stats.add(new double[] {i, 7}, 0);
    }
    ProfileAccumulator first = new ProfileAccumulator(stats, null);
    ProfileAccumulator second = new ProfileAccumulator(stats, null);
    for (int i = 0; i < 1000; i++) {
      (i < 400 ? first : second).add(new double[] {i, 7}, 0);
    }
    return first.merge(second).profile(List.of("a", "b"), stats);
  }

  @Test
  void decilesOfUniformIntegersAreTenEqualBins() {
    FeatureProfile p = profileOf0To999();
    FeatureProfile.Feature a = p.features().get(0);
    // Fine bins are 999/1000 wide; the k-th decile edge is the boundary after 100k rows: 99.9 k.
    double[] expected = new double[9];
    for (int k = 1; k <= 9; k++) {
      expected[k - 1] = k * 100 * (999.0 / 1000);
    }
    assertArrayEquals(expected, a.edges(), 1e-9);
    double[] tenth = new double[10];
    java.util.Arrays.fill(tenth, 0.1);
    assertArrayEquals(tenth, a.proportions(), 1e-12);
    assertEquals(499.5, a.mean(), 1e-9);
    assertEquals(Math.sqrt((1000.0 * 1000 - 1) / 12), a.std(), 1e-9);
    FeatureProfile.Feature b = p.features().get(1);
    assertEquals(0, b.edges().length);
    assertArrayEquals(new double[] {1.0}, b.proportions(), 0);
    assertEquals(1000, p.count());
  }

  @Test
  void psiOfAKnownShiftMatchesTheFormula() {
    FeatureProfile.Feature f =
        new FeatureProfile.Feature("x", 0, 1, new double[] {0}, new double[] {0.5, 0.5});
    // (0.3 - 0.5) ln(0.3/0.5) + (0.7 - 0.5) ln(0.7/0.5)
    assertEquals(0.16945957207744072, f.psi(new long[] {30, 70}), 1e-15);
    assertEquals(0, f.psi(new long[] {50, 50}), 0);
  }

  @Test
  void everyRowInTheTopDecileGivesPsiWithTheFloor() {
    FeatureProfile p = profileOf0To999();
    FeatureStats stats = new FeatureStats(2);
    stats.add(new double[] {5000, 7}, 0);
    ProfileAccumulator acc = new ProfileAccumulator(stats, p);
    for (int i = 0; i < 10; i++) {
      acc.add(new double[] {5000 + i, 7}, 0);
    }
    assertArrayEquals(new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 10}, acc.referenceCounts(0));
    // nine bins at the 1e-4 floor against 0.1, one at 1.0 against 0.1
    assertEquals(8.283089355027482, p.features().get(0).psi(acc.referenceCounts(0)), 1e-12);
    assertEquals(0, p.features().get(1).psi(acc.referenceCounts(1)), 0);
  }

  @Test
  void meanShiftIsInUnitsOfTheReferenceStd() {
    FeatureProfile.Feature f =
        new FeatureProfile.Feature("x", 10, 2, new double[] {}, new double[] {1});
    assertEquals(2.5, f.meanShift(15), 0);
    FeatureProfile.Feature constant =
        new FeatureProfile.Feature("c", 3, 0, new double[] {}, new double[] {1});
    assertEquals(0, constant.meanShift(3), 0);
    assertEquals(Double.POSITIVE_INFINITY, constant.meanShift(4), 0);
  }

  @Test
  void aModelFileCarriesItsProfileAndOneWithoutStillLoads() throws IOException {
    Model plain = ModelFileTest.randomBinaryModel("{}");
    FeatureStats stats = new FeatureStats(5);
    for (int i = 0; i < 20; i++) {
      stats.add(new double[] {i, 2 * i, i % 3, 1, -i}, 0);
    }
    ProfileAccumulator acc = new ProfileAccumulator(stats, null);
    for (int i = 0; i < 20; i++) {
      acc.add(new double[] {i, 2 * i, i % 3, 1, -i}, 0);
    }
    Model withProfile = plain.withProfile(acc.profile(List.of("a", "b", "c", "d", "e"), stats));
    Model back =
        ModelFile.read(new ByteArrayInputStream(ModelFixtures.bytes(withProfile)), "p.mlp");
    assertEquals(withProfile, back);
    assertEquals(withProfile.profile(), back.profile());
    assertTrue(!back.equals(plain));
    Model noProfile =
        ModelFile.read(new ByteArrayInputStream(ModelFixtures.bytes(plain)), "plain.mlp");
    assertNull(noProfile.profile());
    // Training more keeps the profile; it belongs to the data, not to the weights.
    assertEquals(withProfile.profile(), withProfile.with(plain.params(), "{}").profile());
  }

  @Test
  void aProfileNamingOtherFeaturesIsRejected() {
    Model plain = ModelFileTest.randomBinaryModel("{}");
    FeatureProfile other = profileOf0To999();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> plain.withProfile(other));
    assertEquals(
        "the feature profile covers [a, b], the model's features are [a, b, c, d, e]",
        e.getMessage());
  }

  @Test
  void aNewerProfileLayoutIsRejectedByName() {
    var json = profileOf0To999().toJson().put("version", 2);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FeatureProfile.fromJson(json));
    assertEquals("feature_profile version 2 is not supported (reads 1)", e.getMessage());
    assertEquals(profileOf0To999(), FeatureProfile.fromJson(profileOf0To999().toJson()));
  }
}
