#!/usr/bin/env bash
# A throw-away one-node Slurm cluster on this machine, for trying the Slurm scripts of
# examples/cluster/ for real (and for tests/cluster/slurm-real.test.ts). Everything lives in one
# folder: configuration, keys, state, spool, logs and the daemons' pid files. Nothing is written to
# /etc, and no systemd is needed (it runs in containers).
#
#   examples/cluster/ci/local-slurm.sh install        # Debian/Ubuntu packages, as root (idempotent)
#   examples/cluster/ci/local-slurm.sh start DIR      # start munged, slurmctld and slurmd in DIR
#   export SLURM_CONF=DIR/slurm.conf                  # then sbatch, squeue, scontrol … talk to it
#   examples/cluster/ci/local-slurm.sh stop DIR       # stop the daemons and every job of DIR
#
# `start` runs as root (SlurmUser=root): it is meant for a container or a scratch VM, not for a
# machine that already has Slurm. It picks free TCP ports on 127.0.0.1, so it does not clash with
# a site's cluster. The node has every core of the machine and jobs are not confined (no cgroups:
# proctrack/linuxproc, task/none), which is what works inside a container.
# Exit codes: 0 ok, 2 bad usage, 3 Slurm not installed or not startable here (the log says why).
set -euo pipefail

die() {
  echo "local-slurm.sh: $*" >&2
  exit "${2:-3}"
}

usage() {
  echo "usage: local-slurm.sh install | start DIR | stop DIR" >&2
  exit 2
}

have_slurm() {
  command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v munged >/dev/null &&
    command -v sbatch >/dev/null && command -v scontrol >/dev/null
}

install() {
  if have_slurm; then
    echo "local-slurm.sh: Slurm $(slurmctld -V 2>/dev/null | awk '{print $2}') is installed"
    return 0
  fi
  command -v apt-get >/dev/null || die "no apt-get: install Slurm (slurmctld, slurmd, slurm-client) and munge yourself"
  local sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  # Package scripts try to start the daemons; without systemd that fails harmlessly (policy-rc.d).
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null
  have_slurm || die "the Slurm packages did not install"
  echo "local-slurm.sh: installed Slurm $(slurmctld -V | awk '{print $2}')"
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND… : retry COMMAND every 0.2 s
  local limit=$1 what=$2
  shift 2
  local end=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < end)) || return 1
    sleep 0.2
  done
}

start() {
  local dir=$1
  [[ $(id -u) -eq 0 ]] || die "start runs as root (SlurmUser=root)"
  have_slurm || die "Slurm is not installed: run 'local-slurm.sh install' (Debian: slurmctld slurmd slurm-client munge)"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [[ ! -e "$dir/slurm.conf" ]] || die "$dir already holds a cluster: stop it first" 2
  mkdir -p "$dir/munge" "$dir/state" "$dir/spool" "$dir/log"
  # munged wants its socket's folders searchable by all (jobs may run as other users).
  chmod 755 "$dir" "$dir/munge"
  # Whatever fails from here on, take down what did start.
  trap 'stop_daemons "$dir" >/dev/null 2>&1' ERR EXIT
  # A fresh key of this cluster only.
  head -c 1024 /dev/urandom >"$dir/munge/munge.key"
  chmod 400 "$dir/munge/munge.key"
  munged --force --socket="$dir/munge/socket" --key-file="$dir/munge/munge.key" --pid-file="$dir/munge/munged.pid" \
    --log-file="$dir/log/munged.log" --seed-file="$dir/munge/seed" ||
    die "munged did not start: $(tail -n 3 "$dir/log/munged.log" 2>/dev/null)"

  local host cpus mem ctl_port d_port
  host=$(hostname -s)
  cpus=$(nproc)
  mem=$(awk '/MemTotal/ {print int($2 / 1024 / 2)}' /proc/meminfo) # half the memory, in MB
  ctl_port=$(free_port)
  d_port=$(free_port)
  while [[ "$d_port" == "$ctl_port" ]]; do d_port=$(free_port); done
  cat >"$dir/slurm.conf" <<CONF
# Written by examples/cluster/ci/local-slurm.sh: a one-node cluster on 127.0.0.1.
ClusterName=goldilocks-local
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctl_port
SlurmdPort=$d_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
# cred_expire: also how long a requeued job waits before it may start again (default 120 s).
AuthInfo=socket=$dir/munge/socket,cred_expire=5
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/%n
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# No cgroups in a container: track processes by parent id, do not confine tasks.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
# Several single-core tasks at once on the one node.
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
JobRequeue=1
MaxArraySize=100001
MinJobAge=300
KillWait=5
# Look at the queue every 2 s (default 60 s), so a requeued task starts again soon.
SchedulerParameters=sched_interval=2,bf_interval=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$dir/slurm.conf"
  slurmctld -f "$dir/slurm.conf" -i >>"$dir/log/slurmctld.out" 2>&1 ||
    die "slurmctld did not start: $(tail -n 5 "$dir/log/slurmctld.log" 2>/dev/null)"
  slurmd -f "$dir/slurm.conf" -N "$host" >>"$dir/log/slurmd.out" 2>&1 ||
    die "slurmd did not start: $(tail -n 5 "$dir/log/slurmd.log" 2>/dev/null)"
  node_idle() { sinfo -h -N -o '%t' | grep -qx 'idle'; }
  wait_for 30 "the node to be idle" node_idle ||
    die "the node did not come up: $(sinfo -N 2>&1 | tail -2); $(tail -n 5 "$dir/log/slurmd.log" 2>/dev/null)"
  trap - ERR EXIT
  echo "local-slurm.sh: one-node cluster up in $dir (node $host, $cpus CPUs); export SLURM_CONF=$dir/slurm.conf"
}

stop_pids() { # stop_pids PIDFILE…: SIGTERM to all at once, then SIGKILL to any still there after 10 s
  local file pid pids=()
  for file in "$@"; do
    [[ -f "$file" ]] || continue
    pid=$(cat "$file")
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
  done
  for _ in $(seq 50); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive)) || return 0
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
}

stop() {
  local dir=$1
  [[ -f "$dir/slurm.conf" || -f "$dir/munge/munged.pid" ]] || die "$dir holds no cluster started by local-slurm.sh" 2
  stop_daemons "$(cd "$dir" && pwd)"
  echo "local-slurm.sh: stopped the cluster in $dir"
}

stop_daemons() {
  local dir=$1
  export SLURM_CONF="$dir/slurm.conf"
  if [[ -f "$dir/slurmctld.pid" ]]; then
    scancel --full --quiet --user=root 2>/dev/null || true
    # Let slurmd take its job steps down before it goes.
    wait_for 15 "the jobs to end" bash -c '[[ -z "$(squeue -h -t R,CG -o %i 2>/dev/null)" ]]' || true
  fi
  stop_pids "$dir/slurmd.pid" "$dir/slurmctld.pid"
  # Any slurmstepd of this cluster (its spool folder is in DIR) and the job processes under it.
  # (Read from /proc: no procps needed.)
  local p pid child comm
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    comm=""
    read -r comm <"$p/comm" 2>/dev/null || true
    [[ "$comm" == slurmstepd ]] || continue
    if tr '\0' ' ' <"$p/cmdline" 2>/dev/null | grep -q -- "$dir" || [[ "$(readlink "$p/cwd" 2>/dev/null)" == "$dir"* ]]; then
      for child in /proc/[0-9]*; do
        if [[ "$(awk '{print $4}' "$child/stat" 2>/dev/null)" == "$pid" ]]; then kill -KILL "${child#/proc/}" 2>/dev/null || true; fi
      done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  stop_pids "$dir/munge/munged.pid"
}

case "${1:-}" in
  install) install ;;
  start) [[ $# -eq 2 ]] || usage; start "$2" ;;
  stop) [[ $# -eq 2 ]] || usage; stop "$2" ;;
  *) usage ;;
esac
