#!/usr/bin/python3
"""The seed notebook's three MNIST models in plain PyTorch: the benchmark's reference side.

Run by `dotnet run --project bench/Dsl.Bench -c Release -- train` with Debian's python3-torch (/usr/bin/python3),
with the same options as our worker, so that both sides train on the same images with the same batch sizes, threads,
epochs, warm-up and seed. Written the way a PyTorch user would write it: nn.Sequential, nn.ReLU(), F.cross_entropy on
logits, torch.optim.Adam, the loss and accuracy read with .item() after every batch, evaluation under inference_mode.
Keras's choices are kept so the work is the same as ours: Glorot-uniform kernels and zero biases, Adam with eps 1e-7,
and 'same' padding for the 2x2 convolution of Model2 added at the bottom and right, as TensorFlow does.

Prints one line, BENCH-RESULT {json}, with the fields of the benchmark's WorkerResult.
"""
import argparse
import gzip
import json
import os
import platform
import resource
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

MARKER = "BENCH-RESULT "


class KerasSamePad(nn.Module):
    """Keras's 'same' padding for an even kernel: the extra row and column at the bottom and right."""

    def __init__(self, kernel):
        super().__init__()
        total = kernel - 1
        self.pads = (total // 2, total - total // 2, total // 2, total - total // 2)

    def forward(self, x):
        return F.pad(x, self.pads)


def conv_same(cin, cout, kernel):
    if kernel % 2 == 1:
        return [nn.Conv2d(cin, cout, kernel, padding=kernel // 2)]
    return [KerasSamePad(kernel), nn.Conv2d(cin, cout, kernel)]


def model1():
    return nn.Sequential(
        *conv_same(1, 64, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.2),
        *conv_same(64, 28, 3), nn.ReLU(), nn.Dropout(0.35),
        *conv_same(28, 12, 3), nn.ReLU(), nn.Dropout(0.4),
        nn.Flatten(), nn.Linear(12 * 14 * 14, 10))


def model2():
    return nn.Sequential(
        *conv_same(1, 60, 3), nn.ReLU(), nn.Dropout(0.25), nn.MaxPool2d(2),
        *conv_same(60, 40, 3), nn.ReLU(), nn.Dropout(0.35), nn.MaxPool2d(2),
        *conv_same(40, 28, 3), nn.ReLU(), nn.Dropout(0.5), nn.MaxPool2d(2),
        *conv_same(28, 14, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.55),
        *conv_same(14, 8, 2), nn.ReLU(), nn.Dropout(0.6),
        nn.Flatten(), nn.Linear(8, 10))


def model3():
    return nn.Sequential(
        *conv_same(1, 80, 5), nn.ReLU(), nn.MaxPool2d(3),
        *conv_same(80, 70, 3), nn.ReLU(), nn.Dropout(0.35),
        *conv_same(70, 50, 3), nn.ReLU(), nn.Dropout(0.35),
        *conv_same(50, 30, 3), nn.ReLU(), nn.Dropout(0.4),
        *conv_same(30, 20, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.5),
        *conv_same(20, 16, 3), nn.ReLU(), nn.Dropout(0.5),
        *conv_same(16, 8, 3), nn.ReLU(), nn.Dropout(0.55),
        nn.Flatten(), nn.Linear(8 * 4 * 4, 100), nn.ReLU(), nn.Dropout(0.7), nn.Linear(100, 10))


MODELS = {"Model1": model1, "Model2": model2, "Model3": model3}


def create(name):
    model = MODELS[name]()
    for module in model.modules():
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            # Keras's defaults; xavier_uniform_'s fans are Keras's (receptive field x channels in / out).
            nn.init.xavier_uniform_(module.weight)
            nn.init.zeros_(module.bias)
    return model


def read_idx(directory, name):
    for candidate in (name, name + ".gz"):
        path = os.path.join(directory, candidate)
        if os.path.exists(path):
            opener = gzip.open if candidate.endswith(".gz") else open
            with opener(path, "rb") as f:
                data = f.read()
            dims = data[3]
            shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
            return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)
    sys.exit(f"{name} not found in {directory}")


def load(directory, train_images, eval_images):
    # All images become float32 and the first `count` are used, as on our side (Mnist.Load, like torchvision's MNIST,
    # holds the whole set), so that peak memory compares the frameworks rather than the loaders.
    def images(name, count):
        raw = read_idx(directory, name)
        return torch.from_numpy(raw.astype(np.float32) / np.float32(255)).unsqueeze(1)[:count]

    def labels(name, count):
        return torch.from_numpy(read_idx(directory, name)[:count].astype(np.int64))

    return (images("train-images-idx3-ubyte", train_images), labels("train-labels-idx1-ubyte", train_images),
            images("t10k-images-idx3-ubyte", eval_images), labels("t10k-labels-idx1-ubyte", eval_images))


def train_epoch(model, optimizer, x, y, batch_size, generator):
    model.train()
    order = torch.randperm(x.shape[0], generator=generator)
    loss_sum, correct = 0.0, 0
    for start in range(0, x.shape[0], batch_size):
        index = order[start:start + batch_size]
        inputs, targets = x.index_select(0, index), y.index_select(0, index)
        optimizer.zero_grad()
        logits = model(inputs)
        loss = F.cross_entropy(logits, targets)
        loss.backward()
        optimizer.step()
        loss_sum += loss.item() * targets.shape[0]
        correct += (logits.argmax(1) == targets).sum().item()
    return loss_sum / x.shape[0], correct / x.shape[0]


def evaluate(model, x, y, batch_size):
    model.eval()
    loss_total, hits = torch.zeros((), dtype=torch.float64), torch.zeros((), dtype=torch.int64)
    with torch.inference_mode():
        for start in range(0, x.shape[0], batch_size):
            inputs, targets = x[start:start + batch_size], y[start:start + batch_size]
            logits = model(inputs)
            loss_total += F.cross_entropy(logits, targets, reduction="sum").double()
            hits += (logits.argmax(1) == targets).sum()
    return loss_total.item() / x.shape[0], hits.item() / x.shape[0]


def adam(model):
    return torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, choices=sorted(MODELS))
    parser.add_argument("--variant", default="pytorch", choices=["pytorch"])
    parser.add_argument("--data", required=True)
    parser.add_argument("--train-images", type=int, default=60000)
    parser.add_argument("--eval-images", type=int, default=10000)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--eval-batch-size", type=int, default=128)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--interop-threads", type=int)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--warmup-steps", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    if args.interop_threads:
        torch.set_num_interop_threads(args.interop_threads)
    torch.set_num_threads(args.threads)
    train_x, train_y, eval_x, eval_y = load(args.data, args.train_images, args.eval_images)

    warmup = 0.0
    if args.warmup_steps > 0:
        started = time.perf_counter()
        torch.manual_seed(args.seed + 1)
        scratch = create(args.model)
        n = min(train_x.shape[0], args.warmup_steps * args.batch_size)
        train_epoch(scratch, adam(scratch), train_x[:n], train_y[:n], args.batch_size, torch.Generator().manual_seed(args.seed))
        m = min(eval_x.shape[0], args.eval_batch_size)
        evaluate(scratch, eval_x[:m], eval_y[:m], args.eval_batch_size)
        del scratch
        warmup = time.perf_counter() - started

    torch.manual_seed(args.seed)
    model = create(args.model)
    optimizer = adam(model)
    epochs = []
    for epoch in range(1, args.epochs + 1):
        generator = torch.Generator().manual_seed(args.seed * 1000 + epoch)
        started = time.perf_counter()
        train_loss, train_accuracy = train_epoch(model, optimizer, train_x, train_y, args.batch_size, generator)
        trained = time.perf_counter()
        eval_loss, eval_accuracy = evaluate(model, eval_x, eval_y, args.eval_batch_size)
        evaluated = time.perf_counter()
        epochs.append({"epoch": epoch, "train_seconds": trained - started, "eval_seconds": evaluated - trained,
                       "train_loss": train_loss, "train_accuracy": train_accuracy,
                       "eval_loss": eval_loss, "eval_accuracy": eval_accuracy})

    result = {
        "framework": "pytorch", "variant": "pytorch", "model": args.model,
        "parameters": sum(p.numel() for p in model.parameters()), "precision": "float32",
        "train_images": args.train_images, "eval_images": args.eval_images,
        "batch_size": args.batch_size, "eval_batch_size": args.eval_batch_size,
        "threads": torch.get_num_threads(), "interop_threads": args.interop_threads,
        "warmup_seconds": warmup, "epochs": epochs,
        # ru_maxrss is in KiB on Linux.
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "versions": {"torch": torch.__version__, "python": platform.python_version(), "numpy": np.__version__,
                     "mkldnn": str(torch.backends.mkldnn.is_available())},
    }
    print(MARKER + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
