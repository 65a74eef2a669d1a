#!/usr/bin/env python3
"""The reference Monte Carlo in numpy, for the side-by-side timing: Poisson(10) x lognormal(10, 2).

Usage: lda_numpy.py [years=10000000] [seed=7]. Prints the seconds it took and VaR/ES at 99.9%
(inverted-CDF quantile, the engine's definition). numpy is single-threaded here; chunks of
years bound the memory.
"""
import sys
import time

import numpy as np

years = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 7
chunk = 1_000_000

start = time.perf_counter()
rng = np.random.default_rng(seed)
losses = np.empty(years)
for first in range(0, years, chunk):
    n = min(chunk, years - first)
    counts = rng.poisson(10.0, size=n)
    severities = rng.lognormal(10.0, 2.0, size=int(counts.sum()))
    owners = np.repeat(np.arange(n), counts)
    losses[first:first + n] = np.bincount(owners, weights=severities, minlength=n)
var = np.quantile(losses, 0.999, method="inverted_cdf")
es = losses[losses >= var].mean()
elapsed = time.perf_counter() - start
print(f"numpy {np.__version__}: {years} years in {elapsed:.2f} s;"
      f" {years * 10 / elapsed / 1e6:.1f} M losses/s; VaR99.9 {var:,.0f}, ES99.9 {es:,.0f},"
      f" EL {losses.mean():,.0f}")
