#!/usr/bin/env bash
# Re-creates internal/assets/static/vendor/ from npm packages pinned below.
#
# The vendored files and MANIFEST.json are committed, so building the binary
# never needs npm; only this script does. Each tarball is fetched with
# `npm pack`, checked against the pinned npm dist.integrity (sha512) before
# anything is extracted, and only the files listed here are copied.
#
# To move to a new version: change the version in the `take` call below, set
# its integrity to the output of `npm view <package>@<version> dist.integrity`,
# review the file list, run the script and commit the result.
#
# Usage: scripts/vendor-frontend.sh
# Needs: npm, tar, openssl, sha256sum.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
vendor_dir="$root/internal/assets/static/vendor"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The new tree is built aside and swapped in only when every package has
# been verified, so a failed run leaves the committed files untouched.
out="$work/vendor"
mkdir -p "$out"

die() {
	echo "vendor-frontend: $*" >&2
	exit 1
}

for tool in npm tar openssl sha256sum; do
	command -v "$tool" >/dev/null || die "missing tool: $tool"
done

# fetch PACKAGE VERSION INTEGRITY: downloads the tarball, verifies it and
# extracts it into $work/PACKAGE@VERSION/package.
fetch() {
	local pkg="$1" version="$2" want="$3"
	local dir="$work/$pkg@$version"
	mkdir -p "$dir"
	(cd "$dir" && npm pack --silent "$pkg@$version" >/dev/null) ||
		die "npm pack $pkg@$version failed"
	local tgz
	tgz="$(find "$dir" -maxdepth 1 -name '*.tgz' -print -quit)"
	[[ -n "$tgz" ]] || die "npm pack $pkg@$version produced no tarball"
	local got
	got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 | tr -d '\n')"
	[[ "$got" == "$want" ]] ||
		die "$pkg@$version integrity mismatch: want $want, got $got"
	tar -xzf "$tgz" -C "$dir"
}

# Manifest entries are accumulated as JSON text; every value comes from this
# script or from sha256sum, so none needs escaping.
manifest_packages=()

# take PACKAGE VERSION INTEGRITY LICENSE ENTRY...: each ENTRY is
# "source-path-in-package|destination-path|licence of that file".
take() {
	local pkg="$1" version="$2" integrity="$3" license="$4"
	shift 4
	fetch "$pkg" "$version" "$integrity"
	local src_root="$work/$pkg@$version/package"
	local dest_root="$out/$pkg@$version"
	local files=() entry src dest file_license sum
	for entry in "$@"; do
		IFS='|' read -r src dest file_license <<<"$entry"
		[[ -f "$src_root/$src" ]] || die "$pkg@$version has no file $src"
		install -D -m 0644 "$src_root/$src" "$dest_root/$dest"
		sum="$(sha256sum "$dest_root/$dest" | cut -d' ' -f1)"
		files+=("$(printf '        {"path": "%s", "source": "%s", "license": "%s", "sha256": "%s"}' \
			"$dest" "$src" "$file_license" "$sum")")
	done
	local joined
	joined="$(printf '%s,\n' "${files[@]}")"
	manifest_packages+=("$(printf '    {\n      "package": "%s",\n      "version": "%s",\n      "integrity": "%s",\n      "license": "%s",\n      "directory": "%s@%s",\n      "files": [\n%s\n      ]\n    }' \
		"$pkg" "$version" "$integrity" "$license" "$pkg" "$version" "${joined%,}")")
}

bi_fonts="dist/fonts"
# The JS bundle is left out on purpose: its font loader injects inline styles
# that the Content-Security-Policy blocks; fonts come from css/fonts.css.
take bootstrap-italia 2.18.3 \
	'sha512-dz4kNtcAYJF4OsWABT9m3CAT3NH5y6OzGG+v/VUGH1LjumIUmlP3GaQ+aHgtv5Vw3B5dS0jbHZiHGSfdu+DffA==' \
	BSD-3-Clause \
	'LICENSE|LICENSE|BSD-3-Clause' \
	'dist/css/bootstrap-italia.min.css|css/bootstrap-italia.min.css|BSD-3-Clause' \
	'dist/svg/sprites.svg|svg/sprites.svg|BSD-3-Clause' \
	"$bi_fonts/Titillium_Web/OFL.txt|fonts/Titillium_Web/OFL.txt|OFL-1.1" \
	"$bi_fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-300.woff2|fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-300.woff2|OFL-1.1" \
	"$bi_fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-regular.woff2|fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-regular.woff2|OFL-1.1" \
	"$bi_fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-italic.woff2|fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-italic.woff2|OFL-1.1" \
	"$bi_fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-600.woff2|fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-600.woff2|OFL-1.1" \
	"$bi_fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-700.woff2|fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-700.woff2|OFL-1.1" \
	"$bi_fonts/Lora/OFL.txt|fonts/Lora/OFL.txt|OFL-1.1" \
	"$bi_fonts/Lora/lora-v20-latin-ext_latin-regular.woff2|fonts/Lora/lora-v20-latin-ext_latin-regular.woff2|OFL-1.1" \
	"$bi_fonts/Lora/lora-v20-latin-ext_latin-700.woff2|fonts/Lora/lora-v20-latin-ext_latin-700.woff2|OFL-1.1" \
	"$bi_fonts/Roboto_Mono/LICENSE.txt|fonts/Roboto_Mono/LICENSE.txt|Apache-2.0" \
	"$bi_fonts/Roboto_Mono/roboto-mono-v13-latin-ext_latin-regular.woff2|fonts/Roboto_Mono/roboto-mono-v13-latin-ext_latin-regular.woff2|Apache-2.0"

# Leaflet draws the optional interactive map of /rete (only when an operator
# configures a tile server). Its CSS refers to the layer-control and default
# marker images, so they come along even though the map uses circle markers.
take leaflet 1.9.4 \
	'sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==' \
	BSD-2-Clause \
	'LICENSE|LICENSE|BSD-2-Clause' \
	'dist/leaflet.js|leaflet.js|BSD-2-Clause' \
	'dist/leaflet.css|leaflet.css|BSD-2-Clause' \
	'dist/images/layers.png|images/layers.png|BSD-2-Clause' \
	'dist/images/layers-2x.png|images/layers-2x.png|BSD-2-Clause' \
	'dist/images/marker-icon.png|images/marker-icon.png|BSD-2-Clause' \
	'dist/images/marker-icon-2x.png|images/marker-icon-2x.png|BSD-2-Clause' \
	'dist/images/marker-shadow.png|images/marker-shadow.png|BSD-2-Clause'

{
	printf '{\n  "generator": "scripts/vendor-frontend.sh",\n  "packages": [\n'
	printf '%s,\n' "${manifest_packages[@]}" | sed '$ s/,$//'
	printf '  ]\n}\n'
} >"$out/MANIFEST.json"

# The whole vendor tree belongs to this script: replacing it makes files
# dropped from the lists above disappear too.
rm -rf "$vendor_dir"
mkdir -p "$(dirname "$vendor_dir")"
cp -R "$out" "$vendor_dir"

echo "vendor-frontend: wrote $(find "$vendor_dir" -type f | wc -l) files under ${vendor_dir#"$root/"}"
