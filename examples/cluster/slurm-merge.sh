#!/usr/bin/env bash
# Slurm job: merge the shard folders of a finished sweep array into the unsharded result.
# Submit it so that it starts only when every array task has succeeded:
#
#   array=$(sbatch --parsable examples/cluster/slurm-sweep.sh)
#   sbatch --dependency=afterok:${array%%;*} examples/cluster/slurm-merge.sh
#
# (examples/cluster/submit-slurm.sh does both.) It merges $OUT/shard-1 … $OUT/shard-$SHARDS into
# $OUT/merged, after checking that every one of them holds a finished shard (manifest.json).
#
# Environment: the same SWEEP, OUT, SHARDS, GOLDILOCKS and GOLDILOCKS_REPO as slurm-sweep.sh
# (SWEEP only serves to derive the default OUT).
#
# Job name shown by squeue/sacct:
#SBATCH --job-name=goldilocks-merge
# A single process:
#SBATCH --ntasks=1
# The merge streams the shards' CSV files line by line: one core is enough:
#SBATCH --cpus-per-task=1
# Memory does not grow with the size of the sweep (streaming merge):
#SBATCH --mem=1G
# Wall-time limit (hh:mm:ss): the merge takes about as long as copying the CSV files:
#SBATCH --time=00:30:00
# Log file in the submit directory (%j = job id):
#SBATCH --output=goldilocks-merge-%j.out

set -euo pipefail

die() {
  echo "slurm-merge.sh: $*" >&2
  exit 2
}

# Sites with environment modules may need Node.js loaded first, e.g.:
#   module load nodejs/20

# The checkout (see slurm-sweep.sh: Slurm runs a spooled copy of this script).
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
[[ "$SHARDS" =~ ^[1-9][0-9]*$ ]] || die "SHARDS must be a positive whole number, got '$SHARDS'"
if [[ -z "${OUT:-}" ]]; then
  SWEEP=${SWEEP:-${REPO:+$REPO/scenarios/sweep-caps.yaml}}
  [[ -n "$SWEEP" ]] || die "set OUT to the folder holding shard-1 … shard-$SHARDS"
  sweep_name=${SWEEP##*/}
  OUT=output/cluster/${sweep_name%.*}
fi

# Exactly shard-1 … shard-$SHARDS, in order (a glob like shard-* would also pick up folders left
# over from an earlier run with more shards, and `goldilocks merge` would rightly refuse them).
dirs=()
problems=()
for ((k = 1; k <= SHARDS; k++)); do
  d="$OUT/shard-$k"
  dirs+=("$d")
  if [[ -f "$d/.sweep-state.json" ]]; then
    problems+=("$d is unfinished (resubmit task $k: sbatch --array=$k slurm-sweep.sh, with the same SHARDS/SWEEP/OUT)")
  elif [[ ! -f "$d/manifest.json" ]]; then
    problems+=("$d has no manifest.json (task $k did not finish, or SHARDS/OUT differ from the sweep's)")
  fi
done
if ((${#problems[@]} > 0)); then
  printf 'slurm-merge.sh: cannot merge yet:\n' >&2
  printf '  %s\n' "${problems[@]}" >&2
  exit 2
fi
for extra in "$OUT"/shard-*; do
  [[ -d "$extra" ]] || continue
  n=${extra##*/shard-}
  if ! [[ "$n" =~ ^[0-9]+$ ]] || ((10#$n > SHARDS)); then
    echo "slurm-merge.sh: note: ignoring $extra (not one of shard-1 … shard-$SHARDS)" >&2
  fi
done

echo "slurm-merge.sh: merging ${#dirs[@]} shards of $OUT into $OUT/merged"
exec "${goldilocks[@]}" merge "${dirs[@]}" --out "$OUT/merged"
