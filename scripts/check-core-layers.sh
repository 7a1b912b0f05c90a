#!/bin/sh
# check-core-layers.sh SOURCE_DIR: fails (with file:line) when a file in core/ includes from a
# folder that is not below its own in core/layers.txt (a sibling on the same line, a higher line,
# a folder the file does not list), from ui/ or the top-level app/, or from core/'s root.
# Includes are resolved as the compiler does: "…" in the including file's folder first, then
# core/ (the library's include path); <…> in core/ only (a Qt or system header is not there). Run by ctest as core_layers; tst_corelayers proves it fails.
set -eu
src=$(cd "${1:-.}" && pwd)
cd "$src"
order=core/layers.txt
if [ ! -f "$order" ]; then
  echo "$order is missing"
  exit 2
fi
files=$(find core -type f \( -name '*.h' -o -name '*.hpp' -o -name '*.cpp' \) | sort)
# Every file an include may reach (to resolve names as the compiler would), then the sources.
status=0
{ find core ui app -type f 2>/dev/null | sed 's/^/EXISTS /'; echo "$files" | xargs grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*["<]' /dev/null || true; } \
  | awk -v orderfile="$order" '
function normalize(path,   n, parts, out, k, i) {
  n = split(path, parts, "/"); k = 0
  for (i = 1; i <= n; i++) {
    if (parts[i] == "" || parts[i] == ".") continue
    if (parts[i] == "..") { if (k > 0) k--; else return ""; continue }
    out[++k] = parts[i]
  }
  path = ""
  for (i = 1; i <= k; i++) path = path (i > 1 ? "/" : "") out[i]
  return path
}
function folderOf(path,   parts, n) {  # core/<folder>/... -> folder; core/X.h -> "(root)"
  n = split(path, parts, "/")
  if (parts[1] != "core") return ""
  return n == 2 ? "(root)" : parts[2]
}
BEGIN {
  levels = 0; bad = 0
  while ((getline line < orderfile) > 0) {
    sub(/#.*/, "", line)
    n = split(line, names, /[[:space:]]+/)
    used = 0
    for (i = 1; i <= n; i++) if (names[i] != "") { level[names[i]] = levels; used = 1 }
    if (used) { text[levels] = line; levels++ }
  }
  for (l = 0; l < levels; l++) { t = text[l]; gsub(/^[[:space:]]+|[[:space:]]+$/, "", t); gsub(/[[:space:]]+/, " ", t); orderline = orderline (l ? " < " : "") (t ~ / / ? "{" t "}" : t) }
}
$1 == "EXISTS" { exists[$2] = 1; next }
{
  # file:line:#include "name"
  file = $0; sub(/:.*/, "", file)
  rest = substr($0, length(file) + 2); lineno = rest; sub(/:.*/, "", lineno)
  angle = (rest ~ /include[[:space:]]*</)
  name = rest; sub(/^[^"<]*["<]/, "", name); sub(/[">].*/, "", name)
  dir = file; sub(/\/[^\/]*$/, "", dir)
  here = folderOf(file)
  target = angle ? "" : normalize(dir "/" name)
  if (target == "" || !(target in exists)) target = normalize("core/" name)
  if (target == "" || !(target in exists)) {
    # not in the tree (a generated ui_*.h, a moc file): only a path into ui/ or app/ is an error
    if (name ~ /(^|\/)(ui|app)\// && name ~ /^\.\./) { report(file, lineno, name, "includes from outside core/"); }
    next
  }
  there = folderOf(target)
  if (there == "") { report(file, lineno, name, "includes " target ": core/ never includes from ui/ or app/"); next }
  if (here == "(root)") next # reported below, once per file
  if (there == here) next
  if (there == "(root)") { report(file, lineno, name, "includes " target " at core/'"'"'s root: move it into a folder"); next }
  if (!(here in level)) { report(file, lineno, name, "is in core/" here "/, which core/layers.txt does not list"); next }
  if (!(there in level)) { report(file, lineno, name, "includes from core/" there "/, which core/layers.txt does not list"); next }
  if (level[there] == level[here]) { report(file, lineno, name, "from " there "/ in " here "/: " there " and " here " are siblings (same level) and must not include each other"); next }
  if (level[there] > level[here]) { report(file, lineno, name, "from " there "/ in " here "/: " there " is above " here); next }
}
function report(file, lineno, name, why) {
  if (!(file ":" lineno in seen)) { print file ":" lineno ": \"" name "\" " why; seen[file ":" lineno] = 1; bad++ }
}
END {
  # a folder of core/ that is not in the order is an error even when nothing includes across it
  if (bad) {
    print bad " forbidden include(s) in core/."
    print "Allowed order (lowest first; a folder includes only folders left of it, {siblings} not each other):"
    print "  " orderline
    exit 1
  }
  print "core/ includes only downwards: " orderline
}' || status=$?
# Source files at core/'s root belong to no layer; folders the order does not list would escape.
for f in $(find core -maxdepth 1 -type f \( -name '*.h' -o -name '*.hpp' -o -name '*.cpp' \) | sort); do
  echo "$f: a source file at core/'s root belongs to no layer: move it into a folder of $order"
  status=1
done
for d in core/*/; do
  d=${d%/}; d=${d#core/}
  if ! sed 's/#.*//' "$order" | tr -s ' \t' '\n\n' | grep -qx "$d"; then
    echo "core/$d/ is not in $order: add it on the line of its level"
    status=1
  fi
done
exit $status
