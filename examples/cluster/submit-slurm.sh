#!/usr/bin/env bash
# Submit a sharded Goldilocks sweep to Slurm: the array job (one task per shard) and the merge
# job, which waits for every array task to succeed (--dependency=afterok:<array job id>).
#
#   examples/cluster/submit-slurm.sh                                   # defaults below
#   SWEEP=scenarios/sweep-morris.yaml SHARDS=16 OUT=/scratch/$USER/morris \
#     examples/cluster/submit-slurm.sh --partition=short --account=my-project
#
# Run it on a login node, from anywhere. Extra arguments are passed to both sbatch calls.
# Environment:
#   SWEEP   sweep file                         default: <checkout>/scenarios/sweep-caps.yaml
#   SHARDS  number of shards = array tasks     default: 8
#   OUT     shared folder for shards, merged result and logs
#                                              default: <checkout>/output/cluster/<sweep file name>
#   GOLDILOCKS, GOLDILOCKS_REPO                 as in slurm-sweep.sh
# Prints the two job ids. The merged result lands in $OUT/merged, logs in $OUT/logs/.
set -euo pipefail

die() {
  echo "submit-slurm.sh: $*" >&2
  exit 2
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=${GOLDILOCKS_REPO:-$(cd "$here/../.." && pwd)}
[[ -f "$REPO/bin/goldilocks" ]] || die "no bin/goldilocks in $REPO (set GOLDILOCKS_REPO)"
if [[ -z "${GOLDILOCKS:-}" && ! -f "$REPO/dist/cli/main.js" ]]; then
  die "$REPO is not built: run 'npm ci && npm run build' there once before submitting"
fi
command -v sbatch >/dev/null || die "sbatch not found: run this on a Slurm login node"

absolute() { # absolute path of $1 (which need not exist yet), relative to the current directory
  case "$1" in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s\n' "$PWD/$1" ;;
  esac
}

SHARDS=${SHARDS:-8}
[[ "$SHARDS" =~ ^[1-9][0-9]*$ ]] || die "SHARDS must be a positive whole number, got '$SHARDS'"
SWEEP=$(absolute "${SWEEP:-$REPO/scenarios/sweep-caps.yaml}")
[[ -f "$SWEEP" ]] || die "sweep file '$SWEEP' not found"
sweep_name=${SWEEP##*/}
OUT=$(absolute "${OUT:-$REPO/output/cluster/${sweep_name%.*}}")
mkdir -p "$OUT/logs"
if [[ -e "$OUT/merged/manifest.json" ]]; then
  echo "submit-slurm.sh: note: $OUT already holds a merged result; finished shards are kept, not rerun" >&2
fi

# Absolute paths, exported: the jobs see the same values whatever their working directory.
export SWEEP OUT SHARDS GOLDILOCKS_REPO="$REPO"

# --parsable prints "jobid" or "jobid;cluster"; the dependency needs the job id alone.
array_job=$(sbatch --parsable --export=ALL --chdir="$REPO" --array="1-$SHARDS" \
  --output="$OUT/logs/sweep-%A_%a.out" "$@" "$here/slurm-sweep.sh")
array_job=${array_job%%;*}
[[ "$array_job" =~ ^[0-9]+$ ]] || die "unexpected reply from sbatch: '$array_job'"

# afterok on an array job: start when every task has completed with exit code 0. If a task
# fails for good the dependency can never be met, and --kill-on-invalid-dep removes the merge
# instead of leaving it pending forever (resubmit the failed tasks, then the merge, by hand).
merge_job=$(sbatch --parsable --export=ALL --chdir="$REPO" --dependency="afterok:$array_job" \
  --kill-on-invalid-dep=yes --output="$OUT/logs/merge-%j.out" "$@" "$here/slurm-merge.sh")
merge_job=${merge_job%%;*}

echo "sweep array job $array_job: $SHARDS shards of $SWEEP into $OUT/shard-{1..$SHARDS}"
echo "merge job $merge_job (after $array_job succeeds): $OUT/merged"
echo "logs: $OUT/logs/    watch: squeue -u \"\$USER\" -j $array_job,$merge_job"
