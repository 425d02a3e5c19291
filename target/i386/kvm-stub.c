/*
 * x86 without KVM support built in (non-x86 hosts, --disable-kvm): the
 * kvm accelerator does not exist, so nothing here is ever called.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "target/i386/kvm-x86.h"

bool x86_kvm_vm_init(GError **errp)
{
    error_setg(errp, "KVM support is not built in");
    return false;
}

const KVMCPUOps x86_kvm_ops;
