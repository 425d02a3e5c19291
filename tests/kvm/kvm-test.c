/*
 * A riscv64 Linux program that drives /dev/kvm (the KVM API: VM, memslot,
 * vCPUs, ONE_REG, KVM_RUN and its mmap'ed kvm_run) on the emulated machine,
 * i.e. through the CPU's hypervisor extension.  It runs guest.S and checks
 * every exit against a script of expected exits, then prints one verdict
 * line: "KVM-TEST: PASS ..." or "KVM-TEST: FAIL: <what>".
 *
 *   kvm-test            the functional test (one vCPU, then two)
 *   kvm-test bench [N]  N (10000) MMIO exits; prints ns per exit
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "kvm-test.h"

extern const char guest_blob_start[], guest_blob_end[];
extern const char guest_main[], guest_done_insn[], guest_timer_handler[];
extern const char guest_smp0[], guest_smp1[], guest_bench[];

#define GPA(sym) (GUEST_RAM_BASE + (uint64_t)((sym)-guest_blob_start))

#define REG_CORE(name)                                       \
    (KVM_REG_RISCV | KVM_REG_SIZE_U64 | KVM_REG_RISCV_CORE | \
     KVM_REG_RISCV_CORE_REG(name))
#define REG_CSR(name)                                       \
    (KVM_REG_RISCV | KVM_REG_SIZE_U64 | KVM_REG_RISCV_CSR | \
     KVM_REG_RISCV_CSR_REG(name))

#define SCAUSE_STI 0x8000000000000005ull /* interrupt, supervisor timer */
#define TIMEOUT_S  120

enum step_kind { MMIO_WRITE, MMIO_READ, SBI_FORWARD, DONE };

/* One expected exit.  Writes check data (or pass check()), reads supply it. */
struct step {
    const char *what;
    enum step_kind kind;
    uint64_t addr;
    uint32_t len;
    uint64_t data;
    bool (*check)(uint64_t value);
};

struct vcpu {
    int fd;
    struct kvm_run *run;
    int id;
    char err[512];
};

static int kvm_fd;
static size_t run_size;
static const char *volatile phase = "setup";

static bool fail(struct vcpu *v, const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(v->err, sizeof(v->err), "vCPU %d: ", v->id);

    va_start(ap, fmt);
    vsnprintf(v->err + n, sizeof(v->err) - n, fmt, ap);
    va_end(ap);
    return false;
}

static void die(const char *what)
{
    printf("KVM-TEST: FAIL: %s: %s (phase %s)\n", what, strerror(errno), phase);
    exit(1);
}

static void on_alarm(int sig)
{
    static const char msg[] = "KVM-TEST: FAIL: timed out (a vCPU hung) in ";
    (void)sig;
    if (write(1, msg, sizeof(msg) - 1) < 0 ||
        write(1, phase, strlen(phase)) < 0 || write(1, "\n", 1) < 0) {
        _exit(2);
    }
    _exit(1);
}

static uint64_t get_reg(struct vcpu *v, uint64_t id)
{
    uint64_t val = 0;
    struct kvm_one_reg r = { .id = id, .addr = (uintptr_t)&val };

    if (ioctl(v->fd, KVM_GET_ONE_REG, &r) < 0) {
        die("KVM_GET_ONE_REG");
    }
    return val;
}

static void set_reg(struct vcpu *v, uint64_t id, uint64_t val)
{
    struct kvm_one_reg r = { .id = id, .addr = (uintptr_t)&val };

    if (ioctl(v->fd, KVM_SET_ONE_REG, &r) < 0) {
        die("KVM_SET_ONE_REG");
    }
}

/* A VM with one RAM memslot at GUEST_RAM_BASE holding the guest code. */
static int create_vm(void)
{
    int vm = ioctl(kvm_fd, KVM_CREATE_VM, 0);
    void *ram;

    if (vm < 0) {
        die("KVM_CREATE_VM");
    }
    ram = mmap(NULL, GUEST_RAM_SIZE, PROT_READ | PROT_WRITE,
               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (ram == MAP_FAILED) {
        die("mmap guest RAM");
    }
    memcpy(ram, guest_blob_start, guest_blob_end - guest_blob_start);
    struct kvm_userspace_memory_region mr = {
        .slot = 0,
        .guest_phys_addr = GUEST_RAM_BASE,
        .memory_size = GUEST_RAM_SIZE,
        .userspace_addr = (uintptr_t)ram,
    };
    if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &mr) < 0) {
        die("KVM_SET_USER_MEMORY_REGION");
    }
    return vm;
}

static void create_vcpu(int vm, int id, struct vcpu *v)
{
    v->id = id;
    v->err[0] = 0;
    v->fd = ioctl(vm, KVM_CREATE_VCPU, id);
    if (v->fd < 0) {
        die("KVM_CREATE_VCPU");
    }
    v->run = mmap(NULL, run_size, PROT_READ | PROT_WRITE, MAP_SHARED, v->fd, 0);
    if (v->run == MAP_FAILED) {
        die("mmap kvm_run");
    }
}

static int vcpu_run(struct vcpu *v)
{
    int r;

    do {
        r = ioctl(v->fd, KVM_RUN, 0);
    } while (r < 0 && errno == EINTR);
    return r;
}

static uint64_t mmio_value(const struct kvm_run *run)
{
    uint64_t val = 0;

    memcpy(&val, run->mmio.data, run->mmio.len); /* little-endian host */
    return val;
}

static bool check_mmio(struct vcpu *v, const struct step *s)
{
    const struct kvm_run *run = v->run;
    bool write = s->kind == MMIO_WRITE || s->kind == DONE;

    if (run->exit_reason != KVM_EXIT_MMIO) {
        return fail(v, "%s: exit reason %u, expected KVM_EXIT_MMIO", s->what,
                    run->exit_reason);
    }
    if (run->mmio.phys_addr != s->addr || run->mmio.len != s->len ||
        run->mmio.is_write != write) {
        return fail(v,
                    "%s: MMIO %s of %u bytes at 0x%llx, expected %s of %u "
                    "at 0x%llx",
                    s->what, run->mmio.is_write ? "write" : "read",
                    run->mmio.len, (unsigned long long)run->mmio.phys_addr,
                    write ? "write" : "read", s->len,
                    (unsigned long long)s->addr);
    }
    return true;
}

static bool do_step(struct vcpu *v, const struct step *s)
{
    struct kvm_run *run = v->run;
    uint64_t val;

    if (s->kind == SBI_FORWARD) {
        if (run->exit_reason != KVM_EXIT_RISCV_SBI) {
            return fail(v, "%s: exit reason %u, expected KVM_EXIT_RISCV_SBI",
                        s->what, run->exit_reason);
        }
        if (run->riscv_sbi.extension_id != SBI_EXT_TEST ||
            run->riscv_sbi.function_id != SBI_TEST_FID) {
            return fail(v, "%s: SBI eid 0x%lx fid %lu, expected 0x%x fid %d",
                        s->what, run->riscv_sbi.extension_id,
                        run->riscv_sbi.function_id, SBI_EXT_TEST, SBI_TEST_FID);
        }
        for (unsigned i = 0; i < 6; i++) {
            if (run->riscv_sbi.args[i] != i + 1) {
                return fail(v, "%s: SBI arg %u is 0x%lx, expected %u", s->what,
                            i, run->riscv_sbi.args[i], i + 1);
            }
        }
        run->riscv_sbi.ret[0] = 0; /* SBI_SUCCESS */
        run->riscv_sbi.ret[1] = SBI_TEST_RET;
        return true;
    }
    if (!check_mmio(v, s)) {
        return false;
    }
    if (s->kind == MMIO_READ) {
        memcpy(run->mmio.data, &s->data, s->len);
        return true;
    }
    val = mmio_value(run);
    if (s->check ? !s->check(val) : val != s->data) {
        return fail(v, "%s: guest stored 0x%llx, expected %s0x%llx", s->what,
                    (unsigned long long)val, s->check ? "a value like " : "",
                    (unsigned long long)s->data);
    }
    return true;
}

/* Runs v through its expected exits; false with v->err set on a mismatch. */
static bool run_script(struct vcpu *v, const struct step *steps, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (vcpu_run(v) < 0) {
            return fail(v, "KVM_RUN before '%s': %s", steps[i].what,
                        strerror(errno));
        }
        if (!do_step(v, &steps[i])) {
            return false;
        }
    }
    /* At the done store the exit has not yet retired the instruction. */
    uint64_t pc = get_reg(v, REG_CORE(regs.pc));
    if (pc != GPA(guest_done_insn)) {
        return fail(v,
                    "KVM_GET_ONE_REG pc 0x%llx at the last exit, expected "
                    "0x%llx",
                    (unsigned long long)pc,
                    (unsigned long long)GPA(guest_done_insn));
    }
    return true;
}

static bool is_spec_version(uint64_t v)
{
    return ((v >> 24) & 0x7f) >= 1;
}
static bool is_nonzero(uint64_t v)
{
    return v != 0;
}
static bool waited_enough(uint64_t v)
{
    return v >= TIMER_DELTA;
}

#define W(what, val)                                \
    {                                               \
        what, MMIO_WRITE, MMIO_REPORT, 8, val, NULL \
    }
#define W_IF(what, fn)                          \
    {                                           \
        what, MMIO_WRITE, MMIO_REPORT, 8, 0, fn \
    }
#define STEP_DONE                                    \
    {                                                \
        "done", DONE, MMIO_DONE, 8, DONE_MAGIC, NULL \
    }

static const struct step main_script[] = {
    W("a1 from KVM_SET_ONE_REG", BOOT_ARG),
    W("a0 (hart id)", 0),
    { "ld from MMIO", MMIO_READ, MMIO_LOAD64, 8, LOAD64_DATA, NULL },
    W("the ld's value", LOAD64_DATA),
    { "lw from MMIO", MMIO_READ, MMIO_LOAD32, 4, LOAD32_DATA, NULL },
    W("the lw's value", LOAD32_DATA),
    { "sw to MMIO", MMIO_WRITE, MMIO_REPORT, 4, 0xcafe0004, NULL },
    { "sb to MMIO", MMIO_WRITE, MMIO_REPORT, 1, 0x5a, NULL },
    { "SBI call forwarded", SBI_FORWARD, 0, 0, 0, NULL },
    W("SBI error we returned", 0),
    W("SBI value we returned", SBI_TEST_RET),
    W("get_spec_version error", 0),
    W_IF("get_spec_version value (>= 1.0)", is_spec_version),
    W("probe_extension(TIME) error", 0),
    W_IF("probe_extension(TIME) value", is_nonzero),
    { "lbu outside memslots", MMIO_READ, UNMAPPED_ADDR, 1, UNMAPPED_DATA,
      NULL },
    W("the lbu's value", UNMAPPED_DATA),
    W("set_timer error", 0),
    W("scause in the trap handler (timer interrupt)", SCAUSE_STI),
    W_IF("ticks from set_timer to the interrupt", waited_enough),
    STEP_DONE,
};

static const struct step smp0_script[] = {
    W("HSM hart_start(1) error", 0),
    W("word vCPU 1 wrote to shared RAM", SMP_OPAQUE + 1),
    STEP_DONE,
};

static const struct step smp1_script[] = {
    W("a0 (hart id) from HSM", 1),
    W("a1 (opaque) from HSM", SMP_OPAQUE),
    STEP_DONE,
};

static bool test_one_vcpu(char *err, size_t len)
{
    int vm = create_vm();
    struct vcpu v;
    bool ok;

    phase = "one vCPU";
    create_vcpu(vm, 0, &v);
    set_reg(&v, REG_CORE(regs.pc), GPA(guest_main));
    set_reg(&v, REG_CORE(regs.a0), 0);
    set_reg(&v, REG_CORE(regs.a1), BOOT_ARG);
    ok =
        run_script(&v, main_script, sizeof(main_script) / sizeof(*main_script));
    if (ok && get_reg(&v, REG_CORE(regs.s2)) != 0x5eed) {
        ok = fail(&v, "KVM_GET_ONE_REG s2 is not the guest's 0x5eed");
    }
    if (ok && get_reg(&v, REG_CSR(scause)) != SCAUSE_STI) {
        ok = fail(&v, "KVM_GET_ONE_REG scause 0x%llx, expected 0x%llx",
                  (unsigned long long)get_reg(&v, REG_CSR(scause)), SCAUSE_STI);
    }
    if (ok && get_reg(&v, REG_CSR(stvec)) != GPA(guest_timer_handler)) {
        ok = fail(&v, "KVM_GET_ONE_REG stvec is not the guest's handler");
    }
    if (!ok) {
        snprintf(err, len, "%s", v.err);
    }
    close(v.fd);
    close(vm);
    return ok;
}

struct smp_job {
    struct vcpu v;
    const struct step *script;
    size_t n;
    bool ok;
};

static void *smp_thread(void *opaque)
{
    struct smp_job *j = opaque;

    j->ok = run_script(&j->v, j->script, j->n);
    return NULL;
}

/* vCPU 1 starts powered off; vCPU 0 starts it with SBI HSM hart_start. */
static bool test_two_vcpus(char *err, size_t len)
{
    int vm = create_vm();
    struct smp_job jobs[2] = {
        { .script = smp0_script,
          .n = sizeof(smp0_script) / sizeof(*smp0_script) },
        { .script = smp1_script,
          .n = sizeof(smp1_script) / sizeof(*smp1_script) },
    };
    pthread_t th[2];

    phase = "two vCPUs";
    for (int i = 0; i < 2; i++) {
        create_vcpu(vm, i, &jobs[i].v);
    }
    set_reg(&jobs[0].v, REG_CORE(regs.pc), GPA(guest_smp0));
    for (int i = 0; i < 2; i++) {
        if (pthread_create(&th[i], NULL, smp_thread, &jobs[i])) {
            die("pthread_create");
        }
    }
    for (int i = 0; i < 2; i++) {
        pthread_join(th[i], NULL);
    }
    for (int i = 0; i < 2; i++) {
        if (!jobs[i].ok) {
            snprintf(err, len, "%s", jobs[i].v.err);
            return false;
        }
        close(jobs[i].v.fd);
    }
    close(vm);
    return true;
}

static int bench(long n)
{
    int vm = create_vm();
    struct vcpu v;
    struct timespec t0, t1;
    long exits = 0;

    phase = "bench";
    create_vcpu(vm, 0, &v);
    set_reg(&v, REG_CORE(regs.pc), GPA(guest_bench));
    set_reg(&v, REG_CORE(regs.a0), n);
    /* The host's bench reads the emulator's CPU time at this line. */
    printf("KVM-BENCH: start\n");
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        if (vcpu_run(&v) < 0) {
            die("KVM_RUN");
        }
        if (v.run->exit_reason != KVM_EXIT_MMIO) {
            printf("KVM-BENCH: FAIL: exit reason %u\n", v.run->exit_reason);
            return 1;
        }
        if (v.run->mmio.phys_addr == MMIO_DONE) {
            break;
        }
        exits++;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ns = (t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec);
    if (exits != n) {
        printf("KVM-BENCH: FAIL: %ld exits, expected %ld\n", exits, n);
        return 1;
    }
    printf("KVM-BENCH: %ld MMIO exits, %.0f ns/exit\n", n, ns / n);
    return 0;
}

int main(int argc, char **argv)
{
    char err[512] = "";
    int api;

    setvbuf(stdout, NULL, _IONBF, 0);
    signal(SIGALRM, on_alarm);
    alarm(TIMEOUT_S);
    kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
    if (kvm_fd < 0) {
        die("open /dev/kvm");
    }
    api = ioctl(kvm_fd, KVM_GET_API_VERSION, 0);
    if (api != KVM_API_VERSION) {
        printf("KVM-TEST: FAIL: KVM API version %d, expected %d\n", api,
               KVM_API_VERSION);
        return 1;
    }
    run_size = ioctl(kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
    if ((long)run_size < (long)sizeof(struct kvm_run)) {
        die("KVM_GET_VCPU_MMAP_SIZE");
    }
    if (argc > 1 && !strcmp(argv[1], "bench")) {
        return bench(argc > 2 ? atol(argv[2]) : 10000);
    }
    if (!test_one_vcpu(err, sizeof(err)) || !test_two_vcpus(err, sizeof(err))) {
        printf("KVM-TEST: FAIL: %s\n", err);
        return 1;
    }
    printf("KVM-TEST: PASS: %zu exits on one vCPU, %zu on two (MMIO "
           "read/write, SBI forwarded and in-kernel, no-memslot fault, "
           "timer interrupt, HSM hart_start, ONE_REG)\n",
           sizeof(main_script) / sizeof(*main_script),
           sizeof(smp0_script) / sizeof(*smp0_script) +
               sizeof(smp1_script) / sizeof(*smp1_script));
    return 0;
}
