#!/usr/bin/env bash
# Where a seed model's training time goes: Debian's linux-perf samples the benchmark's worker (ours, one seeded model
# trained for one epoch, as `bench … train` runs it) and bench/profile_breakdown.py sorts the native frames into
# convolution forward/backward, pooling, dropout, activations, the optimizer, allocation, copies and the rest.
#
#   bench/profile.sh [Model1|Model2|Model3|RowLstm|VisionTransformer] [train images] [variant]
#   (defaults: Model1, 12800, dsl; a variant is one of `bench … train --variants`, e.g. dsl-bf16)
#
# Run it alone on an idle machine (shares of one process's samples, but contention still skews them). Needs `perf`
# (apt-get install linux-perf) and kernel.perf_event_paranoid <= 2; writes runs/profile/<model>-<time>.{data,txt}.
set -euo pipefail
model=${1:-Model1}
images=${2:-12800}
variant=${3:-dsl}
cd "$(dirname "$0")/.."
command -v perf >/dev/null || { echo "perf is missing: sudo apt-get install linux-perf" >&2; exit 1; }
dotnet build bench/Dsl.Bench -c Release -v q -nologo >/dev/null
data=${MNIST_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/dsl/mnist}
out="runs/profile/$model-$variant-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$(dirname "$out")"
echo "== $(date -Is), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
# oneDNN names its JIT-compiled kernels (convolutions, pooling, reorders) in /tmp/perf-<pid>.map (ONEDNN_JIT_PROFILE=2);
# the .NET runtime's own map would overwrite that file, so managed frames stay unnamed and are counted by library.
ONEDNN_JIT_PROFILE=2 DNNL_JIT_PROFILE=2 perf record -q -F 499 -g -o "$out.data" -- \
  dotnet bench/Dsl.Bench/bin/Release/net10.0/Dsl.Bench.dll worker --model "$model" --variant "$variant" --data "$data" \
    --train-images "$images" --eval-images 1000 --epochs 1 --threads "$(nproc)" >/dev/null
perf report -i "$out.data" --no-children --sort dso,symbol --stdio -g none --percent-limit 0 2>/dev/null > "$out.txt"
python3 bench/profile_breakdown.py "$out.txt" | tee "$out.breakdown.txt"
