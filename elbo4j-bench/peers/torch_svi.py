#!/usr/bin/python3
"""Per-step cost of a "Pyro-style" stochastic VI loop written in plain PyTorch (the peer of elbo4j's SVI).

Usage: /usr/bin/python3 torch_svi.py MODEL DATA.json [--steps 100000] [--threads 1] [--dtype float64]
       [--lr 0.01] [--seed 1]
MODEL: eight_schools_noncentered | logistic_regression (the same models as stan/*.stan).

What one step does, the way a PyTorch user writes it (torch.distributions, requires_grad, backward):
  guide: mean-field Normal on the unconstrained scale, parameters loc and log_scale (softplus is Pyro's
         AutoNormal choice; exp is Stan's: we use exp, as Stan ADVI);
  z = loc + exp(log_scale) * eps, eps ~ N(0, I)       (1 reparameterized draw per step)
  tau = exp(z_tau) with log-Jacobian z_tau added to log p  (eight schools only)
  loss = -(log p(y, z) - log q(z))                    (Pyro's Trace_ELBO: log q of the draw, no analytic entropy)
  loss.backward(); Adam(lr).step()                    (Adam, as Pyro users do; lr 0.01 by default)
No ELBO evaluation beyond the loss of each step (unlike Stan's vb, which spends elbo_samples log-density
evaluations every eval_elbo steps).

Timing: time.perf_counter() after step 1000 and after the last step; the marginal per-step cost is
(T(steps) - T(1000)) / (steps - 1000) in microseconds, so start-up and warm-up do not count; reported in
wall-clock time and in process CPU time (time.process_time: the same with 1 thread on a quiet machine, and
not inflated by other processes on a shared one; with more threads it adds up all threads).
Prints one JSON object on stdout, with the fitted means/sds on the constrained scale as a sanity check
(means of 1000 draws from q).
"""
import argparse
import json
import os
import platform
import sys
import time


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("model", choices=["eight_schools_noncentered", "logistic_regression"])
    p.add_argument("data")
    p.add_argument("--steps", type=int, default=100000)
    p.add_argument("--threads", type=int, default=1, help="torch.set_num_threads")
    p.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    if a.steps <= 1000:
        p.error("--steps must be > 1000 (the marginal cost is measured from step 1000), got %d" % a.steps)
    if a.threads < 1:
        p.error("--threads must be >= 1, got %d" % a.threads)
    return a


def main():
    a = parse_args()
    import torch
    import torch.distributions as dist

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    dtype = getattr(torch, a.dtype)
    with open(a.data) as f:
        data = json.load(f)

    if a.model == "eight_schools_noncentered":
        J = int(data["J"])
        y = torch.tensor(data["y"], dtype=dtype)
        sigma = torch.tensor(data["sigma"], dtype=dtype)
        dim = J + 2
        names = ["theta_trans[%d]" % (j + 1) for j in range(J)] + ["mu", "tau"]
        normal_0_5 = dist.Normal(torch.tensor(0.0, dtype=dtype), torch.tensor(5.0, dtype=dtype))
        half_cauchy = dist.HalfCauchy(torch.tensor(5.0, dtype=dtype))
        std_normal = dist.Normal(torch.zeros(J, dtype=dtype), torch.ones(J, dtype=dtype))

        def constrain(z):
            return z[..., :J], z[..., J], torch.exp(z[..., J + 1])

        def log_joint(z):
            theta_trans, mu, tau = constrain(z)
            theta = theta_trans * tau + mu
            return (std_normal.log_prob(theta_trans).sum()
                    + dist.Normal(theta, sigma).log_prob(y).sum()
                    + normal_0_5.log_prob(mu)
                    + half_cauchy.log_prob(tau)
                    + z[J + 1])                      # log |d tau / d log tau|

        def summary(draws):
            theta_trans, mu, tau = constrain(draws)
            cols = torch.cat([theta_trans, mu[:, None], tau[:, None]], dim=1)
            return cols
    else:
        N, D = int(data["N"]), int(data["D"])
        x = torch.tensor(data["x"], dtype=dtype)
        y = torch.tensor(data["y"], dtype=dtype)
        if x.shape != (N, D) or y.shape != (N,):
            raise ValueError("%s: x must be %dx%d and y of length %d, got %s and %s"
                             % (a.data, N, D, N, tuple(x.shape), tuple(y.shape)))
        dim = D + 1
        names = ["alpha"] + ["beta[%d]" % (d + 1) for d in range(D)]
        prior_alpha = dist.Normal(torch.tensor(0.0, dtype=dtype), torch.tensor(10.0, dtype=dtype))
        prior_beta = dist.Normal(torch.zeros(D, dtype=dtype), torch.full((D,), 2.5, dtype=dtype))

        def log_joint(z):
            alpha, beta = z[0], z[1:]
            return (prior_alpha.log_prob(alpha) + prior_beta.log_prob(beta).sum()
                    + dist.Bernoulli(logits=alpha + x @ beta).log_prob(y).sum())

        def summary(draws):
            return draws

    loc = torch.zeros(dim, dtype=dtype, requires_grad=True)
    log_scale = torch.zeros(dim, dtype=dtype, requires_grad=True)
    opt = torch.optim.Adam([loc, log_scale], lr=a.lr)

    losses = []
    t_start, c_start = time.perf_counter(), time.process_time()
    t_1000 = c_1000 = None
    for step in range(1, a.steps + 1):
        opt.zero_grad()
        q = dist.Normal(loc, torch.exp(log_scale))
        z = q.rsample()
        loss = -(log_joint(z) - q.log_prob(z).sum())
        loss.backward()
        opt.step()
        if step > a.steps - 1000:
            losses.append(loss.item())
        if step == 1000:
            t_1000, c_1000 = time.perf_counter(), time.process_time()
    t_end, c_end = time.perf_counter(), time.process_time()

    with torch.no_grad():
        draws = summary(dist.Normal(loc, torch.exp(log_scale)).sample((1000,)))
        means, sds = draws.mean(0).tolist(), draws.std(0).tolist()

    out = {
        "peer": "torch-svi",
        "model": a.model,
        "data": os.path.basename(a.data),
        "torch": torch.__version__,
        "python": platform.python_version(),
        "dtype": a.dtype,
        "torch_threads": torch.get_num_threads(),
        "openblas_threads_env": os.environ.get("OPENBLAS_NUM_THREADS"),
        "optimizer": "Adam(lr=%g)" % a.lr,
        "guide": "mean-field Normal on the unconstrained scale (loc, exp(log_scale)), 1 rsample per step",
        "steps": a.steps,
        "seed": a.seed,
        "seconds_total": round(t_end - t_start, 4),
        "seconds_first_1000": round(t_1000 - t_start, 4),
        "marginal_us_per_step": round((t_end - t_1000) / (a.steps - 1000) * 1e6, 3),
        "marginal_cpu_us_per_step": round((c_end - c_1000) / (a.steps - 1000) * 1e6, 3),
        "mean_loss_last_1000": sum(losses) / len(losses),
        "posterior_mean": dict(zip(names, [round(v, 4) for v in means])),
        "posterior_sd": dict(zip(names, [round(v, 4) for v in sds])),
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "loadavg_after": open("/proc/loadavg").read().split()[:3],
    }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
