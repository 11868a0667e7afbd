#!/usr/bin/env bash
# Release and supply-chain checks (issue 20), run by .ci/run:
#  1. every workflow (the repository's and the one `brief new` writes) passes zizmor with
#     no findings and validates against GitHub's workflow schema;
#  2. release.yml is exactly `dist generate` + .github/harden_release.py;
#  3. `dist plan` lists every target; `dist build` makes the Linux archives (glibc and
#     static musl), whose brief prints its version and commit and builds the flagship
#     (the same bytes from both);
#  4. the install step of the workflow `brief new` writes, run against that archive
#     served on localhost: it installs with the right checksum and refuses a wrong one
#     or a missing release; brief-installer.sh installs from the same place.
# Needs: python3 with pip, cargo, network access to PyPI and crates.io.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
scratch=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
dist_version=$(sed -n 's/^cargo-dist-version = "\(.*\)"$/\1/p' dist-workspace.toml)
[ -n "$version" ] && [ -n "$dist_version" ] || fail "no version in Cargo.toml or dist-workspace.toml"

echo "-- tools: zizmor, check-jsonschema (PyPI), cargo-dist $dist_version (crates.io)"
python3 -m pip install --quiet --disable-pip-version-check zizmor==1.32.0 check-jsonschema==0.39.0
if ! dist --version 2>/dev/null | grep -qx "cargo-dist $dist_version"; then
  cargo install --quiet --locked cargo-dist --version "$dist_version"
fi

echo "-- the workflow \`brief new\` writes"
brief_bin=${BRIEF_BIN:-target/release/brief}
[ -x "$brief_bin" ] || cargo build --release --quiet
"$brief_bin" --quiet new "$scratch/new-site"
new_workflow="$scratch/new-site/.github/workflows/pages.yml"
grep -q "EDIT ME" -r "$scratch/new-site" && fail "a new site contains EDIT ME"
grep -qx "  BRIEF_VERSION: \"$version\"" "$new_workflow" || fail "new site's workflow does not pin brief $version"

echo "-- zizmor and the GitHub workflow schema, on every workflow"
workflows=(.github/workflows/*.yml "$new_workflow")
for wf in "${workflows[@]}"; do
  # Exit code 0: no findings at the default persona (10 and above: findings).
  zizmor --no-progress "$wf" >"$scratch/zizmor.txt" 2>&1 || { cat "$scratch/zizmor.txt"; fail "zizmor: $wf"; }
  check-jsonschema --builtin-schema vendor.github-workflows "$wf" >/dev/null || fail "schema: $wf"
  echo "   ok  $wf"
done

echo "-- release.yml is dist generate + harden_release.py"
mkdir "$scratch/regen"
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$scratch/regen"
# allow-dirty = ["ci"] stops dist from rewriting release.yml; the scratch copy drops it.
(cd "$scratch/regen" && sed -i '/^allow-dirty = /d' dist-workspace.toml && rm .github/workflows/release.yml \
  && dist generate >/dev/null && python3 .github/harden_release.py)
diff -u "$scratch/regen/.github/workflows/release.yml" .github/workflows/release.yml \
  || fail "release.yml differs from dist generate + .github/harden_release.py"

echo "-- dist plan lists every target"
dist plan >"$scratch/plan.txt"
for target in x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu x86_64-unknown-linux-musl \
  aarch64-unknown-linux-musl aarch64-apple-darwin x86_64-apple-darwin x86_64-pc-windows-msvc; do
  grep -q "brief-$target\.\(tar\.xz\|zip\)$" "$scratch/plan.txt" || fail "dist plan lacks $target"
  grep -q "brief-$target\.\(tar\.xz\|zip\)\.sha256$" "$scratch/plan.txt" || fail "no checksum for $target"
done
grep -q "brief-installer.sh$" "$scratch/plan.txt" || fail "no shell installer"
grep -q "brief-installer.ps1$" "$scratch/plan.txt" || fail "no PowerShell installer"

echo "-- dist build: the Linux archive"
target=x86_64-unknown-linux-gnu
archive="brief-$target.tar.xz"
rm -rf target/distrib
dist build --artifacts=local --target="$target" >/dev/null
dist build --artifacts=global >/dev/null
distrib="$root/target/distrib"
for f in "$archive" "$archive.sha256" brief-installer.sh brief-installer.ps1 sha256.sum; do
  [ -s "$distrib/$f" ] || fail "dist build did not make $f"
done
(cd "$distrib" && sha256sum --check --strict --quiet "$archive.sha256") || fail "archive checksum"
mkdir "$scratch/unpacked"
tar --extract --xz --file "$distrib/$archive" -C "$scratch/unpacked"
for f in brief README.md LICENSE CHANGELOG.md; do
  [ -e "$scratch/unpacked/brief-$target/$f" ] || fail "$archive lacks $f"
done
unpacked="$scratch/unpacked/brief-$target/brief"
"$unpacked" --version | tee "$scratch/version.txt"
grep -Eqx "brief $version \(commit [0-9a-f]{12}, [0-9]{4}-[0-9]{2}-[0-9]{2}\)" "$scratch/version.txt" \
  || fail "--version does not name the version and commit"
"$unpacked" --quiet build --output "$scratch/flagship"
[ -s "$scratch/flagship/index.html" ] && [ -s "$scratch/flagship/data/events.json" ] \
  || fail "the released binary did not build the flagship"
grep -q '"source_path"' "$scratch/flagship/data/events.json" || fail "flagship has no events"

echo "-- the static musl archive: builds, runs, and makes the same site byte for byte"
rustup target add x86_64-unknown-linux-musl >/dev/null 2>&1 || fail "rustup target add x86_64-unknown-linux-musl"
if ! command -v musl-gcc >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq musl-tools >/dev/null
fi
dist build --artifacts=local --target=x86_64-unknown-linux-musl >/dev/null
tar --extract --xz --file "$distrib/brief-x86_64-unknown-linux-musl.tar.xz" -C "$scratch/unpacked"
static="$scratch/unpacked/brief-x86_64-unknown-linux-musl/brief"
# Static: no program interpreter (the dynamic loader) in its ELF headers.
if readelf --program-headers "$static" | grep -q INTERP; then fail "the musl binary is not static"; fi
"$static" --version | grep -q "brief $version (commit " || fail "musl --version"
"$static" --quiet build --output "$scratch/flagship-musl"
diff -r "$scratch/flagship" "$scratch/flagship-musl" >/dev/null || fail "musl and glibc builds differ"

echo "-- the new site's install step, against the archive on localhost"
releases="$scratch/releases"
mkdir -p "$releases/v$version"
cp "$distrib/$archive" "$distrib/$archive.sha256" "$releases/v$version/"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$releases" >/dev/null 2>&1 &
server_pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
python3 - "$new_workflow" >"$scratch/install.sh" <<'EOF'
import sys
from ruamel.yaml import YAML
wf = YAML(typ="safe").load(open(sys.argv[1], encoding="utf-8"))
steps = [s for s in wf["jobs"]["build"]["steps"] if s.get("name") == "Install brief"]
assert len(steps) == 1, "no 'Install brief' step"
print(steps[0]["run"])
EOF
try_install() { # $1: version to ask for; runs the step as GitHub would (bash -e)
  local runner="$scratch/runner-$1-$RANDOM"
  mkdir -p "$runner"
  BRIEF_RELEASES="http://127.0.0.1:$port" BRIEF_VERSION="$1" RUNNER_TEMP="$runner" \
    bash -e "$scratch/install.sh" >"$scratch/install.log" 2>&1 && echo "$runner"
}
runner=$(try_install "$version") || { cat "$scratch/install.log"; fail "install step failed"; }
"$runner/brief-$target/brief" --version | grep -q "brief $version" || fail "installed brief"
echo "   ok  installs brief $version with its checksum"
echo "-- the install script (brief-installer.sh), against the archive on localhost"
mkdir -p "$scratch/home"
HOME="$scratch/home" BRIEF_DOWNLOAD_URL="http://127.0.0.1:$port/v$version" \
  BRIEF_INSTALL_DIR="$scratch/home/bin" BRIEF_NO_MODIFY_PATH=1 \
  sh "$distrib/brief-installer.sh" >"$scratch/installer.log" 2>&1 \
  || { cat "$scratch/installer.log"; fail "brief-installer.sh failed"; }
"$scratch/home/bin/brief" --version | grep -q "brief $version" || fail "brief-installer.sh installed no brief"
echo "   ok  brief-installer.sh installs brief $version"
if try_install "0.0.0-missing" >/dev/null; then fail "install step accepted a missing release"; fi
echo "   ok  refuses a missing release"
printf '0%.0s' $(seq 64) >"$scratch/bad"
echo "  $archive" >>"$scratch/bad"
cp "$scratch/bad" "$releases/v$version/$archive.sha256"
if try_install "$version" >/dev/null; then fail "install step accepted a wrong checksum"; fi
grep -q "FAILED" "$scratch/install.log" || { cat "$scratch/install.log"; fail "no checksum failure reported"; }
echo "   ok  refuses a wrong checksum"
echo "release checks: all passed"
