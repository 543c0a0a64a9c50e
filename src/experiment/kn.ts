/**
 * Selecting the best of k simulated designs with a stated probability of correct selection: the
 * fully sequential indifference-zone procedure KN of Kim & Nelson (2001), "A fully sequential
 * procedure for indifference-zone selection in simulation", ACM TOMACS 11(3):251–273.
 *
 * Every design gets n0 first-stage replications; the variance S²ᵢₗ of each pair's differences is
 * estimated from them (which is why common random numbers help: paired differences vary less).
 * Then, one replication at a time, design i is eliminated as soon as its mean is worse than some
 * other survivor's by more than Wᵢₗ(r) = max(0, δ/(2r)·(h²S²ᵢₗ/δ² − r)), a triangular continuation
 * region that closes at r = h²S²ᵢₗ/δ², with h² = (n0 − 1)·((2α/(k − 1))^(−2/(n0 − 1)) − 1).
 * If the best is at least δ (the indifference zone) better than every other design, it is
 * selected with probability at least 1 − α, for normal outputs, with or without common random
 * numbers. Designs whose difference is within δ are all acceptable: whichever survives is within δ
 * of the best.
 *
 * The procedure is a state machine over observations the caller supplies, so that replications
 * can be simulated in batches (on any number of threads) while the decisions are taken one
 * replication at a time: the outcome does not depend on the batch size.
 */

export interface KnSettings {
  /** 1 − the probability of correct selection. */
  alpha: number;
  /** The indifference zone δ > 0, in the objective's unit. */
  delta: number;
  /** First-stage replications (at least 2). */
  n0: number;
}

/** h² of KN for k designs (Kim & Nelson 2001, eq. for η with c = 1). */
export function knH2(k: number, n0: number, alpha: number): number {
  if (k < 2) return 0;
  return (n0 - 1) * ((2 * alpha) / (k - 1)) ** (-2 / (n0 - 1)) - (n0 - 1);
}

/**
 * KN for minimisation (negate the observations to maximise). `observations[i]` are design i's
 * outputs in replication order (replication j of every design shares random numbers).
 */
export class KnSelection {
  readonly h2: number;
  /** Observations used so far by every survivor. */
  stage: number;
  private readonly alive: boolean[];
  private readonly s2: Float64Array;
  private readonly k: number;
  private readonly undefinedAt = new Set<number>();

  constructor(
    private readonly observations: ReadonlyArray<readonly number[]>,
    private readonly settings: KnSettings,
  ) {
    this.k = observations.length;
    if (settings.n0 < 2) throw new RangeError('KN needs at least 2 first-stage replications');
    if (!(settings.delta > 0)) throw new RangeError('KN needs an indifference zone δ > 0');
    this.h2 = knH2(this.k, settings.n0, settings.alpha);
    this.alive = new Array(this.k).fill(true);
    this.stage = 0;
    this.s2 = new Float64Array(this.k * this.k);
  }

  /** The designs still in contention. */
  survivors(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.k; i++) if (this.alive[i]) out.push(i);
    return out;
  }

  /** True when one design is left, or every survivor pair's continuation region has closed (exact ties). */
  get done(): boolean {
    const s = this.survivors();
    if (s.length <= 1) return true;
    if (this.stage < this.settings.n0) return false;
    const { delta } = this.settings;
    for (const i of s) for (const l of s) if (i < l && (this.h2 * this.s2[i * this.k + l]) / (delta * delta) > this.stage) return false;
    return true;
  }

  /** Replications every survivor needs for the next decision. */
  get needed(): number {
    return Math.max(this.settings.n0, this.stage + 1);
  }

  /**
   * Take decisions with the observations available: the first stage once every design has n0,
   * then one replication at a time while every survivor has the next one. Returns `done`.
   */
  advance(): boolean {
    const { n0 } = this.settings;
    const obs = this.observations;
    if (this.stage === 0) {
      if (!obs.every((o) => o.length >= n0)) return false;
      for (let i = 0; i < this.k; i++)
        for (let l = i + 1; l < this.k; l++) {
          const v = pairVariance(obs[i], obs[l], n0);
          this.s2[i * this.k + l] = v;
          this.s2[l * this.k + i] = v;
        }
      this.stage = n0;
      this.screen();
    }
    while (!this.done) {
      const s = this.survivors();
      if (!s.every((i) => obs[i].length > this.stage)) return false;
      this.stage++;
      this.screen();
    }
    return true;
    function pairVariance(a: readonly number[], b: readonly number[], n: number): number {
      let m = 0;
      for (let j = 0; j < n; j++) m += a[j] - b[j];
      m /= n;
      let ss = 0;
      for (let j = 0; j < n; j++) ss += (a[j] - b[j] - m) ** 2;
      return ss / (n - 1);
    }
  }

  /** Means of the first `stage` observations. */
  means(): number[] {
    return this.observations.map((o) => {
      let m = 0;
      const r = Math.min(this.stage || this.settings.n0, o.length);
      for (let j = 0; j < r; j++) m += o[j];
      return m / r;
    });
  }

  /** Designs eliminated because an observation of theirs was not a number (they cannot be ranked). */
  unrankable(): number[] {
    return [...this.undefinedAt];
  }

  /** Eliminate, against the survivors at the start of this stage (simultaneous screening). */
  private screen(): void {
    const r = this.stage;
    const { delta } = this.settings;
    // A design with an observation that is not a number (e.g. a cost per need met with no need
    // met) cannot be compared: its mean and variances would be NaN, which no test eliminates, and
    // it would be kept (and chosen) by default. It leaves, unless every survivor has one.
    const finite = (i: number) => {
      const o = this.observations[i];
      for (let j = 0; j < r; j++) if (!Number.isFinite(o[j])) return false;
      return true;
    };
    const alive = this.survivors();
    const undefinedNow = alive.filter((i) => !finite(i));
    if (undefinedNow.length > 0 && undefinedNow.length < alive.length)
      for (const i of undefinedNow) {
        this.alive[i] = false;
        this.undefinedAt.add(i);
      }
    const before = this.survivors();
    const mean = this.means();
    const out: number[] = [];
    for (const i of before)
      for (const l of before) {
        if (i === l) continue;
        const w = Math.max(0, (delta / (2 * r)) * ((this.h2 * this.s2[i * this.k + l]) / (delta * delta) - r));
        if (mean[i] > mean[l] + w) {
          out.push(i);
          break;
        }
      }
    for (const i of out) this.alive[i] = false;
  }
}
