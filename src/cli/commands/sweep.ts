import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { toJson } from '../../experiment/files.js';
import { checkOutputDir } from '../../experiment/output-dir.js';
import { loadSweep, runSweep } from '../../experiment/sweep.js';
import { rangeShortfalls } from '../../experiment/sweep-points.js';
import { parseShardRequest, resolveShard, SHARD_COUNT_VARIABLE, type ShardRequest } from '../../experiment/shard-env.js';
import { commandPrefix, HINTS } from '../../messages.js';
import { optionProblem, RUN_OPTION_BOUNDS } from '../../scenario/run-options.js';
import { InterruptedError, UsageError } from '../errors.js';
import { chartsForSweep, writeReport } from '../lazy-report.js';
import { number } from '../options.js';
import { defaultFolder } from '../output.js';
import { interactive, progressBar } from '../progress.js';
import { progressInterval, progressLines } from '../progress-lines.js';

interface SweepOptions {
  workers?: number;
  out?: string;
  resume?: boolean;
  shard?: ShardRequest;
  json?: boolean;
  charts: boolean;
  report?: boolean;
}

/**
 * --workers, within the bounds every door uses (RUN_OPTION_BOUNDS.workers), refused as run,
 * compare and explore refuse it: a UsageError in the same words, before the sweep file is read.
 */
function checkWorkers(workers: number | undefined): void {
  if (workers === undefined) return;
  const problem = optionProblem('workers', workers, 'cli');
  if (problem) throw new UsageError(`${problem}\n${HINTS.runOptions('cli', 'sweep')}`);
}

function shardOption(value: string): ShardRequest {
  const s = parseShardRequest(value);
  if (!s) throw new InvalidArgumentError('--shard must be k/n with 1 ≤ k ≤ n (e.g. 2/8), auto, auto/N or none.');
  return s;
}

export function sweepCommand(): Command {
  return new Command('sweep')
    .description('run a parameter sweep (grid, Latin hypercube, Morris screening or Sobol indices) on all cores')
    .argument('<sweep>', 'sweep file (YAML or JSON), see scenarios/sweep-*.yaml')
    .option('-j, --workers <n>', `worker threads, at most ${RUN_OPTION_BOUNDS.workers.max} (default: the number of cores)`, number)
    .option('-o, --out <dir>', 'output folder (default: output/<sweep name>, or output/<sweep name>/shard-k-of-n)')
    .option('--resume', 'continue an interrupted sweep in the output folder')
    .option(
      '--shard <k/n|auto|auto/N|none>',
      `run only the k-th of n shares of the points (for clusters; combine with \`goldilocks merge\`); auto: k and n from the array job (Slurm, Kubernetes, AWS Batch, Cloud Run), auto/N or ${SHARD_COUNT_VARIABLE}=N where the engine does not give n; inside an array job the default is auto, none runs the whole sweep`,
      shardOption,
    )
    .option('--json', 'print a JSON summary on stdout when done')
    .option('--no-charts', 'skip the charts (vega-lite specs, SVG and PNG in <out>/charts/)')
    .option('--report', 'also write a self-contained report.html')
    .addHelpText(
      'after',
      `
Examples:
  goldilocks sweep scenarios/sweep-caps.yaml                     # all cores, output/sweep-caps/
  goldilocks sweep scenarios/sweep-caps.yaml --workers 2 --resume
  goldilocks sweep scenarios/sweep-morris.yaml --json
  goldilocks sweep scenarios/sweep-sobol.yaml --workers 2
  goldilocks sweep scenarios/sweep-caps.yaml --shard 3/8 --out out/shard-3
  goldilocks sweep scenarios/sweep-caps.yaml --shard auto --out out/shard-$SLURM_ARRAY_TASK_ID   # in a Slurm array job
  goldilocks merge out/shard-* --out out/merged

Files: results.csv (point, factors, replication, metric, value), points.csv (point, factors,
metric, mean, 95 % CI), manifest.json, timing.json, and sensitivity.csv for morris designs
(mu, mu_star, sigma) and sobol designs (S1, ST, with 95 % intervals).
Results are byte-identical whatever --workers, --shard + merge, or interruptions + --resume.
Ctrl-C stops cleanly; run the same command with --resume to continue.`,
    )
    .action(async (file: string, opts: SweepOptions) => {
      checkWorkers(opts.workers);
      const resolved = resolveShard(opts.shard, process.env);
      if ('problem' in resolved) throw new UsageError(resolved.problem);
      if (resolved.note) process.stderr.write(`goldilocks: note: ${resolved.note}\n`);
      const loaded = loadSweep(file);
      // (A step is refused for other designs than grid when the file is loaded.)
      for (const note of rangeShortfalls(loaded.sweep.factors)) process.stderr.write(`goldilocks: note: ${note}\n`);
      const shard = resolved.shard;
      const dir =
        opts.out ??
        (shard ? join(defaultFolder(loaded.sweep.name, 'sweep', file), `shard-${shard.k}-of-${shard.n}`) : defaultFolder(loaded.sweep.name, 'sweep', file));
      // Checked before any point runs. Sweeps write in place: they resume from their own state.
      checkOutputDir(dir, { replace: false });
      const workers = opts.workers ?? Math.min(availableParallelism(), RUN_OPTION_BOUNDS.workers.max);
      const abort = new AbortController();
      const onSigint = () => abort.abort();
      process.once('SIGINT', onSigint);
      // A shard usually runs in a cluster job that logs to a file: lines there, the bar on a terminal.
      const progress =
        shard && !interactive()
          ? progressLines(`shard ${shard.k}/${shard.n} of ${loaded.sweep.name}`, progressInterval(process.env), (line) => process.stderr.write(line))
          : progressBar(loaded.sweep.name);
      let outcome: Awaited<ReturnType<typeof runSweep>>;
      try {
        outcome = await runSweep(loaded, {
          outDir: dir,
          workers,
          resume: Boolean(opts.resume),
          shard,
          signal: abort.signal,
          onProgress: (d, t) => progress.update(d, t),
        });
      } finally {
        progress.stop();
        process.removeListener('SIGINT', onSigint);
      }
      if (outcome.interrupted) {
        throw new InterruptedError(
          `interrupted after ${outcome.completed} of ${outcome.total} points; nothing is lost. Continue with:\n  ${commandPrefix()} sweep ${file} --resume --out ${dir}${shard ? ` --shard ${shard.k}/${shard.n}` : ''}`,
        );
      }
      // Charts need every point: a shard's are drawn after `goldilocks merge` (merge --report).
      if (opts.charts && !shard) outcome.files.push(...(await chartsForSweep(dir)));
      if (opts.report && !shard) {
        await writeReport(dir);
        outcome.files.push('report.html');
      }
      const summary = {
        sweep: loaded.sweep.name,
        dir,
        points: outcome.total,
        replications: loaded.context.settings.replications,
        workers,
        wallSeconds: Math.round(outcome.wallSeconds * 1000) / 1000,
        files: outcome.files,
        ...(shard ? { shard: `${shard.k}/${shard.n}` } : {}),
      };
      if (opts.json) process.stdout.write(toJson(summary));
      else
        process.stdout.write(
          `Sweep ${loaded.sweep.name}: ${shard ? `shard ${shard.k}/${shard.n}, ${outcome.total} of its ${loaded.plan.count} points` : `${outcome.total} points`} × ${summary.replications} replications in ${summary.wallSeconds} s on ${workers} worker(s).\nFiles in ${dir}/: ${outcome.files.join(', ')}\n` +
            (shard
              ? `A shard is part of the sweep: merge all ${shard.n} shards for the whole of it (${commandPrefix()} merge <shard folders> --out <folder>).\n`
              : ''),
        );
    });
}
