#!/usr/bin/python3
"""PyTorch peer of elbo4j's VAE (AEVB, Kingma & Welling 2013) on the project's 10k MNIST digits.

Usage: /usr/bin/python3 torch_vae.py [--images /work/shared/data/mnist10k-images-idx3-ubyte.gz]
         [--epochs 20] [--batch 100] [--hidden 400] [--latent 20] [--dtype float64|float32]
         [--torch-threads 1] [--openblas-threads 2] [--seed 1] [--lr 1e-3] [--is-k 500]

Data: the IDX (gzip) images; first 8000 are the training set, last 2000 the test set; static binarisation
x = [pixel/255 > 0.5], done once.
Model: encoder 784-400 tanh -> (mu, logvar) in R^20 (two Linear heads), decoder 20-400 tanh -> 784 Bernoulli
logits; prior N(0, I). Default nn.Linear initialisation.
Objective: SGVB estimator B (analytic KL to the prior, L = 1 reparameterized draw per datapoint), minibatch mean,
Adam(lr) on -ELBO. Each epoch visits the 8000 digits once in a fresh random order (torch.randperm, seeded).
Threads: --openblas-threads sets OPENBLAS_NUM_THREADS before torch is imported (Debian's torch calls the
system libblas.so.3, OpenBLAS when install.sh has run); --torch-threads calls torch.set_num_threads.
Output (JSON lines on stdout): one "config" line, one line per epoch (wall seconds of the training loop of
that epoch, and its process CPU time summed over threads), mean train ELBO per datapoint over the epoch's minibatches), then one "test" line: the test ELBO
per datapoint (estimator B, L = 1, fixed seed) and the importance-sampled log-likelihood
log p(x) ~= log (1/K) sum_k p(x, z_k) / q(z_k | x), z_k ~ q(z|x), K = --is-k (the IWAE bound), in nats,
averaged over the 2000 test digits, computed in chunks of --is-chunk digits.
"""
import argparse
import gzip
import json
import math
import os
import struct
import sys
import time


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--images", default="/work/shared/data/mnist10k-images-idx3-ubyte.gz")
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--batch", type=int, default=100)
    p.add_argument("--hidden", type=int, default=400)
    p.add_argument("--latent", type=int, default=20)
    p.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    p.add_argument("--torch-threads", type=int, default=1)
    p.add_argument("--openblas-threads", type=int, default=None,
                   help="sets OPENBLAS_NUM_THREADS (default: leave the environment as it is)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--train", type=int, default=8000, help="number of leading images used for training")
    p.add_argument("--is-k", type=int, default=500)
    p.add_argument("--is-chunk", type=int, default=20)
    p.add_argument("--skip-test", action="store_true", help="timing runs: no test ELBO / IS log-likelihood")
    a = p.parse_args()
    for name in ("epochs", "batch", "hidden", "latent", "torch_threads", "is_k", "is_chunk", "train"):
        if getattr(a, name) < 1:
            p.error("--%s must be >= 1, got %d" % (name.replace("_", "-"), getattr(a, name)))
    if a.openblas_threads is not None and a.openblas_threads < 1:
        p.error("--openblas-threads must be >= 1, got %d" % a.openblas_threads)
    return a


def read_idx_images(path):
    """Returns (count, rows, cols, bytes) of an IDX3 ubyte file, gzip or plain."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        header = f.read(16)
        if len(header) != 16:
            raise ValueError("%s: too short for an IDX3 header" % path)
        magic, n, rows, cols = struct.unpack(">IIII", header)
        if magic != 2051:
            raise ValueError("%s: IDX3 magic must be 2051, got %d" % (path, magic))
        body = f.read()
    if len(body) != n * rows * cols:
        raise ValueError("%s: expected %d pixel bytes, got %d" % (path, n * rows * cols, len(body)))
    return n, rows, cols, body


def emit(obj):
    print(json.dumps(obj), flush=True)


def main():
    a = parse_args()
    if a.openblas_threads is not None:
        os.environ["OPENBLAS_NUM_THREADS"] = str(a.openblas_threads)
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    torch.set_num_threads(a.torch_threads)
    torch.manual_seed(a.seed)
    dtype = getattr(torch, a.dtype)
    torch.set_default_dtype(dtype)

    n, rows, cols, body = read_idx_images(a.images)
    if a.train >= n:
        raise ValueError("--train %d leaves no test images out of %d in %s" % (a.train, n, a.images))
    pixels = torch.frombuffer(bytearray(body), dtype=torch.uint8).reshape(n, rows * cols)
    x_all = (pixels.to(dtype) / 255.0 > 0.5).to(dtype)
    x_train, x_test = x_all[:a.train], x_all[a.train:]
    d = rows * cols

    class Vae(nn.Module):
        def __init__(self):
            super().__init__()
            self.enc = nn.Linear(d, a.hidden)
            self.enc_mu = nn.Linear(a.hidden, a.latent)
            self.enc_logvar = nn.Linear(a.hidden, a.latent)
            self.dec = nn.Linear(a.latent, a.hidden)
            self.dec_out = nn.Linear(a.hidden, d)

        def encode(self, x):
            h = torch.tanh(self.enc(x))
            return self.enc_mu(h), self.enc_logvar(h)

        def decode(self, z):
            return self.dec_out(torch.tanh(self.dec(z)))

        def elbo(self, x):
            """Per-datapoint ELBO, estimator B: E_q[log p(x|z)] (1 draw) - KL(q(z|x) || N(0, I))."""
            mu, logvar = self.encode(x)
            z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
            logits = self.decode(z)
            log_px_z = -F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(-1)
            kl = -0.5 * (1.0 + logvar - mu * mu - torch.exp(logvar)).sum(-1)
            return log_px_z - kl

        def log_likelihood_is(self, x, k):
            """log (1/K) sum_k p(x, z_k) / q(z_k|x), z_k ~ q(z|x): one value per row of x."""
            mu, logvar = self.encode(x)
            std = torch.exp(0.5 * logvar)
            eps = torch.randn((k,) + mu.shape)
            z = mu + std * eps                                    # (K, B, latent)
            logits = self.decode(z)                               # (K, B, 784)
            log_px_z = -F.binary_cross_entropy_with_logits(
                logits, x.expand(k, -1, -1), reduction="none").sum(-1)
            log_pz = (-0.5 * z * z - 0.5 * math.log(2 * math.pi)).sum(-1)
            log_qz = (-0.5 * eps * eps - 0.5 * math.log(2 * math.pi) - 0.5 * logvar).sum(-1)
            return torch.logsumexp(log_px_z + log_pz - log_qz, dim=0) - math.log(k)

    model = Vae()
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    emit({"kind": "config", "peer": "torch-vae", "torch": torch.__version__, "dtype": a.dtype,
          "torch_threads": torch.get_num_threads(),
          "openblas_threads": os.environ.get("OPENBLAS_NUM_THREADS"),
          "train": int(x_train.shape[0]), "test": int(x_test.shape[0]), "batch": a.batch,
          "hidden": a.hidden, "latent": a.latent, "optimizer": "Adam(lr=%g)" % a.lr, "seed": a.seed,
          "estimator": "SGVB B (analytic KL), L=1", "binarisation": "static, pixel/255 > 0.5",
          "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
          "loadavg": open("/proc/loadavg").read().split()[:3]})

    epoch_seconds = []
    m = x_train.shape[0]
    for epoch in range(1, a.epochs + 1):
        model.train()
        total, count = 0.0, 0
        t0, c0 = time.perf_counter(), time.process_time()
        perm = torch.randperm(m)
        for start in range(0, m, a.batch):
            xb = x_train[perm[start:start + a.batch]]
            elbo = model.elbo(xb)
            loss = -elbo.mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += elbo.sum().item()
            count += xb.shape[0]
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        epoch_seconds.append(seconds)
        emit({"kind": "epoch", "epoch": epoch, "seconds": round(seconds, 4), "cpu_seconds": round(cpu, 4),
              "train_elbo": round(total / count, 4)})

    result = {"kind": "summary", "epochs": a.epochs, "dtype": a.dtype, "torch_threads": a.torch_threads,
              "openblas_threads": os.environ.get("OPENBLAS_NUM_THREADS"),
              "loadavg_after_training": open("/proc/loadavg").read().split()[:3],
              "mean_epoch_seconds": round(sum(epoch_seconds) / len(epoch_seconds), 4),
              "mean_epoch_seconds_after_first":
                  round(sum(epoch_seconds[1:]) / (len(epoch_seconds) - 1), 4) if len(epoch_seconds) > 1 else None,
              "min_epoch_seconds": round(min(epoch_seconds), 4)}
    if not a.skip_test:
        model.eval()
        torch.manual_seed(a.seed + 1)
        t0 = time.perf_counter()
        with torch.no_grad():
            test_elbo = sum(model.elbo(x_test[i:i + 500]).sum().item()
                            for i in range(0, x_test.shape[0], 500)) / x_test.shape[0]
            ll = sum(model.log_likelihood_is(x_test[i:i + a.is_chunk], a.is_k).sum().item()
                     for i in range(0, x_test.shape[0], a.is_chunk)) / x_test.shape[0]
        result.update({"test_elbo": round(test_elbo, 4), "test_is_log_likelihood": round(ll, 4),
                       "is_k": a.is_k, "eval_seconds": round(time.perf_counter() - t0, 2)})
    emit(result)


if __name__ == "__main__":
    main()
