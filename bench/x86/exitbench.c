/*
 * KVM exit round trips, timed by the guest's TSC (a multiboot kernel,
 * built with tests/kvm/x86_64/mb's runtime; bench/kvm-x86.py runs it):
 *   cpuid  CPUID, which KVM answers in the kernel
 *   pio    IN from port 0x99, where nothing is: answered in user space
 *   mmio   a load from 0xfebff000, unmapped: answered in user space
 *   ipi    an IPI to the other vCPU, which halts, wakes, and IPIs back
 *          while this one halts (two IPIs and two HLT wake-ups)
 * Each is the median over 7 batches of the cycles per iteration. The
 * results stay in registers (EAX cpuid, EBX pio, ECX mmio, EDX ipi) with
 * ESI = 0x600d600d, and the CPU halts: the host reads them with `info
 * registers`.
 */
#include "mb-lib.h"

#define PORT    0x99
#define MMIO    0xfebff000u
#define IPI_VEC 0x40
#define BATCHES 7

static volatile uint32_t bsp_wakes, ap_wakes, ap_ready;

static void on_ipi_bsp(int vec)
{
    bsp_wakes++;
    apic_write(APIC_EOI, 0);
}

static void on_ipi_ap(int vec)
{
    ap_wakes++;
    apic_write(APIC_EOI, 0);
    apic_write(APIC_ICR_HI, 0);
    apic_write(APIC_ICR_LO, IPI_VEC + 1); /* fixed, to APIC 0 */
}

void ap_main(void)
{
    apic_enable(false);
    __atomic_store_n(&ap_ready, 1, __ATOMIC_SEQ_CST);
    for (;;) {
        __asm__ volatile("sti; hlt; cli" ::: "memory");
    }
}

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

typedef void (*BenchFn)(uint32_t iters);

static void do_cpuid(uint32_t n)
{
    uint32_t r[4];

    while (n--) {
        cpuid(0, 0, r);
    }
}

static void do_pio(uint32_t n)
{
    while (n--) {
        (void)inb(PORT);
    }
}

static void do_mmio(uint32_t n)
{
    while (n--) {
        (void)*(volatile uint32_t *)(uintptr_t)MMIO;
    }
}

static void do_ipi(uint32_t n)
{
    while (n--) {
        uint32_t before = bsp_wakes;

        apic_write(APIC_ICR_HI, 1u << 24);
        apic_write(APIC_ICR_LO, IPI_VEC); /* fixed, to APIC 1 */
        while (bsp_wakes == before) {
            __asm__ volatile("sti; hlt; cli" ::: "memory");
        }
    }
}

static uint32_t measure(BenchFn fn, uint32_t iters)
{
    uint32_t per[BATCHES];

    fn(iters / 10); /* warm up */
    for (int b = 0; b < BATCHES; b++) {
        uint64_t t0 = rdtsc();

        fn(iters);
        per[b] = (uint32_t)(rdtsc() - t0) / iters; /* < 2^32 cycles */
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
    uint32_t c, p, m, i = 0;

    pic_init(0x20, 0);
    apic_enable(true);
    set_handler(IPI_VEC, on_ipi_ap);
    set_handler(IPI_VEC + 1, on_ipi_bsp);
    c = measure(do_cpuid, 20000);
    p = measure(do_pio, 5000);
    m = measure(do_mmio, 5000);
    start_ap();
    if (ap_ready) {
        i = measure(do_ipi, 2000);
    }
    __asm__ volatile("1: cli; hlt; jmp 1b"
                     :
                     : "a"(c), "b"(p), "c"(m), "d"(i), "S"(0x600d600du));
}
