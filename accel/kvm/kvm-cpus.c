/*
 * KVM vCPUs: one thread each, running KVM_RUN with the big lock dropped and
 * handling its exits with the lock held (KVM API document, 4.10 KVM_RUN
 * and 5 "The kvm_run structure"). Kicks are a signal whose handler sets
 * kvm_run.immediate_exit, so a kick just before KVM_RUN is never lost.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "exec/memory.h"
#include "hw/core/cpu.h"
#include "sysemu/cpus.h"
#include "sysemu/kvm.h"
#include "sysemu/runstate.h"
#include "accel/kvm/kvm-internal.h"
#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <linux/kvm.h>

#define SIG_KICK SIGUSR1

typedef struct KVMVCPU {
    int fd;
    struct kvm_run *run;
    size_t run_size;
    pthread_t tid;
    bool started;
    bool stopped;       /* parked: not in KVM_RUN, state readable */
    bool regs_dirty;    /* env is newer than the kernel's copy */
    bool pending_io;    /* the last exit (I/O, MMIO) completes on re-entry */
    bool sync_request;  /* another thread wants env current */
    bool wait_reset;    /* shut down (triple fault): park until reset */
    unsigned debug_gen; /* the gdb setting the kernel has */
    uint32_t debug_reinject; /* give the guest its debug exception back */
} KVMVCPU;

static struct {
    bool running;
    GCond cond; /* a vCPU parked, synced, or may run again */
} kvm_cpus;

static __thread CPUState *current_vcpu;

static KVMVCPU *vcpu_of(CPUState *cpu)
{
    return cpu->accel;
}

static void kick_handler(int sig)
{
    CPUState *cpu = current_vcpu;

    if (cpu) {
        __atomic_store_n(&vcpu_of(cpu)->run->immediate_exit, 1,
                         __ATOMIC_SEQ_CST);
    }
}

void kvm_cpus_init_signals(void)
{
    struct sigaction sa = { .sa_handler = kick_handler };

    sigemptyset(&sa.sa_mask);
    sigaction(SIG_KICK, &sa, NULL);
}

bool kvm_init_vcpu(CPUState *cpu, GError **errp)
{
    const KVMCPUOps *ops = CPU_GET_CLASS(cpu)->kvm_ops;
    KVMVCPU *v;
    int mmap_size;
    int fd;

    if (!ops) {
        error_setg(errp, "CPU type '%s' cannot run under KVM",
                   object_get_typename(OBJECT(cpu)));
        return false;
    }
    fd = kvm_ioctl(kvm_vm_fd(), KVM_CREATE_VCPU,
                   (void *)(uintptr_t)cpu->cpu_index);
    if (fd < 0) {
        error_setg(errp, "kvm_init_vcpu: KVM_CREATE_VCPU failed (%d): %s",
                   cpu->cpu_index, g_strerror(-fd));
        return false;
    }
    mmap_size = kvm_ioctl(kvm_dev_fd(), KVM_GET_VCPU_MMAP_SIZE, NULL);
    if (mmap_size < (int)sizeof(struct kvm_run)) {
        close(fd);
        error_setg(errp, "KVM_GET_VCPU_MMAP_SIZE failed");
        return false;
    }
    v = g_new0(KVMVCPU, 1);
    v->fd = fd;
    v->run_size = mmap_size;
    v->run = mmap(NULL, mmap_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    v->stopped = true;
    if (v->run == MAP_FAILED) {
        error_setg(errp, "mmap'ing vcpu state failed: %s", g_strerror(errno));
        close(fd);
        g_free(v);
        return false;
    }
    cpu->accel = v;
    if (!ops->init_vcpu(cpu, fd, errp)) {
        return false;
    }
    v->regs_dirty = true;
    return true;
}

/*
 * Complete an I/O or MMIO exit before the registers are read or written:
 * re-entering with immediate_exit set finishes it and runs nothing else
 * (KVM API document 5, "The kvm_run structure"). That KVM_RUN always
 * fails with EINTR: not kvm_ioctl(), which would retry it for ever.
 */
static void kvm_complete_pending(KVMVCPU *v)
{
    int ret;

    if (!v->pending_io) {
        return;
    }
    v->run->immediate_exit = 1;
    ret = ioctl(v->fd, KVM_RUN, 0);
    if (ret < 0 && errno != EINTR) {
        error_report("kvm: completing an I/O exit: %s", g_strerror(errno));
    }
    v->run->immediate_exit = 0;
    v->pending_io = false;
}

/* Make env current (from the vCPU thread, or while it is parked). */
static void kvm_get_state(CPUState *cpu)
{
    KVMVCPU *v = vcpu_of(cpu);
    g_autoptr(GError) err = NULL;

    if (v->regs_dirty) {
        return;
    }
    kvm_complete_pending(v);
    if (!CPU_GET_CLASS(cpu)->kvm_ops->get_registers(cpu, v->fd, &err)) {
        error_report("kvm: reading CPU %d's registers: %s", cpu->cpu_index,
                     err->message);
        return;
    }
    /* As QEMU: whoever asked may change env; it goes back before a run. */
    v->regs_dirty = true;
}

static bool kvm_put_state(CPUState *cpu)
{
    KVMVCPU *v = vcpu_of(cpu);
    g_autoptr(GError) err = NULL;

    kvm_complete_pending(v);
    if (!CPU_GET_CLASS(cpu)->kvm_ops->put_registers(cpu, v->fd, &err)) {
        error_report("kvm: writing CPU %d's registers: %s", cpu->cpu_index,
                     err->message);
        return false;
    }
    v->regs_dirty = false;
    return true;
}

/* A fatal exit: QEMU's dump of the exit and the registers, then stop. */
static void kvm_stop_on_error(CPUState *cpu, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);

static void kvm_stop_on_error(CPUState *cpu, const char *fmt, ...)
{
    g_autoptr(GString) regs = g_string_new("");
    va_list ap;

    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    kvm_get_state(cpu);
    cpu_dump_state(cpu, regs);
    fputs(regs->str, stderr);
    vm_stop(RUN_STATE_INTERNAL_ERROR);
}

static void kvm_handle_io(struct kvm_run *run)
{
    uint8_t *data = (uint8_t *)run + run->io.data_offset;

    for (uint32_t i = 0; i < run->io.count; i++, data += run->io.size) {
        if (run->io.direction == KVM_EXIT_IO_OUT) {
            address_space_write(&address_space_io, run->io.port, data,
                                run->io.size);
        } else if (address_space_read(&address_space_io, run->io.port, data,
                                      run->io.size) != MEMTX_OK) {
            /* As QEMU: nothing at the port reads all ones. */
            memset(data, 0xff, run->io.size);
        }
    }
}

static void kvm_handle_internal_error(CPUState *cpu, struct kvm_run *run)
{
    g_autoptr(GString) extra = g_string_new("");

    for (uint32_t i = 0; i < run->internal.ndata && i < 16; i++) {
        g_string_append_printf(extra, "extra data[%u]: 0x%016" PRIx64 "\n", i,
                               (uint64_t)run->internal.data[i]);
    }
    kvm_stop_on_error(cpu, "KVM internal error. Suberror: %u\n%s%s",
                      run->internal.suberror, extra->str,
                      run->internal.suberror == KVM_INTERNAL_ERROR_EMULATION
                          ? "emulation failure\n"
                          : "");
}

static void kvm_handle_system_event(CPUState *cpu, struct kvm_run *run)
{
    switch (run->system_event.type) {
    case KVM_SYSTEM_EVENT_SHUTDOWN:
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
        vcpu_of(cpu)->wait_reset = true;
        break;
    case KVM_SYSTEM_EVENT_RESET:
        qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
        vcpu_of(cpu)->wait_reset = true;
        break;
    case KVM_SYSTEM_EVENT_CRASH:
        error_report("kvm: guest crashed (KVM_SYSTEM_EVENT_CRASH)");
        vm_stop(RUN_STATE_GUEST_PANICKED);
        break;
    default:
        kvm_stop_on_error(cpu, "KVM: unknown system event %u\n",
                          run->system_event.type);
        break;
    }
}

/* One exit, with the big lock held. */
static void kvm_handle_exit(CPUState *cpu)
{
    KVMVCPU *v = vcpu_of(cpu);
    struct kvm_run *run = v->run;

    switch (run->exit_reason) {
    case KVM_EXIT_IO:
        kvm_handle_io(run);
        v->pending_io = true;
        break;
    case KVM_EXIT_MMIO:
        if (run->mmio.is_write) {
            address_space_write(&address_space_memory, run->mmio.phys_addr,
                                run->mmio.data, run->mmio.len);
        } else {
            address_space_read(&address_space_memory, run->mmio.phys_addr,
                               run->mmio.data, run->mmio.len);
        }
        v->pending_io = true;
        break;
    case KVM_EXIT_HLT:
        /* Only without the in-kernel LAPIC: wait for a kick. */
        while (!__atomic_load_n(&cpu->exit_request, __ATOMIC_SEQ_CST) &&
               kvm_cpus.running) {
            qemu_cond_timedwait_iothread(&kvm_cpus.cond, 100);
        }
        break;
    case KVM_EXIT_SHUTDOWN:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "kvm: CPU %d shut down (triple "
                      "fault): system reset\n",
                      cpu->cpu_index);
        qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
        v->wait_reset = true;
        break;
    case KVM_EXIT_SYSTEM_EVENT:
        kvm_handle_system_event(cpu, run);
        break;
    case KVM_EXIT_INTERNAL_ERROR:
        kvm_handle_internal_error(cpu, run);
        break;
    case KVM_EXIT_FAIL_ENTRY:
        kvm_stop_on_error(
            cpu, "KVM: entry failed, hardware error 0x%" PRIx64 "\n",
            (uint64_t)run->fail_entry.hardware_entry_failure_reason);
        break;
    case KVM_EXIT_DEBUG:
        kvm_handle_debug_exit(cpu, run, &v->debug_reinject);
        break;
    case KVM_EXIT_IRQ_WINDOW_OPEN:
    case KVM_EXIT_INTR:
        break;
    default:
        kvm_stop_on_error(cpu, "KVM: unhandled exit reason %u\n",
                          run->exit_reason);
        break;
    }
}

/* What the vCPU must do before it may enter the guest; false: park. */
static bool kvm_vcpu_may_run(CPUState *cpu)
{
    KVMVCPU *v = vcpu_of(cpu);

    if (v->sync_request) {
        kvm_get_state(cpu);
        v->sync_request = false;
        g_cond_broadcast(&kvm_cpus.cond);
    }
    return kvm_cpus.running && !v->wait_reset;
}

static void *kvm_vcpu_thread(void *opaque)
{
    CPUState *cpu = opaque;
    KVMVCPU *v = vcpu_of(cpu);
    sigset_t set;

    current_vcpu = cpu;
    cpu->thread_id = gettid();
    sigemptyset(&set);
    sigaddset(&set, SIG_KICK);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    qemu_mutex_lock_iothread();
    for (;;) {
        int ret;

        if (!kvm_vcpu_may_run(cpu)) {
            kvm_complete_pending(v);
            v->stopped = true;
            g_cond_broadcast(&kvm_cpus.cond);
            qemu_cond_wait_iothread(&kvm_cpus.cond);
            continue;
        }
        v->stopped = false;
        if ((v->regs_dirty && !kvm_put_state(cpu)) ||
            !kvm_update_guest_debug(cpu, v->fd, &v->debug_gen,
                                    v->debug_reinject)) {
            vm_stop(RUN_STATE_INTERNAL_ERROR);
            continue;
        }
        v->debug_reinject = 0;
        qemu_mutex_unlock_iothread();
        if (__atomic_exchange_n(&cpu->exit_request, false, __ATOMIC_SEQ_CST)) {
            ret = -EINTR; /* kicked: look at the requests first */
        } else {
            ret = ioctl(v->fd, KVM_RUN, 0) < 0 ? -errno : 0;
            __atomic_store_n(&v->run->immediate_exit, 0, __ATOMIC_SEQ_CST);
        }
        qemu_mutex_lock_iothread();
        v->pending_io = false;
        if (ret == -EINTR || ret == -EAGAIN) {
            continue;
        }
        if (ret < 0) {
            kvm_stop_on_error(cpu, "error: kvm run failed %s\n",
                              g_strerror(-ret));
            continue;
        }
        kvm_handle_exit(cpu);
    }
    return NULL;
}

void kvm_create_vcpu_thread(CPUState *cpu)
{
    KVMVCPU *v = vcpu_of(cpu);

    if (pthread_create(&v->tid, NULL, kvm_vcpu_thread, cpu)) {
        error_report("kvm: cannot create the thread of CPU %d", cpu->cpu_index);
        exit(1);
    }
    v->started = true;
}

void kvm_kick_vcpu(CPUState *cpu)
{
    KVMVCPU *v = vcpu_of(cpu);

    g_cond_broadcast(&kvm_cpus.cond);
    if (v && v->started && !pthread_equal(v->tid, pthread_self())) {
        pthread_kill(v->tid, SIG_KICK);
    }
}

void kvm_resume_all(void)
{
    kvm_cpus.running = true;
    g_cond_broadcast(&kvm_cpus.cond);
}

/* Every other vCPU is out of KVM_RUN when this returns (lock held). */
void kvm_pause_all(void)
{
    bool all;

    kvm_cpus.running = false;
    CPU_FOREACH_INDEX(i)
    {
        qemu_cpu_kick(cpu_by_index(i));
    }
    do {
        all = true;
        CPU_FOREACH_INDEX(i)
        {
            CPUState *cpu = cpu_by_index(i);
            KVMVCPU *v = vcpu_of(cpu);

            all &= !v->started || v->stopped || cpu == current_vcpu;
        }
        if (!all) {
            qemu_cond_wait_iothread(&kvm_cpus.cond);
        }
    } while (!all);
}

void kvm_synchronize_state(CPUState *cpu)
{
    KVMVCPU *v = vcpu_of(cpu);

    if (!v || v->regs_dirty) {
        return;
    }
    if (!v->started || v->stopped || cpu == current_vcpu) {
        kvm_get_state(cpu);
        return;
    }
    v->sync_request = true;
    qemu_cpu_kick(cpu);
    while (v->sync_request) {
        qemu_cond_wait_iothread(&kvm_cpus.cond);
    }
}

/* After a system reset: env holds the reset state; it goes in first. */
void kvm_synchronize_post_reset(CPUState *cpu)
{
    KVMVCPU *v = vcpu_of(cpu);

    if (!v) {
        return;
    }
    v->regs_dirty = true;
    v->wait_reset = false;
    qemu_cpu_kick(cpu);
}

bool kvm_translate(CPUState *cpu, uint64_t vaddr, uint64_t *paddr)
{
    KVMVCPU *v = cpu ? vcpu_of(cpu) : NULL;
    struct kvm_translation tr = { .linear_address = vaddr };

    /* A running vCPU would hold the ioctl until its next exit. */
    if (!v || (v->started && !v->stopped && cpu != current_vcpu)) {
        return false;
    }
    if (kvm_ioctl(v->fd, KVM_TRANSLATE, &tr) < 0 || !tr.valid) {
        return false;
    }
    *paddr = tr.physical_address;
    return true;
}
