/*
 * KVM exit round trips, timed by the guest's TSC (a multiboot kernel,
 * built with tests/kvm/x86_64/mb's runtime; bench/kvm-x86.py runs it):
 *   cpuid  CPUID, which KVM answers in the kernel
 *   pio    IN from port 0x99, where nothing is: answered in user space
 *   mmio   a load from 0xfebff000, unmapped: answered in user space
 *   ipi    an IPI to the other vCPU, which halts, wakes, and IPIs back
 *          while this one halts (two IPIs and two HLT wake-ups)
 * Each is the median over 7 batches of the cycles per iteration. The
 * iterations per batch can be set on the command line (-append "cpuid=N
 * pio=N mmio=N ipi=N"; slow nested hosts want fewer).
 *
 * The results go out on COM1, one line, then the guest ends through
 * isa-debug-exit with PASS:
 *   exitbench: cpuid=C pio=P mmio=M ipi=I ipi-late=L ipi-in-shadow=S
 *              ipi-max-ms=T
 * During the IPI ping-pong a LAPIC timer on the BSP ticks every 100 ms
 * ("wd=0" on the command line turns it off), a watchdog: ipi-late counts
 * the rounds whose reply had been handled while the BSP went on halting
 * until a tick woke it (a lost HLT wake-up; nested KVM on QEMU's TCG
 * loses some, with Debian's QEMU as with ours), which the ipi figure
 * leaves out; ipi-in-shadow counts the replies taken inside STI's
 * interrupt shadow, before the HLT (which then waits for the next
 * interrupt: a lost wake-up); ipi-max-ms is the slowest round. A round without
 * progress for 2 s ends the phase; the line then says ipi=n/a and why:
 * exitbench: cpuid=C pio=P mmio=M ipi=n/a stall round=R sent=S ap-woken=A
 * bsp-woken=B bsp-irr=0|1 (one line): how many IPIs each side got, and whether
 * the BSP's sits in its local APIC's IRR (requested, never delivered).
 */
#include "mb-lib.h"

#define PORT     0x99
#define MMIO     0xfebff000u
#define IPI_VEC  0x40 /* to the AP */
#define BACK_VEC 0x41 /* to the BSP */
#define WD_VEC   0x30
#define BATCHES  7
#define COM1     0x3f8
#define APIC_IRR 0x200

/* The watchdog: 1e8 counts, divide by 1 (KVM's APIC bus runs at 1 GHz). */
#define WD_COUNT       100000000u
#define WD_STALL_TICKS 20

static volatile uint32_t bsp_wakes, ap_wakes, ap_ready, wd_ticks;

/*
 * The BSP's wait: STI, then HLT in STI's interrupt shadow, so that an
 * interrupt already pending is taken only after HLT (SDM vol. 2, STI),
 * whose wake-up it then is. ESP is kept to find the interrupted EIP in
 * the frame the interrupt pushes (EFLAGS, CS, EIP: ring 0, no error code).
 */
uint32_t bsp_wait_esp;
void bsp_wait(void);
extern const char bsp_wait_hlt[];
__asm__(".text\n"
        ".globl bsp_wait, bsp_wait_hlt\n"
        "bsp_wait:\n"
        "    mov %esp, bsp_wait_esp\n"
        "    sti\n"
        "bsp_wait_hlt:\n"
        "    hlt\n"
        "    cli\n"
        "    ret\n");

static uint32_t ipi_in_shadow;

static void on_ipi_bsp(int vec)
{
    uint32_t eip = *(volatile uint32_t *)(uintptr_t)(bsp_wait_esp - 12);

    /* Taken before the HLT, inside the shadow: it returns to HLT. */
    ipi_in_shadow += eip == (uint32_t)(uintptr_t)bsp_wait_hlt;
    bsp_wakes++;
    apic_write(APIC_EOI, 0);
}

static void on_ipi_ap(int vec)
{
    ap_wakes++;
    apic_write(APIC_EOI, 0);
    apic_write(APIC_ICR_HI, 0);
    apic_write(APIC_ICR_LO, BACK_VEC); /* fixed, to APIC 0 */
}

static void on_watchdog(int vec)
{
    wd_ticks++;
    apic_write(APIC_EOI, 0);
}

static bool irr_has(uint32_t vec)
{
    return apic_read(APIC_IRR + 0x10 * (vec / 32)) & (1u << (vec % 32));
}

void ap_main(void)
{
    apic_enable(false);
    __atomic_store_n(&ap_ready, 1, __ATOMIC_SEQ_CST);
    for (;;) {
        __asm__ volatile("sti; hlt; cli" ::: "memory");
    }
}

/* ---- COM1 (a 16550: THR at +0, LSR at +5, bit 5 THR empty) ---- */

static void put_char(char c)
{
    for (int i = 0; i < 100000 && !(inb(COM1 + 5) & 0x20); i++) {
    }
    outb(COM1, c);
}

static void put_str(const char *s)
{
    while (*s) {
        put_char(*s++);
    }
}

static void put_u32(uint32_t v)
{
    char buf[11];
    int n = 0;

    do {
        buf[n++] = '0' + v % 10;
        v /= 10;
    } while (v);
    while (n) {
        put_char(buf[--n]);
    }
}

static void put_field(const char *name, uint32_t v)
{
    put_char(' ');
    put_str(name);
    put_char('=');
    put_u32(v);
}

/* ---- the command line: name=N words ---- */

static bool word_is(const char *s, const char *name)
{
    while (*name && *s == *name) {
        s++, name++;
    }
    return !*name && *s == '=';
}

static uint32_t arg(const struct mb_info *info, const char *name, uint32_t def)
{
    const char *s;

    if (!(info->flags & (1u << 2)) || !info->cmdline) {
        return def;
    }
    for (s = (const char *)(uintptr_t)info->cmdline; *s; s++) {
        if ((s == (const char *)(uintptr_t)info->cmdline || s[-1] == ' ') &&
            word_is(s, name)) {
            const char *digits = s + strlen(name) + 1;
            uint32_t v = 0;

            for (s = digits; *s >= '0' && *s <= '9'; s++) {
                v = v * 10 + (*s - '0');
            }
            return s > digits ? v : def;
        }
    }
    return def;
}

/* ---- the loops ---- */

static uint32_t median(uint32_t *v, int n)
{
    for (int i = 1; i < n; i++) {
        for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
            uint32_t t = v[j];

            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    }
    return v[n / 2];
}

/* n / d without libgcc's 64-bit division (shift and subtract). */
static uint64_t div64(uint64_t n, uint64_t d)
{
    uint64_t q = 0, r = 0;

    for (int i = 63; d && i >= 0; i--) {
        r = r << 1 | ((n >> i) & 1);
        if (r >= d) {
            r -= d;
            q |= 1ull << i;
        }
    }
    return q;
}

/*
 * One batch of n iterations; false: the loop gave up (only the IPI one
 * can). A loop that times its own iterations leaves the cycles and how
 * many it counted in *cycles and *counted (else the batch is timed).
 */
typedef bool (*BenchFn)(uint32_t n, uint64_t *cycles, uint32_t *counted);

static bool do_cpuid(uint32_t n, uint64_t *cycles, uint32_t *counted)
{
    uint32_t r[4];

    while (n--) {
        cpuid(0, 0, r);
    }
    return true;
}

static bool do_pio(uint32_t n, uint64_t *cycles, uint32_t *counted)
{
    while (n--) {
        (void)inb(PORT);
    }
    return true;
}

static bool do_mmio(uint32_t n, uint64_t *cycles, uint32_t *counted)
{
    while (n--) {
        (void)*(volatile uint32_t *)(uintptr_t)MMIO;
    }
    return true;
}

static uint32_t ipi_sent, stall_round, ipi_late;
static uint64_t ipi_max_round; /* TSC cycles: the slowest round */

/*
 * The rounds whose HLT wake-up was lost (late) are left out of the
 * timing: they measure the watchdog's period, not an exit.
 */
static bool do_ipi(uint32_t n, uint64_t *cycles, uint32_t *counted)
{
    for (uint32_t round = 0; round < n; round++) {
        uint32_t before = bsp_wakes, t0 = wd_ticks;
        uint64_t start = rdtsc(), took;
        bool late = false;

        ipi_sent++;
        apic_write(APIC_ICR_HI, 1u << 24);
        apic_write(APIC_ICR_LO, IPI_VEC); /* fixed, to APIC 1 */
        while (bsp_wakes == before) {
            if (wd_ticks - t0 >= WD_STALL_TICKS) {
                stall_round = round;
                return false;
            }
            uint32_t tick = wd_ticks;

            bsp_wait();
            /* Woken by the watchdog, yet the reply had come: late. */
            late |= bsp_wakes != before && wd_ticks != tick;
        }
        took = rdtsc() - start;
        ipi_max_round = took > ipi_max_round ? took : ipi_max_round;
        ipi_late += late;
        if (!late) {
            *cycles += took;
            ++*counted;
        }
    }
    return true;
}

/* The median cycles per iteration; 0 if the loop gave up. */
static uint32_t measure(BenchFn fn, uint32_t iters)
{
    uint32_t per[BATCHES];

    uint64_t cycles = 0;
    uint32_t counted = 0;

    iters = iters ? iters : 1;
    if (!fn(iters / 10 + 1, &cycles, &counted)) { /* warm up */
        return 0;
    }
    for (int b = 0; b < BATCHES; b++) {
        uint64_t t0 = rdtsc();

        cycles = counted = 0;
        if (!fn(iters, &cycles, &counted)) {
            return 0;
        }
        if (!counted) {
            cycles = rdtsc() - t0;
            counted = iters;
        }
        per[b] = div64(cycles, counted);
    }
    return median(per, BATCHES);
}

extern uint8_t ap_trampoline[], ap_trampoline_end[];

static void start_ap(void)
{
    memcpy((void *)0x8000, ap_trampoline, ap_trampoline_end - ap_trampoline);
    apic_write(APIC_ICR_HI, 1u << 24);
    apic_write(APIC_ICR_LO, 0x4500); /* INIT */
    tsc_delay(10000000);
    for (int sipi = 0; sipi < 2 && !ap_ready; sipi++) {
        apic_write(APIC_ICR_LO, 0x4608); /* STARTUP at 0x8000 */
        for (int i = 0; i < 2000 && !ap_ready; i++) {
            tsc_delay(1000000);
        }
    }
}

void guest_main(uint32_t magic, struct mb_info *info)
{
    uint32_t c, p, m, i = 0, ticks = 0;
    uint64_t t0 = 0, t1 = 0;

    pic_init(0x20, 0);
    apic_enable(true);
    set_handler(IPI_VEC, on_ipi_ap);
    set_handler(BACK_VEC, on_ipi_bsp);
    set_handler(WD_VEC, on_watchdog);
    c = measure(do_cpuid, arg(info, "cpuid", 20000));
    p = measure(do_pio, arg(info, "pio", 5000));
    m = measure(do_mmio, arg(info, "mmio", 5000));
    start_ap();
    if (ap_ready) {
        apic_write(APIC_TMR_DIV, 0xb);
        apic_write(APIC_LVT_TMR, WD_VEC | 1u << 17); /* periodic */
        apic_write(APIC_TMR_ICR, arg(info, "wd", 1) ? WD_COUNT : 0);
        t0 = rdtsc();
        i = measure(do_ipi, arg(info, "ipi", 2000));
        t1 = rdtsc();
        ticks = wd_ticks;
        apic_write(APIC_TMR_ICR, 0);
    }
    put_str("exitbench:");
    put_field("cpuid", c);
    put_field("pio", p);
    put_field("mmio", m);
    if (!ap_ready) {
        put_str(" ipi=n/a no-ap");
    } else if (!i) {
        put_str(" ipi=n/a stall");
        put_field("round", stall_round);
        put_field("sent", ipi_sent);
        put_field("ap-woken", ap_wakes);
        put_field("bsp-woken", bsp_wakes);
        put_field("bsp-irr", irr_has(BACK_VEC));
    } else {
        put_field("ipi", i);
        put_field("ipi-late", ipi_late);
        put_field("ipi-in-shadow", ipi_in_shadow);
    }
    if (ticks) { /* the slowest round in ms: 100 ms a tick */
        put_field("ipi-max-ms", div64(ipi_max_round * 100 * ticks, t1 - t0));
    }
    put_str("\r\n");
    guest_exit(PASS);
}
