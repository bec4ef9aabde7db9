#!/usr/bin/env python3
"""One row per ablation variant: median/max worst |dmean|/sd (all, full rank, mean-field), wrong and trusted-but-off
fits, gradient evaluations and CPU. Usage: python3 ablation_table.py OUT (OUT/<variant>/check.json, as ablation.sh
writes them)."""
import sys
import jsonio
import json, os, statistics as st
root=sys.argv[1]
vs=[v for v in ['default','no-laplace','one-particle','no-anneal','one-restart','no-stl'] if jsonio.exists(f'{root}/{v}/check.json')]
print('| variant | median worst \\|Δmean\\|/sd, 20 fits | full rank: median / max | mean-field: median / max | wrong (> 0.5 sd off, or an sd outside [0.5, 2]) | trusted and > 0.1 sd off | gradient evaluations, median per fit | fit CPU, s (all 20) |')
print('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
for v in vs:
    P=jsonio.load(f'{root}/{v}/check.json')['posteriors']
    z=[p['worst_z'] for p in P]; fr=[p['worst_z'] for p in P if p['guide']=='fullrank']; mf=[p['worst_z'] for p in P if p['guide']=='meanfield']
    bad=sum(1 for p in P if p['worst_z']>0.5 or not (0.5<=p['min_sd_ratio'] and p['max_sd_ratio']<=2))
    tb=sum(1 for p in P if str(p['verdict']).startswith('trusted') and p['worst_z']>0.1)
    g=st.median(p['gradient_evaluations'] for p in P); cpu=sum(p['cpu_seconds'] for p in P)
    print(f'| {v} | {st.median(z):.3f} | {st.median(fr):.3f} / {max(fr):.3f} | {st.median(mf):.3f} / {max(mf):.3f} | {bad} | {tb} | {g:,.0f} | {cpu:.1f} |')
