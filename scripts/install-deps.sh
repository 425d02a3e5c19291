#!/bin/sh
# Install the Debian packages the build and the tests need, if any is
# missing. Idempotent; touches the network only when something is missing.
set -e

PACKAGES="gcc make pkg-config meson ninja-build libglib2.0-dev libfdt-dev
libjson-glib-dev device-tree-compiler qemu-system-misc clang-format
gcc-riscv64-unknown-elf opensbi u-boot-qemu gdb-multiarch
qemu-utils zlib1g-dev e2fsprogs
gcc-riscv64-linux-gnu libc6-dev-riscv64-cross debian-archive-keyring
libcapstone-dev clang libclang-rt-14-dev llvm
libseccomp-dev libvirt-daemon-system libvirt-clients libslirp-dev
qemu-system-x86 seabios ovmf acpica-tools"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
