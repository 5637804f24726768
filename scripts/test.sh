#!/usr/bin/env bash
# The test command: the Rust unit and integration tests, then the Python
# client test against the freshly built binary. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --locked --all-targets
# `cargo test` built target/debug/khabar for the integration tests.
bash tests/python/run.sh target/debug/khabar
