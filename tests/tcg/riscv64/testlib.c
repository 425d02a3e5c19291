/*
 * Trap handlers, output and exit of the bare-metal tests (see testlib.h).
 */
#include "testlib.h"

#define LSR_THRE 0x20

struct trap_record trap;
u64 boot_misa;
void (*volatile m_irq_hook)(u64 irq);
void (*volatile s_irq_hook)(u64 irq);
int (*volatile m_exc_hook)(struct trap_frame *f, u64 cause);
struct trap_frame *volatile m_trap_frame;
extern volatile s64 trap_vector_slot;
extern char run_in_mode_resume[];
extern char run_in_mode_ecall[];

void putch(char c)
{
    volatile uint8_t *uart = (volatile uint8_t *)UART_BASE;
    int spins = 100000;

    while (!(uart[5] & LSR_THRE) && --spins) {
    }
    uart[0] = c;
}

void puts_(const char *s)
{
    while (*s) {
        if (*s == '\n') {
            putch('\r');
        }
        putch(*s++);
    }
}

void puthex(u64 v)
{
    puts_("0x");
    for (int i = 60; i >= 0; i -= 4) {
        putch("0123456789abcdef"[(v >> i) & 0xf]);
    }
}

void putdec(s64 v)
{
    char buf[24];
    int n = 0;
    u64 u = v < 0 ? -(u64)v : (u64)v;

    if (v < 0) {
        putch('-');
    }
    do {
        buf[n++] = '0' + u % 10;
        u /= 10;
    } while (u);
    while (n) {
        putch(buf[--n]);
    }
}

void test_exit(int code)
{
    if (code == 0) {
        puts_("PASS\n");
        mmio_write32(FINISHER_BASE, 0x5555);
    } else {
        mmio_write32(FINISHER_BASE, ((u32)code << 16) | 0x3333);
    }
    for (;;) {
        __asm__ volatile("wfi");
    }
}

void check_fail(int code, const char *file, int line, const char *what, u64 got,
                u64 want, int has_values)
{
    puts_("FAIL check ");
    putdec(code);
    puts_(" (");
    puts_(file);
    puts_(":");
    putdec(line);
    puts_("): ");
    puts_(what);
    if (has_values) {
        puts_(": got ");
        puthex(got);
        puts_(", want ");
        puthex(want);
    }
    puts_("\n");
    test_exit(code);
}

static void unexpected(const char *who, u64 cause, u64 epc, u64 tval)
{
    puts_("FAIL unexpected trap in ");
    puts_(who);
    puts_(": cause ");
    puthex(cause);
    puts_(" epc ");
    puthex(epc);
    puts_(" tval ");
    puthex(tval);
    puts_("\n");
    test_exit(255);
}

void trap_arm(void)
{
    trap.count = 0;
    trap.cause = trap.tval = trap.epc = ~0UL;
    trap.handler = trap.from = ~0UL;
    trap.vector = -1;
    trap.virt = trap.gva = trap.tval2 = trap.tinst = ~0UL;
    trap.armed = 1;
}

static int is_fetch_fault(u64 cause)
{
    return cause == CAUSE_MISALIGNED_FETCH || cause == CAUSE_FETCH_ACCESS ||
           cause == CAUSE_FETCH_PAGE_FAULT || cause == CAUSE_FETCH_GUEST_PF;
}

/* Length of the instruction at epc (code is identity-mapped). */
static u64 insn_len(u64 epc)
{
    return (*(volatile uint16_t *)epc & 3) == 3 ? 4 : 2;
}

static void record(u64 handler, u64 cause, u64 tval, u64 epc, u64 from,
                   u64 status)
{
    trap.cause = cause;
    trap.tval = tval;
    trap.epc = epc;
    trap.handler = handler;
    trap.from = from;
    trap.status = status;
    trap.count++;
}

/* The H extension's part of a record (all ones without H). */
static void record_h(const struct trap_record *h)
{
    trap.virt = h->virt;
    trap.gva = h->gva;
    trap.tval2 = h->tval2;
    trap.tinst = h->tinst;
}

void m_trap_handler(struct trap_frame *f)
{
    u64 cause = csr_read(mcause);
    u64 epc = csr_read(mepc);
    u64 tval = csr_read(mtval);
    u64 status = csr_read(mstatus);
    u64 from = (status >> 11) & 3;
    s64 vec = trap_vector_slot;

    trap_vector_slot = -1;
    struct trap_record h = {
        .virt = ~0UL, .gva = ~0UL, .tval2 = ~0UL, .tinst = ~0UL
    };

    if (boot_misa & MISA_H) {
        h.virt = (status >> 39) & 1;
        h.gva = (status >> 38) & 1;
        h.tval2 = csr_read(0x34b);
        h.tinst = csr_read(0x34a);
    }
    m_trap_frame = f;
    if (cause & CAUSE_INTR) {
        if (!m_irq_hook) {
            unexpected("M (interrupt)", cause, epc, tval);
        }
        record(PRV_M, cause, tval, epc, from, status);
        record_h(&h);
        trap.vector = vec;
        m_irq_hook(cause & ~CAUSE_INTR);
        return;
    }
    if ((cause == CAUSE_USER_ECALL || cause == CAUSE_SUPERVISOR_ECALL ||
         cause == CAUSE_VS_ECALL) &&
        (epc == (u64)run_in_mode_ecall || f->x[17] == (u64)run_in_mode_ecall)) {
        /* Back to M-mode, after the call to run_in_mode(). */
        f->x[17] = 0;
        csr_clear(mstatus, MSTATUS_MPIE | (1UL << 39)); /* and MPV */
        csr_set(mstatus, MSTATUS_MPP);
        csr_write(mepc, (u64)run_in_mode_resume);
        return;
    }
    if (m_exc_hook && m_exc_hook(f, cause)) {
        return;
    }
    if (!trap.armed) {
        unexpected("M", cause, epc, tval);
    }
    trap.armed = 0;
    record(PRV_M, cause, tval, epc, from, status);
    record_h(&h);
    trap.vector = vec;
    csr_write(mepc, is_fetch_fault(cause) ? f->x[1] : epc + insn_len(epc));
}

/*
 * The body of the HS and VS handlers (in VS-mode the S-level CSR names
 * reach the VS CSRs). h: the H extension's part of the record.
 */
static void supervisor_trap(struct trap_frame *f, u64 handler,
                            void (*hook)(u64), const char *who,
                            const struct trap_record *h)
{
    u64 cause = csr_read(scause);
    u64 epc = csr_read(sepc);
    u64 tval = csr_read(stval);
    u64 status = csr_read(sstatus);
    u64 from = (status & MSTATUS_SPP) ? PRV_S : PRV_U;

    if (cause & CAUSE_INTR) {
        if (!hook) {
            unexpected(who, cause, epc, tval);
        }
        record(handler, cause, tval, epc, from, status);
        record_h(h);
        hook(cause & ~CAUSE_INTR);
        return;
    }
    if ((cause == CAUSE_USER_ECALL || cause == CAUSE_SUPERVISOR_ECALL ||
         cause == CAUSE_VS_ECALL) &&
        epc == (u64)run_in_mode_ecall) {
        /*
         * Delegated: pass it on to M-mode, which ends run_in_mode(); a7
         * tells it that this ecall stands for the one at run_in_mode_ecall.
         */
        register u64 a0 __asm__("a0") = f->x[10];
        register u64 a7 __asm__("a7") = (u64)run_in_mode_ecall;
        __asm__ volatile("ecall" ::"r"(a0), "r"(a7));
    }
    if (!trap.armed) {
        unexpected(who, cause, epc, tval);
    }
    trap.armed = 0;
    record(handler, cause, tval, epc, from, status);
    record_h(h);
    csr_write(sepc, is_fetch_fault(cause) ? f->x[1] : epc + insn_len(epc));
}

void s_trap_handler(struct trap_frame *f)
{
    struct trap_record h = {
        .virt = ~0UL, .gva = ~0UL, .tval2 = ~0UL, .tinst = ~0UL
    };

    if (boot_misa & MISA_H) {
        u64 hstatus = csr_read(0x600);
        h.virt = (hstatus >> 7) & 1;
        h.gva = (hstatus >> 6) & 1;
        h.tval2 = csr_read(0x643);
        h.tinst = csr_read(0x64a);
    }
    supervisor_trap(f, PRV_S, s_irq_hook, "S", &h);
}

void (*volatile vs_irq_hook)(u64 irq);

/* VS-mode handler (vstvec = vs_trap_entry); no H CSRs are visible. */
void vs_trap_handler(struct trap_frame *f)
{
    struct trap_record h = {
        .virt = ~0UL, .gva = ~0UL, .tval2 = ~0UL, .tinst = ~0UL
    };

    supervisor_trap(f, PRV_VS, vs_irq_hook, "VS", &h);
}

u64 run_in_vmode(int priv, u64 (*fn)(u64), u64 arg)
{
    csr_set(mstatus, 1UL << 39); /* MPV: the mret enters V=1 */
    return run_in_mode(priv, fn, arg);
}

/* Read by crt0's park loop: the function the other harts run. */
void (*volatile smp_entry)(u64);
uint8_t smp_stacks[SMP_MAX_HARTS][SMP_STACK_SIZE] __attribute__((aligned(16)));

void smp_start_all(void (*fn)(u64), u64 n)
{
    smp_entry = fn;
    __asm__ volatile("fence rw, rw" ::: "memory");
    for (u64 h = 1; h < n && h < SMP_MAX_HARTS; h++) {
        mmio_write32(CLINT_MSIP(h), 1);
    }
}

void smp_clear_msip(u64 hart)
{
    mmio_write32(CLINT_MSIP(hart), 0);
}
