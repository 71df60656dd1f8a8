#!/usr/bin/python3
"""The seed notebook's three MNIST models in PyTorch: the benchmark's two PyTorch peers.

Run by `dotnet run --project bench/Dsl.Bench -c Release -- train` with Debian's python3-torch (/usr/bin/python3),
with the same options as our worker, so that both sides train on the same images with the same batch sizes, threads,
epochs, warm-up and seed. Keras's choices are kept so the work is the same as ours: Glorot-uniform kernels and zero
biases, Adam with eps 1e-7, and 'same' padding for the 2x2 convolution of Model2 added at the bottom and right, as
TensorFlow does.

--variant pytorch: written the way a PyTorch user would write it: nn.Sequential, nn.ReLU(), F.cross_entropy on logits,
torch.optim.Adam, the loss and accuracy read with .item() after every batch, evaluation under inference_mode.

--variant pytorch-tuned: the same maths with every CPU lever PyTorch 1.13 offers a user: the model and every batch
channels-last (memory_format=torch.channels_last, so oneDNN runs NHWC kernels), ReLU in place, zero_grad(set_to_none=True),
Adam's multi-tensor (foreach) update (fused=True is CUDA-only in 1.13), the epoch's loss and hits summed on the device
and read once, attention without its averaged weights (need_weights=False), evaluation under inference_mode.

Besides the seed's three CNNs, the sequence samples RowLstm and VisionTransformer (samples/Mnist/Models). Debian's
PyTorch 1.13 multiplies matrices with a generic (reference) BLAS: a fair peer for the convolutions (oneDNN), a weak one
for these matrix-heavy models, whose honest peer is the hand-written TorchSharp twin.

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


def model1(relu):
    return nn.Sequential(
        *conv_same(1, 64, 3), relu(), nn.MaxPool2d(2), nn.Dropout(0.2),
        *conv_same(64, 28, 3), relu(), nn.Dropout(0.35),
        *conv_same(28, 12, 3), relu(), nn.Dropout(0.4),
        nn.Flatten(), nn.Linear(12 * 14 * 14, 10))


def model2(relu):
    return nn.Sequential(
        *conv_same(1, 60, 3), relu(), nn.Dropout(0.25), nn.MaxPool2d(2),
        *conv_same(60, 40, 3), relu(), nn.Dropout(0.35), nn.MaxPool2d(2),
        *conv_same(40, 28, 3), relu(), nn.Dropout(0.5), nn.MaxPool2d(2),
        *conv_same(28, 14, 3), relu(), nn.MaxPool2d(2), nn.Dropout(0.55),
        *conv_same(14, 8, 2), relu(), nn.Dropout(0.6),
        nn.Flatten(), nn.Linear(8, 10))


def model3(relu):
    return nn.Sequential(
        *conv_same(1, 80, 5), relu(), nn.MaxPool2d(3),
        *conv_same(80, 70, 3), relu(), nn.Dropout(0.35),
        *conv_same(70, 50, 3), relu(), nn.Dropout(0.35),
        *conv_same(50, 30, 3), relu(), nn.Dropout(0.4),
        *conv_same(30, 20, 3), relu(), nn.MaxPool2d(2), nn.Dropout(0.5),
        *conv_same(20, 16, 3), relu(), nn.Dropout(0.5),
        *conv_same(16, 8, 3), relu(), nn.Dropout(0.55),
        nn.Flatten(), nn.Linear(8 * 4 * 4, 100), relu(), nn.Dropout(0.7), nn.Linear(100, 10))


class RowLstm(nn.Module):
    """samples/Mnist/Models/RowLstm.model.yaml: the 28 rows read by an LSTM of 128 units, its last output classified.

    Keras's LSTM has one bias per gate, torch's two: bias_hh stays zero and frozen, which is Keras's maths, so the
    trainable count is Keras's 81,674. Keras's initialisation: Glorot-uniform input kernel, orthogonal recurrent kernel,
    forget-gate bias 1 (torch's gate order i, f, g, o is Keras's i, f, c, o)."""

    def __init__(self, variant):
        super().__init__()
        self.lstm = nn.LSTM(28, 128, batch_first=True)
        self.dense = nn.Linear(128, 10)
        with torch.no_grad():
            nn.init.xavier_uniform_(self.lstm.weight_ih_l0)
            nn.init.orthogonal_(self.lstm.weight_hh_l0)
            nn.init.zeros_(self.lstm.bias_ih_l0)
            self.lstm.bias_ih_l0[128:256] = 1
            nn.init.zeros_(self.lstm.bias_hh_l0)
        self.lstm.bias_hh_l0.requires_grad_(False)

    def forward(self, x):
        _, (hidden, _) = self.lstm(x.reshape(x.shape[0], 28, 28))
        return self.dense(hidden[0])


class EncoderLayer(nn.Module):
    """TransformerEncoder.block.yaml: pre-norm; attention (dropout 0.1 on its weights) and a GELU MLP, each residual."""

    def __init__(self, width, heads, mlp, variant):
        super().__init__()
        self.need_weights = variant.need_weights
        self.norm1 = nn.LayerNorm(width, eps=1e-6)
        self.attention = nn.MultiheadAttention(width, heads, dropout=0.1, batch_first=True)
        self.norm2 = nn.LayerNorm(width, eps=1e-6)
        self.mlp1, self.gelu, self.mlp_dropout, self.mlp2 = nn.Linear(width, mlp), nn.GELU(), nn.Dropout(0.1), nn.Linear(mlp, width)
        # Keras draws each (64, 4, 16) projection kernel with its own fans (256, 1,024), the (4, 16, 64) output one with
        # 64 and 256; torch packs query, key and value into one (192, 64) matrix.
        key_dim = width // heads
        with torch.no_grad():
            for block in self.attention.in_proj_weight.split(width):
                limit = (6.0 / (width * heads + key_dim * width)) ** 0.5
                nn.init.uniform_(block, -limit, limit)
            limit = (6.0 / (key_dim * heads + width * heads)) ** 0.5
            nn.init.uniform_(self.attention.out_proj.weight, -limit, limit)
            nn.init.zeros_(self.attention.in_proj_bias)
            nn.init.zeros_(self.attention.out_proj.bias)
            for linear in (self.mlp1, self.mlp2):
                nn.init.xavier_uniform_(linear.weight)
                nn.init.zeros_(linear.bias)

    def forward(self, x):
        h = self.norm1(x)
        x = x + self.attention(h, h, h, need_weights=self.need_weights)[0]
        return x + self.mlp2(self.mlp_dropout(self.gelu(self.mlp1(self.norm2(x)))))


class VisionTransformer(nn.Module):
    """VisionTransformer.model.yaml: 4x4 patches by a strided convolution, a learned position embedding, two encoder
    layers, a final normalisation, the mean over the 49 patches, a linear classifier."""

    def __init__(self, variant):
        super().__init__()
        self.patches = nn.Conv2d(1, 64, 4, stride=4)
        self.positions = nn.Parameter(torch.zeros(49, 64))
        self.encoder1 = EncoderLayer(64, 4, 128, variant)
        self.encoder2 = EncoderLayer(64, 4, 128, variant)
        self.norm = nn.LayerNorm(64, eps=1e-6)
        self.dense = nn.Linear(64, 10)
        with torch.no_grad():
            for module in (self.patches, self.dense):
                nn.init.xavier_uniform_(module.weight)
                nn.init.zeros_(module.bias)
            nn.init.xavier_uniform_(self.positions)

    def forward(self, x):
        x = self.patches(x).flatten(2).transpose(1, 2) + self.positions
        return self.dense(self.norm(self.encoder2(self.encoder1(x))).mean(1))


MODELS = {"Model1": model1, "Model2": model2, "Model3": model3, "RowLstm": RowLstm, "VisionTransformer": VisionTransformer}
SEQUENTIAL = ("Model1", "Model2", "Model3")


class Plain:
    """The twin as a PyTorch user first writes it."""
    name = "pytorch"
    memory_format = torch.contiguous_format
    need_weights = True

    @staticmethod
    def relu():
        return nn.ReLU()

    @staticmethod
    def adam(model):
        return torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)

    @staticmethod
    def zero_grad(optimizer):
        optimizer.zero_grad()


class Tuned(Plain):
    """Every lever PyTorch 1.13 gives a CPU user that keeps the maths: channels-last, in-place ReLU, set_to_none,
    foreach Adam, one host read per epoch, attention without its averaged weights (need_weights=False)."""
    name = "pytorch-tuned"
    memory_format = torch.channels_last
    need_weights = False

    @staticmethod
    def relu():
        return nn.ReLU(inplace=True)

    @staticmethod
    def adam(model):
        return torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7, foreach=True)

    @staticmethod
    def zero_grad(optimizer):
        optimizer.zero_grad(set_to_none=True)


VARIANTS = {v.name: v for v in (Plain, Tuned)}


def create(name, variant):
    if name not in SEQUENTIAL:
        return MODELS[name](variant).to(memory_format=variant.memory_format)
    model = MODELS[name](variant.relu)
    for module in model.modules():
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            # Keras's defaults; xavier_uniform_'s fans are Keras's (receptive field x channels in / out).
            nn.init.xavier_uniform_(module.weight)
            nn.init.zeros_(module.bias)
    return model.to(memory_format=variant.memory_format)


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


def train_epoch(model, optimizer, x, y, batch_size, generator, variant):
    model.train()
    order = torch.randperm(x.shape[0], generator=generator)
    if variant is Plain:
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
    # Tuned: the sums stay on the device, read once at the end of the epoch.
    loss_sum, correct = torch.zeros((), dtype=torch.float64), torch.zeros((), dtype=torch.int64)
    for start in range(0, x.shape[0], batch_size):
        index = order[start:start + batch_size]
        inputs = x.index_select(0, index).contiguous(memory_format=variant.memory_format)
        targets = y.index_select(0, index)
        variant.zero_grad(optimizer)
        logits = model(inputs)
        loss = F.cross_entropy(logits, targets)
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            loss_sum += loss.detach().double() * targets.shape[0]
            correct += (logits.argmax(1) == targets).sum()
    return loss_sum.item() / x.shape[0], correct.item() / x.shape[0]


def evaluate(model, x, y, batch_size, variant):
    model.eval()
    loss_total, hits = torch.zeros((), dtype=torch.float64), torch.zeros((), dtype=torch.int64)
    with torch.inference_mode():
        for start in range(0, x.shape[0], batch_size):
            inputs = x[start:start + batch_size].contiguous(memory_format=variant.memory_format)
            targets = y[start:start + batch_size]
            logits = model(inputs)
            loss_total += F.cross_entropy(logits, targets, reduction="sum").double()
            hits += (logits.argmax(1) == targets).sum()
    return loss_total.item() / x.shape[0], hits.item() / x.shape[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, choices=sorted(MODELS))
    parser.add_argument("--variant", default="pytorch", choices=sorted(VARIANTS))
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
    variant = VARIANTS[args.variant]

    if args.interop_threads:
        torch.set_num_interop_threads(args.interop_threads)
    torch.set_num_threads(args.threads)
    train_x, train_y, eval_x, eval_y = load(args.data, args.train_images, args.eval_images)

    warmup = 0.0
    if args.warmup_steps > 0:
        started = time.perf_counter()
        torch.manual_seed(args.seed + 1)
        scratch = create(args.model, variant)
        n = min(train_x.shape[0], args.warmup_steps * args.batch_size)
        train_epoch(scratch, variant.adam(scratch), train_x[:n], train_y[:n], args.batch_size,
                    torch.Generator().manual_seed(args.seed), variant)
        m = min(eval_x.shape[0], args.eval_batch_size)
        evaluate(scratch, eval_x[:m], eval_y[:m], args.eval_batch_size, variant)
        del scratch
        warmup = time.perf_counter() - started

    torch.manual_seed(args.seed)
    model = create(args.model, variant)
    optimizer = variant.adam(model)
    epochs = []
    for epoch in range(1, args.epochs + 1):
        generator = torch.Generator().manual_seed(args.seed * 1000 + epoch)
        started = time.perf_counter()
        train_loss, train_accuracy = train_epoch(model, optimizer, train_x, train_y, args.batch_size, generator, variant)
        trained = time.perf_counter()
        eval_loss, eval_accuracy = evaluate(model, eval_x, eval_y, args.eval_batch_size, variant)
        evaluated = time.perf_counter()
        epochs.append({"epoch": epoch, "train_seconds": trained - started, "eval_seconds": evaluated - trained,
                       "train_loss": train_loss, "train_accuracy": train_accuracy,
                       "eval_loss": eval_loss, "eval_accuracy": eval_accuracy})

    result = {
        "framework": "pytorch", "variant": variant.name, "model": args.model,
        "parameters": sum(p.numel() for p in model.parameters() if p.requires_grad), "precision": "float32",
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
