#!/usr/bin/env bash
# Every test layer of ecs-atlas, in order; prints each layer's result and exits
# non-zero if any failed. This is what `make test` and CI run.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

results=()
failed=0
layer() {
  local name=$1
  shift
  printf '\n\033[1m=== %s\033[0m\n' "$name"
  local start=$SECONDS
  if "$@"; then
    results+=("PASS  $name ($((SECONDS - start))s)")
  else
    results+=("FAIL  $name ($((SECONDS - start))s)")
    failed=1
  fi
}
skip() {
  results+=("SKIP  $1 ($2)")
  failed=1
}

layer "tools" bash scripts/bootstrap.sh test || true
if [[ ${results[-1]} == FAIL* ]]; then
  printf '%s\n' "${results[@]}"
  exit 1
fi

layer "format" cargo fmt --all --check
layer "clippy (native)" cargo clippy --workspace --all-targets --locked -- -D warnings
layer "clippy (wasm)" cargo clippy -p ecs-atlas --target wasm32-unknown-unknown --locked -- -D warnings
layer "native tests (cargo test --workspace)" cargo test --workspace --locked

botocore_differential() {
  .venv/bin/python scripts/gen_ecs_schema.py --check &&
    cargo build --quiet --locked -p ecs-atlas-cli &&
    .venv/bin/python tests/botocore/differential.py target/debug/ecs-atlas
}
layer "botocore differential (schema checks vs the AWS CLI's validation)" botocore_differential

nginx_differentials() {
  cargo build --quiet --locked -p ecs-atlas-cli &&
    .venv/bin/python tests/crossplane/differential.py target/debug/ecs-atlas &&
    .venv/bin/python tests/nginx/differential.py target/debug/ecs-atlas &&
    .venv/bin/python tests/nginx/regex_differential.py target/debug/ecs-atlas &&
    .venv/bin/python tests/nginx/corpus_differential.py target/debug/ecs-atlas
}
layer "nginx differentials (crossplane on the corpus; nginx -t on broken configs and on the corpus)" nginx_differentials

site_tests() {
  local dist=$1 prefix=$2
  E2E_DIST=$dist E2E_PREFIX=$prefix node --test --test-concurrency=1 tests/e2e/
}

if layer "site build (release)" trunk build --release --offline --dist dist; then
  layer "browser tests (site at /)" site_tests dist /
else
  skip "browser tests (site at /)" "no site"
fi

if layer "site build (release, public URL /ecs-atlas/)" \
  trunk build --release --offline --public-url /ecs-atlas/ --dist dist-subpath; then
  layer "browser tests (site at /ecs-atlas/)" site_tests dist-subpath /ecs-atlas/
else
  skip "browser tests (site at /ecs-atlas/)" "no site"
fi

if [ -d dist ]; then
  printf '\n\033[1m=== size of the built site\033[0m\n'
  node scripts/size.mjs dist
fi

printf '\n\033[1m=== summary\033[0m\n'
printf '%s\n' "${results[@]}"
passed=$(printf '%s\n' "${results[@]}" | grep -c '^PASS')
failures=$(printf '%s\n' "${results[@]}" | grep -vc '^PASS')
echo "layers: $passed passed, $failures failed"
exit $failed
