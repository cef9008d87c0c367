#!/usr/bin/env bash
# The release binary (make release) in an empty root: a chroot that holds only that binary (plus
# libc, libm and the loader when it is dynamic; any other library fails the test) and a copy of
# examples/shop-prototype. Its JSON report must equal the normal build's on the same copy.
# Also prints the binary's size and the glibc it needs. Exit 77 (skipped) without the release
# binary or without the rights to chroot.
#   RELEASE_BIN  the binary under test (default: build-release/agentlens)
#   BUILD        the normal build directory (default: build)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${RELEASE_BIN:-$root/build-release/agentlens}"
normal="${BUILD:-$root/build}/agentlens"
if [[ ! -x "$bin" ]]; then
  echo "skipped: no release binary at $bin (make release, or make test-release)"
  exit 77
fi
[[ -x "$normal" ]] || { echo "no normal build at $normal" >&2; exit 1; }
chroot_bin="$(command -v chroot || echo /usr/sbin/chroot)"
chroot_cmd=("$chroot_bin")
if [[ $(id -u) -ne 0 ]]; then
  if unshare -r true 2>/dev/null; then chroot_cmd=("$(command -v unshare)" -r "$chroot_bin"); else
    echo "skipped: chroot needs root or user namespaces"; exit 77; fi
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
jail="$tmp/jail"
mkdir -p "$jail/work"
cp "$bin" "$jail/agentlens"
cp -r "$root/examples/shop-prototype" "$jail/work/shop-prototype"

# The libraries it needs: none (static), or only the C library's own.
size=$(stat -c %s "$bin")
if ldd_out=$(ldd "$bin" 2>&1) && ! grep -q 'not a dynamic executable\|statically linked' <<<"$ldd_out"; then
  while read -r lib; do
    case "$(basename "$lib")" in
      libc.so.*|libm.so.*|ld-linux*.so.*) ;;
      *) echo "FAIL: the release binary needs $lib (only libc, libm and the loader are allowed)" >&2; exit 1 ;;
    esac
    mkdir -p "$jail$(dirname "$lib")"
    cp -L "$lib" "$jail$lib"
  done < <(grep -o '/[^ ]*' <<<"$ldd_out" | sort -u)
  glibc=$(objdump -T "$bin" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)
  echo "release binary: $size bytes, dynamic, needs $glibc"
else
  echo "release binary: $size bytes, static"
fi

# Same copy, same relative path, same environment: the reports must be equal.
run_env=(env -i PATH=/ HOME=/nonexistent AGENTLENS_CACHE_DIR=/nonexistent)
set +e
(cd "$jail" && "${run_env[@]}" "$normal" check work/shop-prototype --format json --no-cache -q) >"$tmp/normal.json"
rc_normal=$?
"${run_env[@]}" "${chroot_cmd[@]}" "$jail" /agentlens check work/shop-prototype --format json --no-cache -q >"$tmp/release.json" 2>"$tmp/release.err"
rc_release=$?
set -e
if [[ $rc_release -gt 1 ]]; then
  echo "FAIL: release binary exited $rc_release in the chroot:" >&2
  cat "$tmp/release.err" >&2
  exit 1
fi
[[ $rc_normal -eq $rc_release ]] || { echo "FAIL: exit status $rc_release, normal build $rc_normal" >&2; exit 1; }
python3 - "$tmp/normal.json" "$tmp/release.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
if a != b:
    for k in sorted(set(a) | set(b)):
        if a.get(k) != b.get(k):
            print(f"FAIL: reports differ in '{k}'", file=sys.stderr)
    sys.exit(1)
print(f"release report == normal report ({len(a['findings'])} findings, score {a['readiness']['score']})")
PY
