/*
 * Accelerators (-accel NAME[,prop=value], -machine accel=A:B, -enable-kvm):
 * QOM types named "NAME-accel" deriving from "accel". The one chosen
 * initialises for the machine before the board is built, and its
 * AccelOps run the vCPUs: how threads are made, kicked, paused.
 * Nothing here knows a target; targets reach accelerators only through
 * CPUClass hooks, accelerators reach targets the same way.
 */
#ifndef SYSEMU_ACCEL_H
#define SYSEMU_ACCEL_H

#include "qemu/osdep.h"
#include "qom/object.h"

#define TYPE_ACCEL          "accel"
#define ACCEL_CLASS_SUFFIX  "-accel"
#define ACCEL_CLASS_NAME(a) (a ACCEL_CLASS_SUFFIX)
OBJECT_DECLARE_TYPE(AccelState, AccelClass, ACCEL)

typedef struct MachineState MachineState;
typedef struct CPUState CPUState;

/*
 * How an accelerator runs vCPUs (QEMU's AccelOpsClass). All are called
 * with the big lock held. NULL hooks mean "nothing to do"; the debug
 * hooks are NULL where the accelerator cannot debug.
 */
/* The gdb remote protocol's Z/z types (Z1..Z4). */
enum {
    GDB_BREAKPOINT_HW = 1,
    GDB_WATCHPOINT_WRITE = 2,
    GDB_WATCHPOINT_READ = 3,
    GDB_WATCHPOINT_ACCESS = 4,
};

typedef struct AccelOps {
    /* A CPU is being realized: per-vCPU setup (kvm: KVM_CREATE_VCPU). */
    bool (*init_vcpu)(CPUState *cpu, GError **errp);
    /* After machine init and reset: give the CPU a thread to run on. */
    void (*create_vcpu_thread)(CPUState *cpu);
    /* Make the CPU leave guest code and look at its requests. */
    void (*kick_vcpu)(CPUState *cpu);
    /* vm_start / vm_stop: let every vCPU run, or stop them all. */
    void (*resume_all)(void);
    void (*pause_all)(void);
    /* A system reset is done: push the CPUs' reset state (kvm). */
    void (*synchronize_post_reset)(CPUState *cpu);
    /* Before reading CPU state for the monitor or gdb (kvm: get regs). */
    void (*synchronize_state)(CPUState *cpu);
    /* HMP `info jit`: the engine's counters. */
    void (*info_stats)(GString *out);
    /*
     * gdb: software breakpoints at a virtual address (insert: false when
     * nothing can be placed there), single-step.
     */
    bool (*breakpoint_insert)(uint64_t pc);
    bool (*breakpoint_remove)(uint64_t pc);
    void (*breakpoint_remove_all)(void);
    void (*single_step)(CPUState *cpu); /* NULL: stop stepping */
    /*
     * gdb: hardware breakpoints and watchpoints (type GDB_BREAKPOINT_HW
     * or GDB_WATCHPOINT_*, the Z packet's). 0, or -ENOSYS for a type the
     * CPU cannot watch, -EINVAL for a length or alignment it cannot,
     * -ENOSPC when its debug registers are all taken, -ENOENT on removal
     * of one not inserted. NULL: none.
     */
    int (*watchpoint_insert)(int type, uint64_t addr, uint64_t len);
    int (*watchpoint_remove)(int type, uint64_t addr, uint64_t len);
    /* On resume, each vCPU ignores a breakpoint at its pc once. */
    void (*debug_skip_current_pc)(void);
} AccelOps;

struct AccelState {
    Object parent_obj;
};

struct AccelClass {
    ObjectClass parent_class;
    const char *name; /* "tcg", "kvm", "qtest" */
    /*
     * Before the board is built. On failure the error's code is an errno
     * value (printed as "failed to initialize NAME: strerror") and its
     * message, when not empty, a line printed before that.
     */
    bool (*init_machine)(AccelState *as, MachineState *ms, GError **errp);
    /* -accel NAME,KEY=VALUE for accelerators with their own parser;
     * others take their QOM properties. */
    bool (*set_option)(AccelState *as, const char *key, const char *value,
                       GError **errp);
    const AccelOps *ops;
};

/*
 * One accelerator to try: its name and the -accel properties (QemuOpt *,
 * without "accel"), and the option text errors name (NULL for
 * -machine accel= and the default).
 */
typedef struct AccelChoice {
    const char *name;
    GPtrArray *opts;
    const char *cmdline;
} AccelChoice;

/*
 * Try each choice in order; the first that initialises is used. Prints
 * QEMU's messages ("invalid accelerator X", "failed to initialize X:
 * ...", "falling back to Y") and exits with status 1 when none works or a
 * property is bad.
 */
AccelState *accel_configure(GPtrArray *choices, MachineState *ms);
/* The accelerator in use and its name ("tcg"), or NULL before one is. */
AccelState *current_accel(void);
const char *current_accel_name(void);
/* The accelerator types this binary has ("kvm", "qtest", "tcg"), sorted. */
GSList *accel_list_names(void);

/* QMP query-kvm: is KVM built into this binary, is it in use? */
bool kvm_available(void);
bool kvm_enabled(void);

#endif
