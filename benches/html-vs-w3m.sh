#!/usr/bin/env bash
# folio dump vs w3m -dump vs lynx -dump on the two largest corpus pages: wall time and CPU time
# (user + system; medians of RUNS) and peak resident memory (largest of RUNS), all from
# /usr/bin/time -v. On a shared machine the CPU time is the fairer figure: wall time also counts
# waiting for a core.
# Needs: a release build (cargo build --release), w3m, lynx (apt-get install -y w3m lynx).
# Usage: benches/html-vs-w3m.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
FOLIO=target/release/folio
[ -x "$FOLIO" ] || { echo "build first: cargo build --release" >&2; exit 1; }
for tool in w3m lynx /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One page per folder: folio treats a file's folder as its library and would merge the other
# pages that share its title.
pages=(en-United_States.parsoid-2.1.0.html en-Dog.parsoid-1.7.0.html)
for page in "${pages[@]}"; do
    mkdir -p "$work/${page%.html}"
    cp "tests/fixtures/html/$page" "$work/${page%.html}/"
done

measure() { # command... → "median_wall_seconds median_cpu_seconds max_rss_kb"
    local walls=() cpus=() rss=0
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt" || true
        walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); print t[1]*60 + t[2]}' "$work/time.txt")")
        cpus+=("$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/time.txt")")
        local peak
        peak=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
        (( peak > rss )) && rss=$peak
    done
    echo "$(median "${walls[@]}") $(median "${cpus[@]}") $rss"
}

median() {
    printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

printf '%-38s %-6s %8s %8s %12s %12s\n' page tool "wall s" "cpu s" "peak RSS MB" "MB/cpu-s"
for page in "${pages[@]}"; do
    file="$work/${page%.html}/$page"
    bytes=$(stat -c %s "$file")
    for tool in folio w3m lynx; do
        case $tool in
            folio) result=$(measure "$FOLIO" dump --width 80 "$file") ;;
            w3m) result=$(measure w3m -dump -cols 80 -T text/html "$file") ;;
            lynx) result=$(measure lynx -dump -width=80 -force_html "$file") ;;
        esac
        read -r wall cpu rss <<<"$result"
        awk -v p="$page" -v t="$tool" -v w="$wall" -v c="$cpu" -v r="$rss" -v b="$bytes" \
            'BEGIN { printf "%-38s %-6s %8.3f %8.3f %12.1f %12.1f\n", p, t, w, c, r / 1024, (c > 0 ? b / 1e6 / c : 0) }'
    done
done
