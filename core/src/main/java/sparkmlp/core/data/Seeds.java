package sparkmlp.core.data;

/**
 * Deterministic derivation of random-stream seeds from (seed, purpose, index…), never from a global
 * RNG.
 */
public final class Seeds {
  private Seeds() {}

  /** SplitMix64's finaliser: a bijective 64-bit mix (Steele, Lea and Flood 2014). */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A seed derived from a base seed and any number of stream coordinates. */
  public static long mix(long seed, long... parts) {
    long h = mix64(seed + 0x9e3779b97f4a7c15L);
    for (long p : parts) {
      h = mix64(h ^ (p + 0x9e3779b97f4a7c15L));
    }
    return h;
  }
}
