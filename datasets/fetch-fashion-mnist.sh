#!/usr/bin/env bash
# Makes sure Fashion-MNIST (Zalando, MIT licence) is on this machine, from Debian's package
# dataset-fashion-mnist, and prints the folder that holds its four IDX files.
# Idempotent: does nothing but check when the files are already there. Installs only that
# package through apt (as root, or through passwordless sudo); downloads nothing else.
set -euo pipefail

readonly PACKAGE=dataset-fashion-mnist
readonly DIR=/usr/share/datasets/fashion-mnist
readonly FILES=(train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz
                t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz)

all_present() {
  local f
  for f in "${FILES[@]}"; do
    [[ -s "$DIR/$f" ]] || return 1
  done
}

install_package() {
  local -a as_root=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      as_root=(sudo -n)
    else
      echo "fetch-fashion-mnist: $PACKAGE is not installed; run: sudo apt-get update && sudo apt-get install -y $PACKAGE" >&2
      exit 1
    fi
  fi
  echo "fetch-fashion-mnist: installing $PACKAGE with apt-get" >&2
  "${as_root[@]}" apt-get update >&2
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "$PACKAGE" >&2
}

if ! all_present; then
  install_package
  if ! all_present; then
    echo "fetch-fashion-mnist: $PACKAGE is installed but $DIR lacks one of: ${FILES[*]}" >&2
    exit 1
  fi
fi
echo "$DIR"
