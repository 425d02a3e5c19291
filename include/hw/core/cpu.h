/*
 * The CPU base type every target's CPU derives from: what the
 * accelerators, the monitor, the gdb stub and the boards need of a CPU,
 * as state common to all (index, run flags, the accelerator's per-vCPU
 * data) and class hooks the target fills (reset is DeviceClass's).
 */
#ifndef HW_CORE_CPU_H
#define HW_CORE_CPU_H

#include "qemu/osdep.h"
#include "hw/qdev-core.h"

#define TYPE_CPU "cpu"
OBJECT_DECLARE_TYPE(CPUState, CPUClass, CPU)

typedef struct TCGCPUOps TCGCPUOps;
typedef struct KVMCPUOps KVMCPUOps;

struct CPUState {
    DeviceState parent_obj;
    int cpu_index;      /* creation order, from 0 */
    GThread *thread;    /* the vCPU thread that runs it (NULL under qtest) */
    int thread_id;      /* its host thread id (0: none of its own) */
    bool thread_exited; /* atomic: the thread left its loop */
    /* Atomic: the accelerator must leave guest code and come back. */
    bool exit_request;
    void *accel; /* the accelerator's per-vCPU state (kvm: AccelCPUKVM) */
};

struct CPUClass {
    DeviceClass parent_class;
    /* HMP `info registers` and -d cpu: the registers as text. */
    void (*dump_state)(CPUState *cpu, GString *out);
    /* An interrupt is pending: a halted CPU would wake up. */
    bool (*has_work)(CPUState *cpu);
    uint64_t (*get_pc)(CPUState *cpu);
    void (*set_pc)(CPUState *cpu, uint64_t pc);
    /*
     * gdb: the 'g' packet has registers 0..gdb_num_core_regs-1 and 'p'/'P'
     * reach up to gdb_num_regs-1.
     * number. The register hooks move the target-endian bytes of register
     * n (at most 64) and return their count, 0 for no such register.
     */
    int gdb_num_core_regs;
    int gdb_num_regs;
    int (*gdb_read_register)(CPUState *cpu, int n, uint8_t *buf);
    int (*gdb_write_register)(CPUState *cpu, int n, const uint8_t *buf);
    /* The target description annex ("target.xml", ...) or NULL. */
    const char *(*gdb_get_xml)(const char *annex);
    /*
     * Guest memory at a virtual address as the CPU sees it (physical when
     * translation fails); false if some byte is not backed by memory.
     */
    bool (*gdb_rw_memory)(CPUState *cpu, uint64_t addr, uint8_t *buf,
                          size_t len, bool is_write);
    /* The TCG engine's hooks, for targets it runs (NULL otherwise). */
    const TCGCPUOps *tcg_ops;
    /* The KVM accelerator's hooks (sysemu/kvm.h), or NULL. */
    const KVMCPUOps *kvm_ops;
    /*
     * On the target's base CPU type: `-cpu help` (NULL: one model name a
     * line), and whether `-cpu MODEL,+flag,-flag` means flag=on/off.
     */
    void (*list_models)(void);
    bool plus_minus_flags;
};

/* All CPUs in creation order. */
int cpu_count(void);
CPUState *cpu_by_index(int index); /* NULL out of range */
#define CPU_FOREACH_INDEX(i) for (int i = 0; i < cpu_count(); i++)

/*
 * The end of a target CPU's realize: the CPU joins the list (cpu_index)
 * and the accelerator prepares its per-vCPU state (kvm: KVM_CREATE_VCPU).
 */
bool qemu_init_vcpu(CPUState *cpu, GError **errp);
/* Back to the power-on state (the DeviceClass reset). */
void cpu_reset(CPUState *cpu);
/* Text of `info registers` for one CPU. */
void cpu_dump_state(CPUState *cpu, GString *out);
/*
 * Make the CPU's accelerator leave guest code soon and look at its
 * requests (interrupts, stop): the accelerator's kick.
 */
void qemu_cpu_kick(CPUState *cpu);

/*
 * For a target's gdb_rw_memory: addr..addr+len split at 4 KiB pages, each
 * page translated (translate false: the address is taken as physical),
 * then read from address_space_memory or written by write.
 */
typedef bool CPUDebugTranslate(CPUState *cpu, uint64_t vaddr, uint64_t *paddr);
typedef bool CPUDebugWrite(uint64_t paddr, const uint8_t *buf, size_t len);
bool cpu_debug_rw_pages(CPUState *cpu, uint64_t addr, uint8_t *buf, size_t len,
                        bool is_write, CPUDebugTranslate *translate,
                        CPUDebugWrite *write);

#endif
