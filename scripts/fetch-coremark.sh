#!/bin/sh
# Fetch EEMBC's CoreMark (Apache-2.0) into a cache outside the repository,
# at a pinned commit, and check its benchmark files against the MD5 sums
# EEMBC publishes in coremark.md5 (the sums its own `make check` uses).
# Only the benchmark's own files are used; the port layer is ours
# (bench/coremark/).
#
#   scripts/fetch-coremark.sh        fetch if missing; print the source dir
#
# Where github.com cannot be reached but a copy of the six files exists
# (from the release tarball, a checkout of the pinned commit, another
# machine's cache), COREMARK_SRC=DIR takes them from DIR instead: they are
# checked against the same MD5 sums and copied into the cache, so a
# modified copy is refused just as a bad download is.
#
# The cache is ${QEMU_RISCV_GUESTS:-${XDG_CACHE_HOME:-$HOME/.cache}/qemu-riscv-guests}/coremark.
# Exit status 0 when the sources are there and check out, 1 otherwise
# (e.g. no network); the reason goes to stderr on one line.
set -e

COMMIT=357e23338b60ceec4232512574362592148ab066
URL=https://github.com/eembc/coremark/archive/$COMMIT.tar.gz
CACHE=${QEMU_RISCV_GUESTS:-${XDG_CACHE_HOME:-$HOME/.cache}/qemu-riscv-guests}
DIR=$CACHE/coremark

fail() { echo "fetch-coremark: $*" >&2; exit 1; }

check() {
    (cd "$1" && md5sum -c --quiet 1>&2 2>/dev/null <<SUMS
9007fe7861b60ee6f210d156b62974c8  core_list_join.c
4a9e6dadce1ac3866381021fbe843fc9  core_main.c
5fa21a0f7c3964167c9691db531ca652  core_matrix.c
fb49e7605c125306575a83f14f5798ac  core_state.c
45540ba2145adea1ec7ea2c72a1fbbcb  core_util.c
b0ec69b6c8e75853d06accb3b1bcf534  coremark.h
SUMS
    )
}

if [ -d "$DIR" ] && check "$DIR"; then
    echo "$DIR"
    exit 0
fi
FILES="core_list_join.c core_main.c core_matrix.c core_state.c core_util.c coremark.h"
mkdir -p "$CACHE"
if [ -n "${COREMARK_SRC:-}" ]; then
    [ -d "$COREMARK_SRC" ] || fail "COREMARK_SRC=$COREMARK_SRC is not a directory"
    check "$COREMARK_SRC" ||
        fail "the files in COREMARK_SRC=$COREMARK_SRC are missing or do not match EEMBC's MD5 sums"
    tmp=$(mktemp -d "$CACHE/coremark.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    for f in $FILES; do
        cp "$COREMARK_SRC/$f" "$tmp/$f"
    done
    check "$tmp" || fail "copying from COREMARK_SRC=$COREMARK_SRC changed the files"
    rm -rf "$DIR"
    mv "$tmp" "$DIR"
    echo "$DIR"
    exit 0
fi
command -v curl >/dev/null || fail "curl not found"
tmp=$(mktemp -d "$CACHE/coremark.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
curl -sSfL --max-time 60 -o "$tmp/coremark.tar.gz" "$URL" 2>"$tmp/curl.log" ||
    fail "cannot download $URL ($(head -n 1 "$tmp/curl.log"))"
tar -xzf "$tmp/coremark.tar.gz" -C "$tmp" ||
    fail "$URL is not a gzip tarball"
src=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d -name 'coremark-*' | head -n 1)
[ -n "$src" ] && check "$src" ||
    fail "the files of $URL do not match EEMBC's MD5 sums"
rm -rf "$DIR"
mv "$src" "$DIR"
echo "$DIR"
