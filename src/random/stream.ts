/**
 * Random number streams for the simulator.
 *
 * Design
 * ------
 * Every source of randomness in a run draws from its own named stream. A stream is
 * identified by (seed, replication, name) and seeded from the string
 * `goldilocks/${seed}/${replication}/${name}`, so
 *
 *  - the same scenario seed, replication number and stream name always give the same
 *    sequence (runs are reproducible),
 *  - different replications of a scenario get different, statistically independent
 *    sequences without any bookkeeping of seed offsets, and
 *  - adding a new stream (a new name) never shifts the numbers that existing streams
 *    produce, so changing one part of the model does not reshuffle the randomness of
 *    the others.
 *
 * Two kinds of stream are provided:
 *
 *  - {@link RandomStream}: a sequential generator (Baagøe's Alea, via seedrandom). Use
 *    it where draws are naturally consumed in one fixed order, e.g. the arrival process
 *    of one referral source.
 *
 *  - {@link KeyedStream}: a counter-based generator. `at(i, j)` gives the random
 *    sequence belonging to key (i, j), typically (entity id, occurrence number), e.g.
 *    (patient id, session number). The numbers depend only on the key, never on how
 *    many draws other entities have made before, so when two simulated designs (say
 *    two link workers vs three) are compared with the same seed, patient 17's third
 *    session gets the same random numbers in both designs even though the event order
 *    differs. That is what makes common random numbers (CRN) effective: the difference
 *    between designs is estimated with far less noise.
 *
 * Both implement {@link Rng}, the only interface distributions depend on. Neither
 * allocates per draw.
 */
import seedrandom from 'seedrandom';

/** A source of uniform random numbers in [0, 1). */
export interface Rng {
  next(): number;
}

/** 2^-32 */
const TWO_POW_M32 = 2.3283064365386963e-10;
/** 2^-53 */
const TWO_POW_M53 = 1.1102230246251565e-16;

/** The seed string of stream (seed, replication, name). */
function streamSeed(seed: number, replication: number, name: string): string {
  return `goldilocks/${seed}/${replication}/${name}`;
}

/**
 * A sequential stream: Alea (seedrandom.alea) with 53-bit resolution doubles.
 * Create with {@link createStream} rather than the constructor.
 */
export class RandomStream implements Rng {
  private readonly prng: seedrandom.PRNG;

  /** @internal Prefer {@link createStream}, which builds the canonical seed string. */
  constructor(readonly seedString: string) {
    this.prng = seedrandom.alea(seedString);
  }

  /** Uniform double in [0, 1) with 53 bits of resolution (two Alea steps). */
  next(): number {
    return this.prng.double();
  }

  /** Uniform integer in [0, 2^32). */
  nextUint32(): number {
    return this.prng.int32() >>> 0;
  }
}

/** The sequential stream named `name` of replication `replication` of a run seeded `seed`. */
export function createStream(seed: number, replication: number, name: string): RandomStream {
  return new RandomStream(streamSeed(seed, replication, name));
}

// ---------------------------------------------------------------------------------------
// Counter-based (keyed) stream
// ---------------------------------------------------------------------------------------

/** MurmurHash3 (x86_32): a 32-bit word scrambled before it is mixed into the hash (independent of the hash). */
function murmurScramble(k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, 0x1b873593);
}

/** One MurmurHash3 (x86_32) body round: mix the scrambled word sk into hash state h. */
function murmurMix(h: number, sk: number): number {
  h ^= sk;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3 finaliser (fmix32): full avalanche, a bijection on 32-bit words. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** MurmurHash3 of the two 32-bit words (i, j), given scrambled, with the given seed. */
function hashPair(seed: number, si: number, sj: number): number {
  return fmix32(murmurMix(murmurMix(seed, si), sj) ^ 8);
}

/**
 * The generator handed out by {@link KeyedStream.at}: sfc32 (Doty-Humphrey's Small Fast
 * Counting generator, 128-bit state, passes PractRand/BigCrush), state held in an
 * Int32Array so that reseeding and drawing never allocate.
 *
 * The reseed is lazy: `at` only records the key, and the first draw seeds the state from it.
 * Many keyed draw sites sample a distribution that may need no random number (a fixed session
 * length, a fixed interval between sessions), and a reseed costs more than a draw; the numbers
 * drawn are the same either way, since they depend only on the key.
 */
export class KeyedGenerator implements Rng {
  private readonly s = new Int32Array(4);
  /** The key recorded by `at` and not yet seeded from (see the class comment). */
  private pending = false;
  private key0 = 0;
  private key1 = 0;
  private i = 0;
  private j = 0;

  /** @internal Record key (i, j) of the stream whose keys are (key0, key1); seeded at the first draw. */
  setKey(key0: number, key1: number, i: number, j: number): void {
    this.key0 = key0;
    this.key1 = key1;
    this.i = i;
    this.j = j;
    this.pending = true;
  }

  private seedFromKey(): void {
    this.pending = false;
    // The two hashes share the scrambled words: scrambled once (the same numbers as hashing twice).
    const si = murmurScramble(this.i);
    const sj = murmurScramble(this.j);
    this.reseed(hashPair(this.key0, si, sj), hashPair(this.key1, si, sj));
  }

  /** Reseed from a 64-bit key (k0, k1), the way PractRand seeds sfc32. */
  private reseed(k0: number, k1: number): void {
    const s = this.s;
    // The key words come out of MurmurHash3's finaliser (full avalanche), so they are already
    // unrelated for nearby keys; 6 discarded outputs (PractRand discards 12 for raw seeds) mix
    // them through the whole state. Half the warm-up matters: a reseed happens per draw site.
    // The six steps run on locals (the same arithmetic as `step`, so the same numbers) and the
    // state is stored once: a reseed happens per keyed draw site, the hottest few lines of a run.
    let a = k0 ^ k1;
    let b = k0 | 0;
    let c = k1 | 0;
    let d = 1;
    for (let n = 0; n < 6; n++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
    }
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
  }

  /** One sfc32 step; returns a signed 32-bit output. */
  private step(): number {
    const s = this.s;
    const a = s[0];
    const b = s[1];
    const c = s[2];
    const d = s[3];
    const t = (((a + b) | 0) + d) | 0;
    s[3] = (d + 1) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t;
  }

  /** Uniform double in [0, 1) with 53 bits of resolution (two sfc32 steps). */
  next(): number {
    if (this.pending) this.seedFromKey();
    const hi = this.step() >>> 0;
    const lo = this.step() >>> 11;
    return hi * TWO_POW_M32 + lo * TWO_POW_M53;
  }

  /** Uniform integer in [0, 2^32). */
  nextUint32(): number {
    if (this.pending) this.seedFromKey();
    return this.step() >>> 0;
  }
}

/**
 * A counter-based stream: `at(i, j)` returns the random sequence belonging to key (i, j).
 *
 * Why: with common random numbers (CRN) two designs are simulated with the same seed so
 * that their difference is not swamped by sampling noise. A sequential stream only keeps
 * the designs aligned while both consume draws in the same order; as soon as one design
 * serves patients in a different order, patient A in design 1 gets the numbers patient B
 * got in design 2 and the alignment (and the variance reduction) is lost. Keying each
 * draw by (entity id, occurrence number) makes the numbers a function of *who* and
 * *which occurrence* only, so they stay aligned whatever order the simulation asks
 * for them in.
 *
 * How: two 32-bit keys are derived from an Alea stream of the (seed, replication, name)
 * triple. `at(i, j)` hashes (key0, i, j) and (key1, i, j) with MurmurHash3 into a 64-bit
 * key and reseeds one reusable sfc32 generator with it. For fixed j the map i → hash is a
 * bijection, and two different (i, j) keys collide in all 64 bits with probability about
 * 2^-64, so distinct keys give effectively independent sequences.
 *
 * The returned generator is shared: it is valid only until the next `at` call on this
 * KeyedStream. Draw what you need from it immediately; do not store it.
 */
export class KeyedStream {
  private readonly key0: number;
  private readonly key1: number;
  private readonly generator = new KeyedGenerator();

  /** The keyed stream `name` of replication `replication` of a run seeded `seed`. */
  constructor(seed: number, replication: number, name: string) {
    // A suffix keeps these keys apart from the sequential stream of the same name.
    const alea = seedrandom.alea(`${streamSeed(seed, replication, name)}#keyed`);
    this.key0 = alea.int32() | 0;
    this.key1 = alea.int32() | 0;
  }

  /**
   * The generator for key (i, j), positioned at its first draw (seeded when first drawn from).
   * i and j must be integers in [0, 2^31). Valid only until the next `at` call.
   */
  at(i: number, j: number): KeyedGenerator {
    if ((i | 0) !== i || (j | 0) !== j || i < 0 || j < 0) throw badKey(i, j);
    this.generator.setKey(this.key0, this.key1, i, j);
    return this.generator;
  }
}

/** Same as `new KeyedStream(seed, replication, name)`. */
export function createKeyedStream(seed: number, replication: number, name: string): KeyedStream {
  return new KeyedStream(seed, replication, name);
}

// Out of line so that `at` stays small enough to inline on the simulation's hot path.
function badKey(i: number, j: number): RangeError {
  return new RangeError(`KeyedStream.at: keys must be integers in [0, 2^31), got (${i}, ${j})`);
}
