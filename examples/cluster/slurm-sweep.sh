#!/usr/bin/env bash
# Slurm array job: each array task runs one shard of a Goldilocks sweep.
#
#   sbatch examples/cluster/slurm-sweep.sh                        # 8 shards of scenarios/sweep-caps.yaml
#   SHARDS=16 sbatch --array=1-16 examples/cluster/slurm-sweep.sh # another shard count: change both
#   examples/cluster/submit-slurm.sh                              # array + dependent merge in one go
#
# Task k of the array runs `goldilocks sweep "$SWEEP" --shard k/$SHARDS --out "$OUT/shard-k"`.
# A task that was preempted or requeued finds `.sweep-state.json` in its shard folder and
# continues with --resume (nothing lost, nothing duplicated); a fresh task starts clean; a task
# whose shard already finished (manifest.json, no state file) exits 0 without redoing it, so the
# whole array can simply be resubmitted after some tasks failed.
#
# One task runs a whole shard — many points — not one point: each task costs seconds of queueing
# and start-up (Slurm places it, Node.js loads), schedulers start jobs at a limited rate and cap
# array sizes, while a point takes a fraction of a second. A few shards of hundreds of points each
# keep the cores busy (README.md, "Packing" and "How many shards?").
#
# Exit codes: 2 = bad input (sweep file, options, a folder changed by hand): fix it, do not just
# resubmit; anything else (preemption, time limit, node failure, out of memory) is worth a retry,
# and the retry resumes (README.md, "Exit codes").
#
# Environment (all optional; sbatch passes the submitting shell's environment to the job):
#   SWEEP            sweep file                      default: <checkout>/scenarios/sweep-caps.yaml
#   OUT              folder holding shard-1 … shard-N default: output/cluster/<sweep file name>
#                    (relative paths are relative to the submit directory)
#   SHARDS           number of shards N              default: 8 — must equal the array size
#   GOLDILOCKS       the command to run               default: node <checkout>/bin/goldilocks
#                    (split on spaces, e.g. "npx goldilocks" or "node /opt/goldilocks/bin/goldilocks")
#   GOLDILOCKS_REPO  the checkout (npm ci && npm run build done) default: found from the submit dir
#
# The #SBATCH values below are defaults; options given to sbatch on the command line override
# them (submit-slurm.sh passes --array=1-$SHARDS and a log path under $OUT/logs/).
#
# Job name shown by squeue/sacct:
#SBATCH --job-name=goldilocks-sweep
# One array task per shard, k = 1..8. Slurm reads this line before the script runs, so it cannot
# follow $SHARDS: when you change SHARDS, pass --array=1-$SHARDS to sbatch as well (the script
# refuses to run a task whose index is outside 1..$SHARDS, and the merge refuses a missing shard):
#SBATCH --array=1-8
# One task (one Node.js process) per array element:
#SBATCH --ntasks=1
# Cores per shard; the script passes this to --workers (one worker thread per core):
#SBATCH --cpus-per-task=4
# Memory per shard: about 100 MB for Node plus about 50 MB per worker thread for the shipped
# scenarios (measure yours with `sacct -j <jobid> --format=JobID,MaxRSS`):
#SBATCH --mem=4G
# Wall-time limit per shard (hh:mm:ss); a shard killed at the limit can be resubmitted and resumes:
#SBATCH --time=02:00:00
# Let Slurm requeue the task after preemption or a node failure; the requeued task resumes:
#SBATCH --requeue
# One log per array task (%A = array job id, %a = task index), in the submit directory:
#SBATCH --output=goldilocks-sweep-%A_%a.out
# Append rather than truncate, so a requeued task keeps the log of its earlier attempt:
#SBATCH --open-mode=append

set -euo pipefail

die() {
  echo "slurm-sweep.sh: $*" >&2
  exit 2
}

# Sites with environment modules may need Node.js loaded first, e.g.:
#   module load nodejs/20

# The checkout: Slurm runs a copy of this script from its spool folder, so the script's own
# location says nothing; look at GOLDILOCKS_REPO, the script's folder (when run directly), the
# submit directory and the current directory.
find_repo() {
  local here d
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  for d in "${GOLDILOCKS_REPO:-}" "$here/../.." "${SLURM_SUBMIT_DIR:-}" "${SLURM_SUBMIT_DIR:+$SLURM_SUBMIT_DIR/../..}" "$PWD"; do
    if [[ -n "$d" && -f "$d/bin/goldilocks" && -f "$d/package.json" ]]; then
      (cd "$d" && pwd)
      return 0
    fi
  done
  return 1
}
REPO=$(find_repo) || REPO=""
[[ -z "${GOLDILOCKS_REPO:-}" || -n "$REPO" ]] || die "GOLDILOCKS_REPO=$GOLDILOCKS_REPO has no bin/goldilocks"

if [[ -n "${GOLDILOCKS:-}" ]]; then
  read -r -a goldilocks <<<"$GOLDILOCKS"
elif [[ -n "$REPO" ]]; then
  [[ -f "$REPO/dist/cli/main.js" ]] || die "$REPO is not built: run 'npm ci && npm run build' there once"
  goldilocks=(node "$REPO/bin/goldilocks")
else
  die "cannot find the goldilocks checkout: set GOLDILOCKS_REPO=/path/to/checkout or GOLDILOCKS='command'"
fi
command -v "${goldilocks[0]}" >/dev/null || die "'${goldilocks[0]}' is not on PATH (load Node.js >= 20.19 first)"

SHARDS=${SHARDS:-8}
if [[ -z "${SWEEP:-}" ]]; then
  [[ -n "$REPO" ]] || die "set SWEEP=path/to/sweep.yaml"
  SWEEP="$REPO/scenarios/sweep-caps.yaml"
fi
[[ -f "$SWEEP" ]] || die "sweep file '$SWEEP' not found"
sweep_name=${SWEEP##*/}
OUT=${OUT:-output/cluster/${sweep_name%.*}}

[[ -n "${SLURM_ARRAY_TASK_ID:-}" ]] || die "SLURM_ARRAY_TASK_ID is not set: submit with sbatch --array=1-$SHARDS"
[[ "$SHARDS" =~ ^[1-9][0-9]*$ ]] || die "SHARDS must be a positive whole number, got '$SHARDS'"
[[ "$SLURM_ARRAY_TASK_ID" =~ ^[1-9][0-9]*$ ]] && ((SLURM_ARRAY_TASK_ID <= SHARDS)) ||
  die "array task $SLURM_ARRAY_TASK_ID is outside 1..$SHARDS: the array must be --array=1-$SHARDS (or a subset) to match SHARDS=$SHARDS"

k=$SLURM_ARRAY_TASK_ID
dir="$OUT/shard-$k"
workers=${SLURM_CPUS_PER_TASK:-1}
args=(sweep "$SWEEP" --shard "$k/$SHARDS" --out "$dir" --workers "$workers")

if [[ -f "$dir/.sweep-state.json" ]]; then
  # Preempted, requeued, timed out or killed: continue where the state file says.
  mode=resume
  args+=(--resume)
elif [[ -f "$dir/manifest.json" ]]; then
  # Finished earlier (e.g. the array was resubmitted after another task failed): keep it.
  grep -q "\"shard\": \"$k/$SHARDS\"" "$dir/manifest.json" ||
    die "$dir holds another shard or sweep (its manifest.json is not shard $k/$SHARDS): choose another OUT"
  echo "slurm-sweep.sh: shard $k/$SHARDS already finished in $dir; nothing to do"
  exit 0
elif [[ -e "$dir/results.csv" || -e "$dir/points.csv" ]]; then
  # Killed in the instant between creating the CSV files and recording the first state: no point
  # was recorded, so starting clean loses nothing.
  echo "slurm-sweep.sh: $dir has CSV files but no progress recorded; starting the shard again"
  rm -f "$dir/results.csv" "$dir/points.csv"
  mode=fresh
else
  mode=fresh
fi

echo "slurm-sweep.sh: shard $k/$SHARDS ($mode) of $SWEEP into $dir with $workers worker(s)" \
  "on $(hostname), job ${SLURM_ARRAY_JOB_ID:-local}_${k}, restart ${SLURM_RESTART_COUNT:-0}"
# exec: Slurm's SIGTERM (preemption, time limit, scancel) reaches Node directly. Node stops at
# once; the state file is replaced atomically after every point, so the next attempt resumes.
exec "${goldilocks[@]}" "${args[@]}"
