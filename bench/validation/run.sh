#!/usr/bin/env bash
# run.sh [BUILD_DIR] -- Hookscope's validator beside ajv and python-jsonschema, same schema, same document.
#
#   bash bench/validation/run.sh build-schema            # callback-request schema, 5.3 KB example
#   SCHEMA=resources/schemas/jicoo.schema.json DOC=resources/samples/jicoo.json bash bench/validation/run.sh build
#   N=20000 ROUNDS=3 CPU=1 bash bench/validation/run.sh build
#
# Runs bench_validation (built with the project, HOOKSCOPE_BENCH=ON) and
# ../shared/bench/validators/run-anchors.sh (which may `npm ci` ajv in its own folder) ROUNDS
# times, interleaved, pinned to CPU $CPU, and prints the median of each figure and the ratio of
# Hookscope's validate time (pre-parsed document, formats checked) to ajv's. Target: <= 3.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
[[ $build = /* ]] || build=$root/$build
bench=$build/bench/bench_validation
schema=${SCHEMA:-$root/resources/schemas/callback-request.schema.json}
doc=${DOC:-$root/../shared/bench/payload-callback-create.json}
anchors=${ANCHORS:-$root/../shared/bench/validators/run-anchors.sh}
n=${N:-20000}; rounds=${ROUNDS:-3}; cpu=${CPU:-1}
[[ -x $bench ]] || { echo "no $bench: build the project first (cmake --build $build --target bench_validation)" >&2; exit 2; }
pin=(); command -v taskset >/dev/null && pin=(taskset -c "$cpu")

out=$(mktemp); trap 'rm -f "$out"' EXIT
for ((r = 1; r <= rounds; r++)); do
  "${pin[@]}" "$bench" "$schema" "$doc" "$n" >>"$out"
  N=$n CPU=$cpu bash "$anchors" "$schema" "$doc" >>"$out"
done

# median FIELD of the lines starting with PREFIX
median() {
  grep "^$1" "$out" | tr '\t' '\n' | awk -v f="$2" '$1 == f { print $2 }' | sort -g |
    awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "nan" }'
}

echo "schema   $schema"
echo "document $doc ($(wc -c <"$doc") bytes), N=$n, $rounds rounds, CPU $cpu; medians in µs"
printf '%-58s %10s %12s %10s\n' validator parse_us validate_us total_us
for name in "hookscope" "valijson+qt" "valijson-native" "ajv" "python-jsonschema"; do
  p=$(median "$name" parse_us); v=$(median "$name" validate_us)
  t=$(awk -v p="$p" -v v="$v" 'BEGIN { if (p == "nan" || v == "nan") print "nan"; else printf "%.1f", p + v }')
  label=$(grep -m1 "^$name" "$out" | cut -f1)
  printf '%-58s %10s %12s %10s\n' "$label" "$p" "$v" "$t"
done
ours=$(median hookscope validate_us); ajv=$(median ajv validate_us)
ours_total=$(awk -v p="$(median hookscope parse_us)" -v v="$ours" 'BEGIN { print p + v }')
ajv_total=$(awk -v p="$(median ajv parse_us)" -v v="$ajv" 'BEGIN { print p + v }')
echo "$(grep -m1 '^inspect' "$out" | cut -f1): $(median inspect total_us) µs per event"
awk -v o="$ours" -v a="$ajv" -v ot="$ours_total" -v at="$ajv_total" -v vps="$(median hookscope validations_per_s)" 'BEGIN {
  printf "hookscope: %s validations/s (parse + validate), %.1f µs per validation\n", vps, o
  printf "ratio to ajv, validate: %.2fx (target <= 3x)   parse + validate: %.2fx\n", o / a, ot / at }'
