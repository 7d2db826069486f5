#!/usr/bin/env bash
# Installs the Nu HTML Checker (npm vnu-jar, pinned below) into a cache folder
# and prints the path of vnu.jar. The jar (33 MB) is too large to commit, so
# .ci/run calls this script and hands the path to the tests through
# BENICOMMUNITY_VNU_JAR. A second run finds the verified jar and does nothing.
#
# Usage: scripts/fetch-vnu.sh            (prints the jar's path)
# Env:   BENICOMMUNITY_CACHE  cache folder (default ~/.cache/benicommunity)
# Needs: npm, tar, openssl; running the jar needs Java 8 or newer.
set -euo pipefail

VERSION=24.10.17
INTEGRITY='sha512-YT7gNrRY5PiJrI1GavlWRHWIwqq2o52COc6J9QeXPfoldKRiZ9BeGP4shNLLaVfi0naA+/LMksdYWkKCr4pnVg=='

cache="${BENICOMMUNITY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/benicommunity}"
dir="$cache/vnu-jar@$VERSION"
jar="$dir/vnu.jar"

die() {
	echo "fetch-vnu: $*" >&2
	exit 1
}

if [[ -f "$jar" && -f "$dir/VERIFIED" ]]; then
	echo "$jar"
	exit 0
fi
for tool in npm tar openssl; do
	command -v "$tool" >/dev/null || die "missing tool: $tool"
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "vnu-jar@$VERSION" >/dev/null) || die "npm pack vnu-jar@$VERSION failed"
tgz="$work/vnu-jar-$VERSION.tgz"
[[ -f "$tgz" ]] || die "npm pack produced no tarball"
got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 | tr -d '\n')"
[[ "$got" == "$INTEGRITY" ]] || die "integrity mismatch: want $INTEGRITY, got $got"
tar -xzf "$tgz" -C "$work"
mkdir -p "$dir"
install -m 0644 "$work/package/build/dist/vnu.jar" "$jar"
install -m 0644 "$work/package/LICENSE" "$dir/LICENSE"
echo "vnu-jar@$VERSION $INTEGRITY" >"$dir/VERIFIED"
echo "$jar"
