#!/usr/bin/env bash
# Installs the peers of elbo4j's side-by-side benchmarks on Debian 12 (run as root; idempotent):
#   - Stan 2.21 through Debian's r-cran-rstan (plus a C++ toolchain for Stan's model compile),
#   - PyTorch 1.13 through Debian's python3-torch (run with /usr/bin/python3),
#   - OpenBLAS (pthreads build) as the system BLAS/LAPACK, so that both R and PyTorch use it.
# Then it writes ~/.R/Makevars so that Stan models are compiled with -O3, and prints which BLAS
# R and PyTorch actually use.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  echo "install.sh: run as root (apt-get and update-alternatives need it)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Other processes (e.g. unattended installs) may hold the dpkg lock: wait for it rather than fail.
apt_opts=(-o DPkg::Lock::Timeout=900)
apt-get "${apt_opts[@]}" update
apt-get "${apt_opts[@]}" install -y --no-install-recommends \
  r-cran-rstan python3-torch python3-numpy libopenblas0-pthread \
  r-cran-jsonlite r-cran-codetools build-essential g++ make libboost-dev r-base-dev

# OpenBLAS as the active BLAS and LAPACK. Debian registers it under
# /usr/lib/x86_64-linux-gnu/openblas-pthread/ with a higher priority than the reference BLAS, but
# we set it explicitly so a system that had another choice pinned is corrected too.
arch=x86_64-linux-gnu
for lib in libblas.so.3 liblapack.so.3; do
  target=/usr/lib/$arch/openblas-pthread/$lib
  if [ ! -e "$target" ]; then
    echo "install.sh: $target missing after installing libopenblas0-pthread" >&2
    exit 1
  fi
  update-alternatives --set "$lib-$arch" "$target"
done
echo "== update-alternatives"
update-alternatives --display libblas.so.3-$arch | head -3
update-alternatives --display liblapack.so.3-$arch | head -3

# Stan's C++ compile flags: the R scripts here compile Stan models with -O3 by pointing R_MAKEVARS_USER
# at stan/Makevars (R's default CXX14FLAGS are -g -O2), for their own compiles only: nothing is written
# to ~/.R, so other R use on the machine is unchanged.
echo "== versions and BLAS in use"
/usr/bin/python3 - <<'PY'
import torch
print("torch", torch.__version__)
print(torch.__config__.show())
print("torch threads", torch.get_num_threads())
PY
# Which libblas the torch extension actually maps (Debian's torch links the system libblas.so.3).
/usr/bin/python3 -c "import torch, os; print(''.join(l for l in open('/proc/%d/maps' % os.getpid()) if 'blas' in l or 'lapack' in l))" \
  | awk '{print $6}' | sort -u
Rscript -e 'cat("rstan", as.character(packageVersion("rstan")), " StanHeaders", as.character(packageVersion("StanHeaders")), "\n"); print(sessionInfo()); print(extSoftVersion()["BLAS"]); print(La_library())'
