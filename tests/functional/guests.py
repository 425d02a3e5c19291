"""Debian's riscv64 kernel and busybox from the cache that
scripts/fetch-guests.sh fills, and the initramfs built from them
(scripts/mkinitramfs.py), for the tests and benchmarks that boot Linux.
"""
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), '..', '..'))
sys.path.insert(0, os.path.join(ROOT, 'scripts'))
import mkinitramfs  # noqa: E402


def _cache(variable, name):
    default = os.path.join(os.environ.get('XDG_CACHE_HOME') or
                           os.path.expanduser('~/.cache'), name)
    return os.environ.get(variable, default)


def cache_dir():
    """The guest cache; as in fetch-guests.sh."""
    return _cache('QEMU_RISCV_GUESTS', 'qemu-riscv-guests')


def x86_host_cache_dir():
    """The amd64 kernel's cache; as in fetch-guests.sh amd64."""
    return _cache('QEMU_X86_HOST', 'qemu-x86-host')


def missing():
    """Why the cache cannot be used, or None when it is complete."""
    cache = cache_dir()
    for f in ['Image', 'busybox', 'modules/modules.order', 'fw_dynamic.bin']:
        if not os.path.exists(os.path.join(cache, f)):
            return ('%s not found: run scripts/fetch-guests.sh (needs the '
                    'network to the Debian archive; make check runs it)'
                    % os.path.join(cache, f))
    return None


def kernel():
    return os.path.join(cache_dir(), 'Image')


def firmware():
    """Trixie's OpenSBI (1.6), for -bios: the 1.1 that -bios default
    loads (QEMU 7.2's) can start a secondary hart at the kernel's boot
    entry instead of the address the kernel asked for. Its
    sbi_hsm_hart_start() marks the hart START_PENDING before it stores
    the address, while that hart polls the state with its coldboot IPI
    still pending (its WFI never sleeps), so the hart can read the old
    address in between; the kernel's boot path then runs a second time
    and wipes memory in use (docs/riscv-cpu.md, "Firmware")."""
    return os.path.join(cache_dir(), 'fw_dynamic.bin')


def make_initramfs(program, directory):
    """Writes the initramfs into directory; returns its path."""
    path = os.path.join(directory, 'initramfs.cpio')
    with open(path, 'wb') as f:
        f.write(mkinitramfs.build(cache_dir(), program, ['kvm']))
    return path


def rootfs_boot_args(directory):
    """The command line that boots the kernel with / on the virtio disk
    scripts/mkrootfs.py built into directory."""
    return [
        '-M', 'virt', '-smp', '1', '-m', '512M', '-nographic',
        '-bios', firmware(), '-kernel', kernel(),
        '-initrd', os.path.join(directory, 'rootfs.cpio'),
        '-drive', 'file=%s,format=raw,if=none,id=hd0'
        % os.path.join(directory, 'rootfs.img'),
        '-device', 'virtio-blk-device,drive=hd0',
        '-append', 'console=ttyS0 root=/dev/vda quiet']


def isa_string(qemu):
    """The riscv,isa of hart 0 in the device tree the binary makes."""
    with tempfile.TemporaryDirectory() as d:
        dtb = os.path.join(d, 'virt.dtb')
        subprocess.run([qemu, '-M', 'virt,dumpdtb=' + dtb, '-display', 'none'],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=60)
        out = subprocess.run(['fdtget', dtb, '/cpus/cpu@0', 'riscv,isa'],
                             capture_output=True, text=True, timeout=60)
        return out.stdout.strip()


def has_hypervisor(qemu):
    """Whether the single-letter part of the ISA string ('rv64imafdch')
    names H."""
    isa = isa_string(qemu)
    return isa.startswith('rv64') and 'h' in isa[4:].split('_')[0], isa


@contextlib.contextmanager
def rootfs_machine(qemu, machine_args, drive_opts='', timeout=400):
    """Builds the root filesystem image and its initramfs
    (scripts/mkrootfs.py) in a temporary directory and runs the kernel on
    them, / on a virtio disk, with machine_args (-smp, -accel ...) and
    drive_opts (',snapshot=on' ...); yields the Machine and the image's
    path, and kills the machine at the end. Skips the test (exit 77)
    without the guest cache or e2fsprogs."""
    import mkrootfs
    from console import Machine

    why = missing()
    for tool in ['mke2fs', 'debugfs']:
        if not why and not shutil.which(tool):
            why = tool + ' not found (e2fsprogs)'
    if why:
        print('SKIP: ' + why)
        sys.exit(77)
    with tempfile.TemporaryDirectory() as d:
        mkrootfs.build(cache_dir(), d)
        img = os.path.join(d, 'rootfs.img')
        m = Machine(qemu, ['-M', 'virt'] + machine_args + [
            '-m', '512M', '-nographic', '-bios', firmware(),
            '-kernel', kernel(), '-initrd', os.path.join(d, 'rootfs.cpio'),
            '-drive', 'file=%s,format=raw,if=none,id=hd0%s' % (img,
                                                               drive_opts),
            '-device', 'virtio-blk-device,drive=hd0',
            '-append', 'console=ttyS0 root=/dev/vda quiet'], timeout=timeout)
        try:
            yield m, img
        finally:
            m.close()
