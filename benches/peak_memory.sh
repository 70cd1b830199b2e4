#!/usr/bin/env bash
# Peak resident memory of `folio dump` and `folio dump --json` on 50 MB synthetic articles, one
# per reader, as a multiple of the input's size (SPEC.md asks for at most 10×). Each input is
# the test corpus repeated into one article, as the ignored 50 MB tests build it. Figures come
# from /usr/bin/time -v (Debian package `time`).
# Needs: a release build (cargo build --release).
# Usage: benches/peak_memory.sh [SIZE_BYTES]   (default 50000000)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-50000000}
FOLIO=$PWD/target/release/folio
[ -x "$FOLIO" ] || { echo "build first: cargo build --release" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "missing: /usr/bin/time (apt-get install -y time)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Appends the output of `piece` (a command) to FILE until FILE has SIZE bytes: the piece is
# first repeated to about a megabyte, then that block is repeated.
grow() { # file piece...
    local file=$1 block=$work/block
    shift
    : >"$block"
    while [ "$(stat -c %s "$block")" -lt 1000000 ]; do
        "$@" >>"$block"
    done
    while [ "$(stat -c %s "$file")" -lt "$SIZE" ]; do
        cat "$block" >>"$file"
    done
}

wikitext_pieces() { # the corpus articles, a redirect aside (it would redirect the whole article)
    for f in tests/fixtures/wikitext/*.txt; do
        [ "$(basename "$f")" = redirect.txt ] || { cat "$f"; echo; }
    done
}

html_bodies() { # what is between <body> and </body> in each corpus page that has a body
    for f in tests/fixtures/html/*.html; do
        sed -e '1,/<body/d' -e '/<\/body>/,$d' "$f"
    done
}

plaintext_body() { # the seed page without its title line
    tail -n +2 assets/001_1b985710a8456a24.txt
    echo
}

outline_body() { # the seed outline's sections
    sed -n '/^==/,$p' assets/000_2fa5264a87595d6d.txt
    echo
}

# One folder per input: folio reads a file's folder as its library.
make_input() { # reader extension
    mkdir -p "$work/$1"
    echo "$work/$1/synthetic.$2"
}

input=$(make_input wikitext wiki)
: >"$input"
grow "$input" wikitext_pieces

input=$(make_input html html)
echo '<!DOCTYPE html><html><head><title>Synthetic</title></head><body>' >"$input"
grow "$input" html_bodies
echo '</body></html>' >>"$input"

input=$(make_input plaintext txt)
echo 'Synthetic' >"$input"
grow "$input" plaintext_body

input=$(make_input outline txt)
echo '= Synthetic =' >"$input"
grow "$input" outline_body

# The JSON input is folio's own output for the start of the wikitext input: about six bytes of
# JSON a byte of wikitext, so a sixth of it (whole files of more than 256 MiB are refused).
mkdir -p "$work/json-source"
head -c $((SIZE / 6)) "$work/wikitext/synthetic.wiki" >"$work/json-source/synthetic.wiki"
"$FOLIO" dump --json --from wikitext "$work/json-source/synthetic.wiki" >"$(make_input json json)"

measure() { # command... → "peak_rss_kb wall_seconds exit_status"
    local status=0
    /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt" || status=$?
    awk -F': ' -v status="$status" '
        /Maximum resident set size/ {rss = $2}
        /Elapsed \(wall clock\)/ {n = split($2, t, ":"); wall = (n == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2]}
        END {print rss, wall, status}' "$work/time.txt"
}

printf '%-10s %8s  %-12s %10s %7s %8s %5s\n' reader 'input MB' command 'peak MB' ratio seconds exit
for reader in wikitext html plaintext outline json; do
    input=$(ls "$work/$reader"/synthetic.*)
    bytes=$(stat -c %s "$input")
    for json in "" --json; do
        read -r rss wall status < <(measure "$FOLIO" dump $json --from "$reader" "$input")
        awk -v r="$reader" -v b="$bytes" -v c="dump${json:+ $json}" -v k="$rss" -v w="$wall" -v s="$status" \
            'BEGIN {printf "%-10s %8.1f  %-12s %10.0f %6.1f× %8.2f %5s\n", r, b/1e6, c, k*1024/1e6, k*1024/b, w, s}'
    done
done
