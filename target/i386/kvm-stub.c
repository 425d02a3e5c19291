/*
 * x86 without KVM support built in (non-x86 hosts, --disable-kvm): the
 * kvm accelerator does not exist, so nothing here is ever called but
 * kvm_irqchip_in_kernel(), which is false.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "target/i386/kvm-x86.h"
#include "sysemu/kvm.h"

bool x86_kvm_vm_init(GError **errp)
{
    error_setg(errp, "KVM support is not built in");
    return false;
}

const KVMCPUOps x86_kvm_ops;

bool kvm_irqchip_in_kernel(void)
{
    return false;
}

void kvm_set_irq(int gsi, int level)
{
}

bool kvm_translate(CPUState *cpu, uint64_t vaddr, uint64_t *paddr)
{
    return false;
}
