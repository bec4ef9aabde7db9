#!/usr/bin/python3
"""Prints the peer figures in results/ as Markdown tables (what README.md quotes).

Usage: /usr/bin/python3 summarize.py [RESULTS_DIR]
"""
import glob
import json
import os
import sys

res = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")


def load(name):
    path = os.path.join(res, name)
    return json.load(open(path)) if os.path.exists(path) else None


def jsonl(name):
    path = os.path.join(res, name)
    return [json.loads(l) for l in open(path)] if os.path.exists(path) else []


print("### Stan ADVI (rstan::vb meanfield, eta 0.1, no adaptation, eval_elbo 100, elbo_samples 100)\n")
print("| model | compile s | T(1k) s | T(10k) s | T(100k) s | marginal µs/step (wall) | (CPU) | load before |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
for name in ["eight_schools", "logistic_regression", "logistic_regression_glm"]:
    d = load("stan_advi_steps_%s.json" % name)
    if d:
        t = d["seconds_min"]
        print("| %s | %.1f | %s | %s | %s | %.2f | %.2f | %.2f |" % (
            d["model"], d["compile_s"], t[0], t[1], t[2], d["marginal_us_per_step"],
            d["marginal_cpu_us_per_step"], d["loadavg_before"][0]))

print("\n### PyTorch SVI loop (Adam, 1 thread, 20k steps, marginal from step 1000)\n")
print("| model | dtype | marginal µs/step (wall) | (CPU) | load after |")
print("| --- | --- | --- | --- | --- |")
for f in sorted(glob.glob(os.path.join(res, "torch_svi_*.json"))):
    d = json.load(open(f))
    print("| %s | %s | %.1f | %.1f | %s |" % (d["model"], d["dtype"], d["marginal_us_per_step"],
                                           d["marginal_cpu_us_per_step"], d["loadavg_after"][0]))

split = [r for r in jsonl("torch_vae_thread_split.jsonl") if r["kind"] == "summary"]
if split:
    print("\n### PyTorch VAE thread split (3-epoch runs, interleaved rounds; s/epoch)\n")
    print("The fastest epoch over all rounds is the one least disturbed by other work on the shared machine.\n")
    print("| dtype | torch threads | OpenBLAS threads | runs | fastest epoch s | per-run means (after the first epoch) |")
    print("| --- | --- | --- | --- | --- | --- |")
    keys = []
    for r in split:
        k = (r["dtype"], r["torch_threads"], r["openblas_threads"])
        if k not in keys:
            keys.append(k)
    for k in keys:
        runs = [r for r in split if (r["dtype"], r["torch_threads"], r["openblas_threads"]) == k]
        print("| %s | %s | %s | %d | %.3f | %s |" % (
            k[0], k[1], k[2], len(runs), min(r["min_epoch_seconds"] for r in runs),
            ", ".join("%.3f" % r["mean_epoch_seconds_after_first"] for r in runs)))

for dtype in ["float64", "float32"]:
    rows = jsonl("torch_vae_20epochs_%s.jsonl" % dtype)
    if not rows:
        continue
    cfg = rows[0]
    epochs = [r for r in rows if r["kind"] == "epoch"]
    s = rows[-1]
    print("\n### PyTorch VAE, %s, %d epochs (torch %s thread(s), OpenBLAS %s)\n" % (
        dtype, len(epochs), cfg["torch_threads"], cfg["openblas_threads"]))
    both = [e for e in epochs[1:] if e["cpu_seconds"] > 1.5 * e["seconds"]]
    print("mean s/epoch %.3f (after the first: %s, fastest %.3f); epochs 2..%d where both cores worked "
          "(CPU > 1.5 x wall): %d, mean %s s; train ELBO last epoch %.2f; test ELBO %s; "
          "IS log-likelihood (K=%s) %s; evaluation %s s" % (
              s["mean_epoch_seconds"], s["mean_epoch_seconds_after_first"], s["min_epoch_seconds"], len(epochs),
              len(both), "%.3f" % (sum(e["seconds"] for e in both) / len(both)) if both else "n/a",
              epochs[-1]["train_elbo"], s.get("test_elbo"), s.get("is_k"), s.get("test_is_log_likelihood"),
              s.get("eval_seconds")))

for alg in ["meanfield", "fullrank"]:
    d = load("stan_advi_accuracy_%s.json" % alg)
    if not d:
        continue
    print("\n### Stan ADVI %s accuracy vs posteriordb reference (defaults, seed %s)\n" % (alg, d["seed"]))
    print("| posterior | worst abs(Δmean)/sd | sd ratio min–max | k̂ | iterations | converged | vb s | compile s |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for p in d["posteriors"]:
        if "error" in p:
            print("| %s | failed: %s | | | | | %.2f | %.1f |" % (p["posterior"], p["error"][:90], p["vb_seconds"],
                                                             p["compile_s"]))
            continue
        print("| %s | %.2f (%s) | %.2f–%.2f | %s | %s | %s | %.2f | %.1f |" % (
            p["posterior"], p["worst_z"], p["worst_z_param"], p["min_sd_ratio"], p["max_sd_ratio"],
            p["pareto_k"], p["iterations"],
            p["converged"] + (" (at the iteration limit)" if p.get("max_iterations_reached") and
                              not p["converged"].startswith("no") else ""),
            p["vb_seconds"], p["compile_s"]))
