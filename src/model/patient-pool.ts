/**
 * The patients of a run: created at referral with the attributes that make them who they are
 * (drawn by key, so the same patient has the same needs in every design), recycled when they
 * leave, so memory follows the patients alive, not the patients ever referred.
 */
import type { Scenario } from '../scenario/schema.js';
import { SOURCES } from '../scenario/sources.js';
import type { ResolvedLevers } from './discretion.js';
import { ReferralTypeKey, type DrawStreams } from './draw-keys.js';
import { Patient, PatientState } from './entities.js';
import type { ServiceParams } from './context.js';

export class PatientPool {
  private readonly patients: Patient[] = [];
  private readonly free: number[] = [];
  /** Patients created so far per referral group (each practice, the initial state, re-referrals). */
  private readonly createdInGroup: number[];
  created = 0;
  released = 0;
  private readonly sourceWeights: number[];

  constructor(
    groups: number,
    private readonly params: ServiceParams,
    private readonly draws: DrawStreams,
    s: Scenario,
    levers: ResolvedLevers,
  ) {
    this.createdInGroup = new Array(groups).fill(0);
    // A closed referral route contributes no referrals (its weight is 0).
    this.sourceWeights = SOURCES.map((k) =>
      (k === 'reception' && !levers.receptionReferrals) || (k === 'self' && !levers.selfReferrals) ? 0 : s.referrals.sourceMix[k],
    );
  }

  get(slot: number): Patient {
    return this.patients[slot];
  }

  /** Patients alive (not released). */
  live(): number {
    let n = 0;
    for (const p of this.patients) if (p.state !== PatientState.Free) n++;
    return n;
  }

  forEachLive(f: (p: Patient) => void): void {
    for (const p of this.patients) if (p.state !== PatientState.Free) f(p);
  }

  /** A new patient referred at `time` by referral group `group`, with its attributes drawn. */
  create(time: number, group: number): Patient {
    const slot = this.free.length > 0 ? this.free.pop()! : this.patients.length;
    let p = this.patients[slot];
    if (!p) {
      p = new Patient();
      p.slot = slot;
      this.patients.push(p);
    }
    // The patient's key: the k-th referral of its group, so that a patient's attributes and
    // per-session draws do not depend on other practices' rates or on the initial state.
    const groups = this.createdInGroup.length;
    p.id = this.createdInGroup[group]++ * groups + group;
    this.created++;
    const w = this.params.workload;
    p.referredAt = time;
    p.allocatedAt = 0;
    p.counted = true;
    p.practice = group;
    p.source = drawCategory(this.sourceWeights, this.draws.referralSource.at(p.id, 0).next());
    p.needed = Math.max(1, Math.round(this.params.needs.sample(this.draws.sessionsNeeded.at(p.id, 0))));
    // Keyed draws may be skipped when they cannot matter: the key, not the order, fixes the numbers.
    p.inappropriate = false;
    p.vulnerable = false;
    if (w.inappropriateShare > 0 || w.vulnerableShare > 0) {
      const type = this.draws.referralType.at(p.id, ReferralTypeKey.Type);
      p.inappropriate = type.next() < w.inappropriateShare;
      p.vulnerable = type.next() < w.vulnerableShare;
      if (p.inappropriate) p.needed = roundStochastic(p.needed * w.inappropriateNeedMultiplier, type.next());
    }
    p.needFactor = 1;
    p.progress = 0;
    p.attended = 0;
    p.booked = 0;
    p.limit = this.params.sessionCap;
    p.extended = false;
    p.checkInsLeft = 0;
    p.nextLength = NaN;
    p.lastStart = 0;
    p.worker = -1;
    p.patience = -1;
    p.state = PatientState.Waiting;
    return p;
  }

  release(p: Patient): void {
    this.released++;
    p.state = PatientState.Free;
    p.worker = -1;
    this.free.push(p.slot);
  }
}

function drawCategory(weights: readonly number[], u: number): number {
  let total = 0;
  for (const w of weights) total += w;
  let x = u * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i];
    if (x < 0) return i;
  }
  return weights.length - 1;
}

/** Round x up with probability equal to its fractional part, so that the mean is kept. */
export function roundStochastic(x: number, u: number): number {
  const whole = Math.floor(x);
  return whole + (u < x - whole ? 1 : 0);
}
