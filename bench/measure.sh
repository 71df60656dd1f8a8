#!/usr/bin/env bash
# The README's timings, measured the way the README states them: run on an otherwise idle machine (check `uptime`:
# load averages well below 1 on 2 cores), from the repository root.
#
#   bench/measure.sh quick    about 5 minutes: the benchmark's quick run, the generator, the experiment's quick look
#   bench/measure.sh full     a few hours: everything the README reports (see bench/README.md for each step)
#
# Every result lands in runs/bench/<date>-<mode>/ as JSON (with the machine, load averages and settings) plus a log.
set -euo pipefail
mode=${1:-quick}
case "$mode" in quick|full) ;; *) echo "usage: bench/measure.sh quick|full" >&2; exit 2 ;; esac
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out="runs/bench/$(date +%Y%m%d-%H%M)-$mode"
mkdir -p "$out"
exec > >(tee "$out/measure.log") 2>&1

echo "== $(date -Is) on $(uname -n), $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -m1 'model name' /proc/cpuinfo || true
if [ "$(awk '{print ($1 > 0.5)}' /proc/loadavg)" = 1 ]; then
  echo "warning: the 1-minute load average is above 0.5; something else is running, and the timings will be noise"
fi

if [ "$mode" = full ]; then
  # The README's test command, build included: from a cleaned Release build (it also builds the benchmark).
  dotnet clean Dsl.sln -c Release -v q -nologo >/dev/null
  /usr/bin/time -f "tests, build included: %e s wall clock" dotnet test Dsl.sln -c Release 2>&1 | tail -n 15
else
  dotnet build Dsl.sln -c Release -v q -nologo
fi
bench="dotnet bench/Dsl.Bench/bin/Release/net10.0/Dsl.Bench.dll"

if [ "$mode" = quick ]; then
  $bench train --quick --out "$out/train-quick.json"
  $bench generator --runs 5 --out "$out/generator.json"
  $bench experiment --out "$out/experiment-quick-look.json" -- --epochs 1 --train-limit 6000
else
  # 0. The twins compute what the generated models compute (not a timing).
  $bench check-twins
  # 1. Ours beside the peers (plain PyTorch, tuned PyTorch, hand-written TorchSharp), after the machine-limit probe:
  #    60,000 training + 10,000 validation images, 3 alternating rounds, the seed's three models.
  $bench train --out "$out/train-full.json"
  # 1b. The sequence samples beside their twins (Debian's PyTorch has a generic BLAS: the TorchSharp twin is the peer).
  $bench train --models RowLstm,VisionTransformer --train-images 12800 --repetitions 3 --out "$out/train-sequence.json"
  # 2. Every lever against the shipped defaults (and the peers), on 12,800 training images + the 10,000 test images.
  $bench train --variants all --train-images 12800 --repetitions 3 --out "$out/levers.json"
  # 3. Intra-op threads: the same comparison with one thread on both sides (against step 1's two).
  $bench train --threads 1 --train-images 12800 --repetitions 3 --out "$out/threads-1.json"
  # 4. The generator: 1, 10, 100, 1,000 models, full run and re-run after one edit.
  $bench generator --out "$out/generator.json"
  # 5. The README's commands: the quick look and the full experiment (wall clock and peak memory); the test suite ran first.
  $bench experiment --out "$out/experiment-quick-look.json" -- --epochs 1 --train-limit 6000
  $bench experiment --out "$out/experiment-full.json"
fi
echo "== done $(date -Is); load: $(cut -d' ' -f1-3 /proc/loadavg); results in $out"
