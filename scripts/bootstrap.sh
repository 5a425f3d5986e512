#!/usr/bin/env bash
# Installs what building, serving and testing ecs-atlas need, skipping whatever
# is already present at the right version. Safe to run again and again.
#
#   scripts/bootstrap.sh build   # wasm target, trunk, wasm-bindgen-cli, npm packages
#   scripts/bootstrap.sh test    # the above, plus Debian's Chromium
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
want=${1:-build}

say() { printf '\033[1mbootstrap:\033[0m %s\n' "$*"; }

# cargo-installed tools land here; make sure this shell and its children see them.
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (takes a few minutes, once)"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi

# The wasm-bindgen CLI must match the crate in Cargo.lock exactly. Its own lock
# file names a crate release the registry lacks, so no --locked here.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  say "installing wasm-bindgen-cli $bindgen_version (takes a few minutes, once)"
  cargo install --force "wasm-bindgen-cli@$bindgen_version"
fi
if ! grep -q "wasm_bindgen = \"$bindgen_version\"" Trunk.toml; then
  echo "Trunk.toml pins a wasm-bindgen other than Cargo.lock's $bindgen_version" >&2
  exit 1
fi

# wasm-opt comes from npm's binaryen 132; Debian's older binaryen produces
# modules that fail at load time.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (binaryen, playwright-core)"
  npm ci --no-audit --no-fund
fi

if [ "$want" = test ] && [ ! -x /usr/bin/chromium ]; then
  say "installing Debian's chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# Oracles the tests compare against, in a project-local virtualenv. botocore is
# pinned to the release the task definition schema was generated from.
BOTOCORE_VERSION=$(sed -n 's/^pub const BOTOCORE_VERSION: &str = "\(.*\)";/\1/p' crates/core/src/taskdef/schema/generated.rs)
if [ "$want" = test ]; then
  if [ ! -x .venv/bin/python ]; then
    say "creating the .venv for test oracles"
    python3 -m venv .venv
  fi
  if [ "$(.venv/bin/python -c 'import botocore; print(botocore.__version__)' 2>/dev/null)" != "$BOTOCORE_VERSION" ]; then
    say "installing botocore $BOTOCORE_VERSION"
    .venv/bin/pip install -q "botocore==$BOTOCORE_VERSION"
  fi
  if [ "$(.venv/bin/python -c 'import crossplane; print(crossplane.__version__)' 2>/dev/null)" != "0.5.8" ]; then
    say "installing crossplane 0.5.8"
    .venv/bin/pip install -q "crossplane==0.5.8"
  fi
  # Real nginx, the oracle for the checks, with every stock module Debian
  # builds as a dynamic one (stream, mail, geoip, image_filter, xslt, perl) so
  # the differential tests can load the whole stock directive set.
  NGINX_PACKAGES="nginx-light libnginx-mod-stream libnginx-mod-mail libnginx-mod-http-geoip
    libnginx-mod-stream-geoip libnginx-mod-http-image-filter libnginx-mod-http-xslt-filter
    libnginx-mod-http-perl"
  if ! command -v nginx >/dev/null 2>&1 || [ ! -e /usr/lib/nginx/modules/ngx_http_perl_module.so ]; then
    say "installing Debian's nginx and its stock dynamic modules"
    apt-get update -qq
    # shellcheck disable=SC2086 # the list is word-split on purpose
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $NGINX_PACKAGES >/dev/null
  fi
fi

cargo fetch --locked >/dev/null
