/**
 * What a job will cost before it runs: the events it will simulate, estimated from the
 * scenario's rates and size, and the time that takes. A person who starts a run of 5,000 posts
 * and 20,000 referrals a month for ten years is told up front that it is a minutes-long job.
 *
 * The event counts are fitted to bench/event-counts.mjs (10 years, 4 replications each) since
 * follow-ups and block starts stopped being events (issue 20): events = 5.5 a referral (session
 * ends, the referral itself, re-referrals, patience) + 1 a post-week (follow-up wake-ups of idle
 * workers) + 1 a week (the week tick). Measured against it: bench/linkworker.yaml (2 posts) at 40
 * and 60 a month 0.93 and 0.88 of the estimate, 60 and 600 a month on 20 posts 0.91 and 0.86; the
 * default scenario 1.09, with 30 posts 0.98; Site 2 1.35, Site 6 0.86.
 * The time also counts the rota's block starts (about 10 a post a week), which are not events but
 * each cost about half an event (a heap step and a decision epoch): 1,000 posts at 60 a month ran
 * 1.0 M block starts and 9 k events in 0.32 s. The rate is a conservative figure for one core of
 * the project's 2-core machines (the bench measures about 2 M events a second).
 */
import type { Scenario } from '../scenario/schema.js';
import type { RunSettings } from '../experiment/replications.js';
import type { CheckedJob } from './types.js';
import { postFractions } from '../model/posts.js';

export const EVENTS_PER_REFERRAL = 5.5;
export const EVENTS_PER_POST_WEEK = 1;
/** Block starts a post a week (a typical rota), not events, and what each costs in events' time. */
export const BLOCK_STARTS_PER_POST_WEEK = 10;
export const BLOCK_START_COST = 0.5;
/** Simulated events a second on one core, conservatively (the bench measures the actual rate). */
export const EVENTS_PER_SECOND = 1_000_000;
/** Say nothing about jobs shorter than this. */
export const ANNOUNCE_SECONDS = 5;

export interface JobEstimate {
  events: number;
  seconds: number;
  replications: number;
  posts: number;
  referralsPerMonth: number;
}

/** Estimated events and seconds for `replications` replications of each of `variants` variants of a scenario, on `workers` cores. */
export function estimateJob(s: Scenario, settings: RunSettings, variants: number, workers: number): JobEstimate {
  const years = settings.horizonDays / 365.25;
  const growth = s.referrals.annualGrowth ?? 0;
  // Mean monthly referrals over the run, with compound growth.
  const growthFactor = growth > 0 ? (Math.pow(1 + growth, years) - 1) / (years * Math.log(1 + growth)) : 1;
  const referralsPerMonth = s.referrals.practices.reduce((n, p) => n + p.referralsPerMonth, 0) * growthFactor;
  const posts = s.workers.reduce((n, g) => n + postFractions(g).length, 0);
  const postWeeks = posts * years * 52.18;
  const perReplication = referralsPerMonth * 12 * years * EVENTS_PER_REFERRAL + postWeeks * EVENTS_PER_POST_WEEK + years * 52.18;
  const replications = settings.replications * variants;
  const events = perReplication * replications;
  const work = events + postWeeks * BLOCK_STARTS_PER_POST_WEEK * BLOCK_START_COST * replications;
  const parallel = Math.max(1, Math.min(workers, replications));
  return { events, seconds: work / EVENTS_PER_SECOND / parallel, replications, posts, referralsPerMonth };
}

/** One line for a job that will take a while, or null for a quick one. */
export function estimateLine(e: JobEstimate, workers: number): string | null {
  if (e.seconds < ANNOUNCE_SECONDS) return null;
  const events =
    e.events >= 1e9
      ? `${(e.events / 1e9).toFixed(1)} thousand million`
      : e.events >= 1e6
        ? `${(e.events / 1e6).toFixed(e.events >= 1e7 ? 0 : 1)} million`
        : `${Math.round(e.events / 1e3)} thousand`;
  const time =
    e.seconds >= 5400 ? `${(e.seconds / 3600).toFixed(1)} hours` : e.seconds >= 90 ? `${Math.round(e.seconds / 60)} minutes` : `${Math.round(e.seconds)} s`;
  return `about ${events} events (${e.replications} replication${e.replications === 1 ? '' : 's'}, ${Math.round(e.posts).toLocaleString('en-GB')} posts, ${Math.round(e.referralsPerMonth).toLocaleString('en-GB')} referrals a month): roughly ${time} on ${workers} worker${workers === 1 ? '' : 's'}.`;
}

/** Below this estimated time on one core a job runs in one thread: starting worker threads (each compiles the model afresh) costs more than it saves. */
export const PARALLEL_MIN_SECONDS = 1;

/** The estimate of a checked job (every design, dial level or replication it will run). */
export function estimateCheckedJob(job: CheckedJob, workers: number): JobEstimate {
  const variants = job.kind === 'compare' ? job.designs.length : job.kind === 'explore' ? job.steps : 1;
  return estimateJob(job.designs[0].scenario, job.settings, variants, workers);
}

/** Workers for a job when none were asked for: the cores available, or one for a job too small to gain from more. */
export function autoWorkers(job: CheckedJob, cores: number): number {
  return estimateCheckedJob(job, 1).seconds < PARALLEL_MIN_SECONDS ? 1 : Math.max(1, cores);
}
