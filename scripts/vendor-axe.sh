#!/usr/bin/env bash
# Re-creates internal/quality/testdata/axe-core@VERSION/ from the npm package
# pinned below. axe-core is a test tool: the files live under testdata and are
# embedded only by the quality tests, so they never ship in the binary.
#
# The tarball is fetched with `npm pack` and checked against the pinned npm
# dist.integrity (sha512) before anything is extracted. To move to a new
# version: change VERSION and INTEGRITY (`npm view axe-core@<v> dist.integrity`),
# run the script, update the embed path in internal/quality/axe_test.go and
# commit the result.
#
# Usage: scripts/vendor-axe.sh
# Needs: npm, tar, openssl, sha256sum.
set -euo pipefail

VERSION=4.10.2
INTEGRITY='sha512-RE3mdQ7P3FRSe7eqCWoeQ/Z9QXrtniSjp1wUjt5nRC3WIpz5rSCve6o3fsZ2aCpJtrZjSZgjwXAoTO5k4tEI0w=='

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/internal/quality/testdata/axe-core@$VERSION"

die() {
	echo "vendor-axe: $*" >&2
	exit 1
}
for tool in npm tar openssl sha256sum; do
	command -v "$tool" >/dev/null || die "missing tool: $tool"
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "axe-core@$VERSION" >/dev/null) || die "npm pack axe-core@$VERSION failed"
tgz="$work/axe-core-$VERSION.tgz"
[[ -f "$tgz" ]] || die "npm pack produced no tarball"
got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 | tr -d '\n')"
[[ "$got" == "$INTEGRITY" ]] || die "integrity mismatch: want $INTEGRITY, got $got"
tar -xzf "$tgz" -C "$work"

rm -rf "$root/internal/quality/testdata"/axe-core@*
mkdir -p "$dest"
install -m 0644 "$work/package/axe.min.js" "$dest/axe.min.js"
install -m 0644 "$work/package/LICENSE" "$dest/LICENSE"
sum="$(sha256sum "$dest/axe.min.js" | cut -d' ' -f1)"
cat >"$dest/MANIFEST.json" <<JSON
{
  "generator": "scripts/vendor-axe.sh",
  "package": "axe-core",
  "version": "$VERSION",
  "integrity": "$INTEGRITY",
  "license": "MPL-2.0",
  "use": "test only: injected into pages by internal/quality; not embedded in the binary",
  "files": [
    {"path": "axe.min.js", "source": "axe.min.js", "license": "MPL-2.0", "sha256": "$sum"},
    {"path": "LICENSE", "source": "LICENSE", "license": "MPL-2.0"}
  ]
}
JSON
echo "vendor-axe: wrote ${dest#"$root/"}"
