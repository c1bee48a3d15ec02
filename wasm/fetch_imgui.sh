#!/usr/bin/env bash
# Unpacks Dear ImGui from Debian's source package `imgui` (1.86) into DIR
# (default: third_party/imgui at the repository root, git-ignored), unless
# DIR/imgui.h is already there. Nothing of it is committed and nothing comes
# from outside Debian's archive.
#
# A fresh Debian machine has no deb-src line: this adds one (a copy of the
# machine's debian.sources with `Types: deb-src`) and runs `apt-get update`
# before `apt-get source --download-only imgui`. Needs root (or sudo) only
# for that.
#   bash wasm/fetch_imgui.sh [DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="${1:-$root/third_party/imgui}"
[ -f "$dest/imgui.h" ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"

has_deb_src() {
  grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/
}
if ! has_deb_src; then
  src=/etc/apt/sources.list.d/debian.sources
  out=/etc/apt/sources.list.d/gort-deb-src.sources
  if [ -f "$src" ]; then
    sed -E 's/^Types:.*/Types: deb-src/' "$src" | $sudo tee "$out" >/dev/null
  else
    # Old-style sources.list: the same lines as deb-src.
    sed -nE 's/^deb (.*)/deb-src \1/p' /etc/apt/sources.list | $sudo tee "${out%.sources}.list" >/dev/null
  fi
  echo "fetch_imgui: added deb-src entries for Debian's archive" >&2
  $sudo apt-get update -qq
elif ! compgen -G "/var/lib/apt/lists/*_Sources*" >/dev/null; then
  $sudo apt-get update -qq
fi

need() { command -v "$1" >/dev/null || { source "$root/.ci/deps.sh"; need_packages "$2"; }; }
need dpkg-source dpkg-dev
need xz xz-utils

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# apt-get source as root drops to the _apt user for the download: let it write.
chmod 755 "$work"
(cd "$work" && apt-get source --download-only imgui >/dev/null 2>&1) || {
  (cd "$work" && $sudo apt-get update -qq && apt-get source --download-only imgui >/dev/null)
}
orig=$(ls "$work"/imgui_*.orig.tar.* | head -1)
mkdir -p "$dest.tmp"
tar -xf "$orig" -C "$dest.tmp" --strip-components=1
rm -rf "$dest"
mv "$dest.tmp" "$dest"
echo "fetch_imgui: $(basename "$orig") -> $dest" >&2
