#!/usr/bin/env python3
"""Sorts `perf report --no-children --sort dso,symbol` lines into what a training step spends its time on.

Each sample is counted where it was taken (self time), so a category is the share of the process's CPU time spent in
the kernels of that kind. The first pattern that matches a symbol decides its category; symbols that match none are
"other" and the largest of them are listed, so that a new kernel name can be given its category.
"""
import re
import sys

CATEGORIES = [
    # oneDNN's convolution kernels name the pass: fwd, bwd_data (the input's gradient), bwd_weights (the kernel's).
    ("convolution backward (weights)", r"bwd_w|bwd_weights|backward_weights|convolution_backward_weight|wei_reduce"),
    ("convolution backward (data)", r"bwd_d|bwd_data|backward_data|col2im"),
    ("convolution forward", r"conv.*fwd|fwd.*conv|brgconv|jit_avx512_core_x8s8s32x|im2col|slow_conv|_convolution|convolution"),
    # oneDNN runs AVX-512 convolutions' forward and backward-data passes as batch-reduce GEMMs (brgemm), so those
    # kernels are convolutions as much as Dense layers' products.
    ("brgemm and GEMM kernels (convolution forward and backward-data, Dense)", r"gemm|sgemm|brgemm|matmul|addmm|mkl_blas|inner_product"),
    ("pooling", r"pool|max_pool|avg_pool"),
    ("dropout and random masks", r"bernoulli|dropout|uniform_|random_|random64|CPUGenerator|mt19937|philox"),
    ("activations", r"relu|threshold|gelu|sigmoid|tanh|softmax|elu|clamp"),
    ("optimizer (Adam)", r"adam|_foreach|lerp|addcdiv|addcmul|sqrt"),
    ("loss", r"nll_loss|log_softmax|cross_entropy"),
    ("element-wise arithmetic and reductions", r"add_kernel|mul_kernel|div_|sub_|binary_op|BinaryOp|reduce|sum_kernel|mean|vectorized_loop|cpu_kernel|Vectorized"),
    ("copies and layout changes", r"copy|contiguous|transpose|permute|reorder|memcpy|__memmove|index_select|gather|cat_"),
    ("allocation", r"malloc|free|alloc|memset|__munmap|mmap|page_fault|clear_page|Allocator"),
    ("OpenMP threads waiting and synchronising", r"libgomp|omp|kmp|spin|futex|sched_yield|parallel_for|ThreadPool"),
    ("autograd engine and dispatch", r"autograd|Engine::|dispatch|Dispatcher|OperatorHandle|c10::impl|TensorImpl|intrusive_ptr"),
    # Anonymous executable memory: oneDNN's JIT-compiled kernels (its convolutions, pooling and reorders) and .NET's
    # JIT-compiled code share it; oneDNN's are most of it (the trainer's managed code is a few per cent in a named run).
    ("JIT-compiled code: oneDNN's convolution and pooling kernels (and .NET's)", r"^\[JIT\] tid"),
    (".NET runtime and TorchSharp's native glue", r"libclrjit|libcoreclr|LibTorchSharp|doublemapper|System\.Private"),
    ("kernel (system calls, page faults, scheduling)", r"kernel\.kallsyms|^\[k\]"),
]

# The library may hold spaces ("[JIT] tid 4711").
LINE = re.compile(r"^\s*([0-9.]+)%\s+(.+?)\s+(\[[.k]\])\s+(.*)$")


def main(path):
    shares = {name: 0.0 for name, _ in CATEGORIES}
    shares["other"] = 0.0
    unmatched = []
    total = 0.0
    with open(path, encoding="utf-8", errors="replace") as report:
        for line in report:
            match = LINE.match(line)
            if not match:
                continue
            percent, dso, space, symbol = float(match.group(1)), match.group(2), match.group(3), match.group(4).strip()
            total += percent
            # The symbol decides (a oneDNN kernel inside libtorch_cpu); an unnamed address falls back to its library.
            text = symbol if not symbol.startswith("0x") else dso
            if space == "[k]":
                text = "kernel.kallsyms " + symbol
            for name, pattern in CATEGORIES:
                if re.search(pattern, text, re.IGNORECASE):
                    shares[name] += percent
                    break
            else:
                shares["other"] += percent
                unmatched.append((percent, dso + " " + symbol))
    print(f"{'where the time goes':<48} {'share':>7}")
    for name, share in sorted(shares.items(), key=lambda item: -item[1]):
        if share >= 0.1:
            print(f"{name:<48} {share:6.1f}%")
    print(f"{'(all samples)':<48} {total:6.1f}%")
    if unmatched:
        print("\nlargest uncategorised symbols:")
        for percent, symbol in sorted(unmatched, reverse=True)[:8]:
            print(f"  {percent:5.2f}%  {symbol[:110]}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: profile_breakdown.py <perf report --stdio output>")
    main(sys.argv[1])
