/*
 * The CPU base type: the list of CPUs, cpu_index, and the dispatch of
 * the common operations to the target's class hooks.
 */
#include "qemu/osdep.h"
#include "exec/memory.h"
#include "hw/core/cpu.h"
#include "sysemu/cpus.h"

static GPtrArray *all_cpus;

int cpu_count(void)
{
    return all_cpus ? all_cpus->len : 0;
}

CPUState *cpu_by_index(int index)
{
    if (!all_cpus || index < 0 || index >= (int)all_cpus->len) {
        return NULL;
    }
    return all_cpus->pdata[index];
}

void cpu_reset(CPUState *cpu)
{
    device_cold_reset(DEVICE(cpu));
}

void cpu_dump_state(CPUState *cpu, GString *out)
{
    CPUClass *cc = CPU_GET_CLASS(cpu);

    if (cc->dump_state) {
        cc->dump_state(cpu, out);
    }
}

void qemu_cpu_kick(CPUState *cpu)
{
    __atomic_store_n(&cpu->exit_request, true, __ATOMIC_SEQ_CST);
    cpus_kick_vcpu(cpu);
}

bool qemu_init_vcpu(CPUState *cpu, GError **errp)
{
    if (!all_cpus) {
        all_cpus = g_ptr_array_new();
    }
    cpu->cpu_index = all_cpus->len;
    if (!cpus_init_vcpu(cpu, errp)) {
        return false;
    }
    g_ptr_array_add(all_cpus, cpu);
    return true;
}

static void cpu_class_init(ObjectClass *oc, void *data)
{
    DEVICE_CLASS(oc)->desc = "CPU";
}

static const TypeInfo cpu_type_info = {
    .name = TYPE_CPU,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(CPUState),
    .abstract = true,
    .class_size = sizeof(CPUClass),
    .class_init = cpu_class_init,
};

static void cpu_register_types(void)
{
    type_register_static(&cpu_type_info);
}

type_init(cpu_register_types)

    bool cpu_debug_rw_pages(CPUState *cpu, uint64_t addr, uint8_t *buf,
                            size_t len, bool is_write,
                            CPUDebugTranslate *translate, CPUDebugWrite *write)
{
    while (len) {
        size_t n = MIN(len, 0x1000 - (addr & 0xfff));
        uint64_t pa = addr;
        bool ok;

        if (!translate(cpu, addr, &pa)) {
            pa = addr;
        }
        ok = is_write ? write(pa, buf, n)
                      : address_space_read(&address_space_memory, pa, buf, n) ==
                            MEMTX_OK;
        if (!ok) {
            return false;
        }
        addr += n;
        buf += n;
        len -= n;
    }
    return true;
}
