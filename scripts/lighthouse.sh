#!/usr/bin/env bash
# Measures the site with Lighthouse (npm lighthouse, pinned below) in Debian's
# headless Chromium and writes the results into docs/quality.md, between the
# "lighthouse:begin" and "lighthouse:end" markers. Not a gate: the figures
# are published; docs/quality.md says what the targets are.
#
# It builds the binary, serves the default network from a throw-away SQLite
# file on a free local port, and audits the home page, a stage page, /rete
# (when the site has it) and a form page (the /enti filter), each on mobile
# (Lighthouse's default: Moto G class phone, slow 4G, simulated) and desktop.
#
# Usage: scripts/lighthouse.sh
# Env:   BENICOMMUNITY_CACHE  where lighthouse is installed (default ~/.cache/benicommunity)
#        BENICOMMUNITY_CHROMIUM  the browser (default /usr/bin/chromium)
# Needs: go, node 18+, npm.
set -euo pipefail

VERSION=12.2.3
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${BENICOMMUNITY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/benicommunity}"
lh_dir="$cache/lighthouse@$VERSION"
chrome="${BENICOMMUNITY_CHROMIUM:-/usr/bin/chromium}"

die() {
	echo "lighthouse: $*" >&2
	exit 1
}
for tool in go node npm; do
	command -v "$tool" >/dev/null || die "missing tool: $tool"
done
[[ -x "$chrome" ]] || die "no browser at $chrome"

if [[ ! -x "$lh_dir/node_modules/.bin/lighthouse" ]]; then
	echo "lighthouse: installing lighthouse@$VERSION into $lh_dir"
	mkdir -p "$lh_dir"
	npm install --silent --no-audit --no-fund --prefix "$lh_dir" "lighthouse@$VERSION" >/dev/null
fi
lighthouse="$lh_dir/node_modules/.bin/lighthouse"

work="$(mktemp -d)"
server_pid=""
cleanup() {
	[[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

(cd "$root" && go build -o "$work/benicommunity" ./cmd/benicommunity)
port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
base="http://127.0.0.1:$port"
"$work/benicommunity" serve --addr "127.0.0.1:$port" --db "sqlite:$work/site.db" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 50); do
	curl -fsS "$base/healthz" >/dev/null 2>&1 && break
	sleep 0.2
done
curl -fsS "$base/healthz" >/dev/null || die "the server did not start: $(cat "$work/server.log")"

# The first stage linked from the home page, and /rete if it answers.
stage="$(curl -fsS "$base/" | grep -o 'href="/tappe/[^"]*"' | head -n1 | cut -d'"' -f2)"
[[ -n "$stage" ]] || die "no stage page linked from the home page"
pages=("/" "$stage")
notes=()
if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/rete")" == "200" ]]; then
	pages+=("/rete")
else
	notes+=("/rete is not on the site yet: not measured.")
fi
pages+=("/enti?tipo=comune")

results="$work/results.tsv"
: >"$results"
for page in "${pages[@]}"; do
	for form in mobile desktop; do
		preset=()
		[[ "$form" == desktop ]] && preset=(--preset=desktop)
		out="$work/report.json"
		echo "lighthouse: $form $page"
		"$lighthouse" "$base$page" "${preset[@]}" --quiet --output=json --output-path="$out" \
			--chrome-path="$chrome" --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking" \
			--only-categories=performance,accessibility,best-practices,seo >/dev/null 2>"$work/lh.err" ||
			die "lighthouse failed on $page ($form): $(tail -n 5 "$work/lh.err")"
		node -e '
			const r = require(process.argv[1]);
			const s = k => Math.round(r.categories[k].score * 100);
			const a = k => r.audits[k];
			const below = [];
			for (const [k, c] of Object.entries(r.categories)) {
				for (const ref of c.auditRefs) {
					const au = r.audits[ref.id];
					if (ref.weight > 0 && au.score !== null && au.score < 1 && (k !== "performance")) below.push(ref.id);
				}
			}
			console.log([process.argv[2], process.argv[3], s("performance"), s("accessibility"), s("best-practices"), s("seo"),
				(a("largest-contentful-paint").numericValue / 1000).toFixed(2) + " s",
				Math.round(a("total-blocking-time").numericValue) + " ms",
				a("cumulative-layout-shift").numericValue.toFixed(3),
				(a("total-byte-weight").numericValue / 1024).toFixed(0) + " KiB",
				below.join(", ") || "—"].join("\t"));
		' "$out" "$page" "$form" >>"$results"
	done
done

table="$work/table.md"
{
	echo "<!-- lighthouse:begin -->"
	echo "Measured on $(date -u +%Y-%m-%d) with Lighthouse $VERSION and $("$chrome" --version 2>/dev/null | head -n1), default network, by \`scripts/lighthouse.sh\`."
	echo
	echo "| page | form factor | performance | accessibility | best practices | SEO | LCP | TBT | CLS | total bytes | failing audits (not performance) |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|"
	while IFS=$'\t' read -r p f perf acc bp seo lcp tbt cls bytes below; do
		echo "| \`$p\` | $f | $perf | $acc | $bp | $seo | $lcp | $tbt | $cls | $bytes | $below |"
	done <"$results"
	for n in "${notes[@]}"; do
		echo
		echo "$n"
	done
	echo "<!-- lighthouse:end -->"
} >"$table"
cat "$table"

doc="$root/docs/quality.md"
if grep -q '<!-- lighthouse:begin -->' "$doc" 2>/dev/null; then
	node -e '
		const fs = require("fs");
		const [doc, table] = process.argv.slice(1);
		const s = fs.readFileSync(doc, "utf8");
		const t = fs.readFileSync(table, "utf8").trimEnd();
		fs.writeFileSync(doc, s.replace(/<!-- lighthouse:begin -->[\s\S]*<!-- lighthouse:end -->/, t));
	' "$doc" "$table"
	echo "lighthouse: updated ${doc#"$root/"}"
else
	echo "lighthouse: ${doc#"$root/"} has no lighthouse markers; results printed above only" >&2
fi
