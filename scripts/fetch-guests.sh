#!/bin/sh
# Fetch a Debian kernel and busybox into a cache outside the repository,
# without root: a private apt configuration (its own sources list, lists
# and archive cache) that knows only the one architecture.
#
#   scripts/fetch-guests.sh          trixie's riscv64 6.12 kernel (the guest)
#   scripts/fetch-guests.sh amd64    bookworm's amd64 6.1 kernel, the nested
#                                    KVM host of tests/kvm/x86_64/nested-host.py
#   Fetch if missing; print the cache dir.
#
# The riscv64 cache is ${QEMU_RISCV_GUESTS:-${XDG_CACHE_HOME:-$HOME/.cache}/qemu-riscv-guests},
# the amd64 one ${QEMU_X86_HOST:-${XDG_CACHE_HOME:-$HOME/.cache}/qemu-x86-host}.
# It ends up holding:
#   linux/            the linux-image package, extracted (boot/, usr/lib/modules/)
#   busybox/          the busybox-static package, extracted (usr/bin/busybox)
#   Image             a link to linux/boot/vmlinux-*  (the kernel for -kernel)
#   modules           a link to linux/usr/lib/modules/<version> (the package
#                     has no modules.dep: depmod makes it at install time)
#   busybox           a link to busybox/usr/bin/busybox
#   fw_dynamic.bin    (riscv64) a link to trixie's OpenSBI 1.6 fw_dynamic,
#                     which the Linux boots use instead of -bios default:
#                     the OpenSBI 1.1 QEMU 7.2 ships (and -bios default
#                     means) can start a secondary hart at the wrong entry
#                     (docs/riscv-cpu.md, "Firmware")
# Exit status 0 when the cache is complete, 1 when it could not be made
# (e.g. no network); the reason goes to stderr on one line.
set -e

case "${1:-riscv64}" in
riscv64)
    ARCH=riscv64 SUITE=trixie KERNEL='linux-image-6\.12\..*-riscv64'
    FIRMWARE=opensbi
    CACHE=${QEMU_RISCV_GUESTS:-${XDG_CACHE_HOME:-$HOME/.cache}/qemu-riscv-guests} ;;
amd64)
    ARCH=amd64 SUITE=bookworm KERNEL='linux-image-6\.1\.0-[0-9]*-amd64'
    FIRMWARE=
    CACHE=${QEMU_X86_HOST:-${XDG_CACHE_HOME:-$HOME/.cache}/qemu-x86-host} ;;
*)
    echo "fetch-guests: unknown architecture '$1' (riscv64 or amd64)" >&2
    exit 1 ;;
esac
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

if [ -e "$CACHE/Image" ] && [ -e "$CACHE/modules/modules.order" ] &&
   [ -x "$CACHE/busybox" ] &&
   { [ -z "$FIRMWARE" ] || [ -e "$CACHE/fw_dynamic.bin" ]; }; then
    echo "$CACHE"
    exit 0
fi

fail() { echo "fetch-guests: $*" >&2; exit 1; }

command -v apt-get >/dev/null || fail "apt-get not found"
[ -r $KEYRING ] || fail "$KEYRING not found (package debian-archive-keyring)"

# The same archive host this machine's apt uses for Debian (bookworm).
mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
             /etc/apt/sources.list.d/*.sources 2>/dev/null |
         grep -o 'https\?://[^ ]*/debian/\?\( \|$\)' | head -n 1 | tr -d ' ')
[ -n "$mirror" ] || fail "no Debian archive URL in /etc/apt/sources.list(.d)"

APT="$CACHE/apt"
mkdir -p "$APT/lists/partial" "$APT/archives/partial" "$CACHE"
echo "deb [arch=$ARCH signed-by=$KEYRING] $mirror $SUITE main" \
    > "$APT/sources.list"
# dpkg's status is irrelevant here: apt only resolves names and downloads.
: > "$APT/status"

apt_opts() {
    "$@" -o Dir::Etc::sourcelist="$APT/sources.list" \
        -o Dir::Etc::sourceparts=- -o Dir::State::Lists="$APT/lists" \
        -o Dir::State::status="$APT/status" -o Dir::Cache="$APT" \
        -o Dir::Cache::archives="$APT/archives" \
        -o APT::Architectures::=$ARCH -o APT::Architecture=$ARCH \
        -o Debug::NoLocking=1
}
apt_priv() { apt_opts apt-get -q "$@"; }

apt_priv update >"$APT/update.log" 2>&1 ||
    fail "apt-get update of $SUITE/$ARCH failed (no network?): see $APT/update.log"

# The newest such kernel (not the -dbg, -cloud or unsigned variants).
kpkg=$(apt_opts apt-cache pkgnames linux-image-6. |
       grep -x "$KERNEL" | sort -V | tail -n 1)
[ -n "$kpkg" ] || fail "no $KERNEL in $SUITE"

cd "$APT/archives"
rm -f ./*.deb
apt_priv download "$kpkg:$ARCH" busybox-static:$ARCH $FIRMWARE \
    >"$APT/download.log" 2>&1 ||
    fail "apt-get download failed: see $APT/download.log"

rm -rf "$CACHE/linux" "$CACHE/busybox.d" "$CACHE/opensbi.d"
dpkg-deb -x ./linux-image-*.deb "$CACHE/linux"
dpkg-deb -x ./busybox-static_*.deb "$CACHE/busybox.d"
[ -z "$FIRMWARE" ] || dpkg-deb -x ./opensbi_*.deb "$CACHE/opensbi.d"
rm -f ./*.deb

cd "$CACHE"
# trixie's packages ship modules under usr/lib (merged /usr), bookworm's
# under lib.
mods=linux/usr/lib/modules
[ -d $mods ] || mods=linux/lib/modules
kver=$(ls $mods | head -n 1)
[ -e "linux/boot/vmlinux-$kver" ] || [ -e "linux/boot/vmlinuz-$kver" ] ||
    fail "no kernel image in $kpkg"
if [ -e "linux/boot/vmlinuz-$kver" ]; then
    ln -sfn "linux/boot/vmlinuz-$kver" Image
else
    ln -sfn "linux/boot/vmlinux-$kver" Image
fi
ln -sfn "$mods/$kver" modules
bb=busybox.d/usr/bin/busybox
[ -e $bb ] || bb=busybox.d/bin/busybox
ln -sfn $bb busybox
[ -x busybox ] || fail "no busybox binary in busybox-static"
if [ -n "$FIRMWARE" ]; then
    ln -sfn opensbi.d/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin \
        fw_dynamic.bin
    [ -e fw_dynamic.bin ] || fail "no riscv64 fw_dynamic.bin in opensbi"
fi
echo "$CACHE"
