/*
 * The local APIC timer in TSC-deadline mode (SDM vol. 3, 10.5.4.1), when
 * CPUID.01H:ECX[24] offers it (else the program reports a skip): an
 * armed deadline interrupts once and IA32_TSC_DEADLINE reads 0 after; a
 * deadline in the past fires at once; writing 0 disarms.
 */
#include "mb-lib.h"

#define VEC               0x31
#define IA32_TSC_DEADLINE 0x6e0

static volatile uint32_t ticks;

static void on_timer(int vec)
{
    ticks++;
    apic_write(APIC_EOI, 0);
}

void guest_main(uint32_t magic, struct mb_info *info)
{
    uint32_t r[4];
    uint64_t t0, took;

    cpuid(1, 0, r);
    if (!(r[2] & (1u << 24))) {
        guest_exit(SKIP);
    }
    set_handler(VEC, on_timer);
    pic_init(0x20, 0);
    apic_enable(true);
    apic_write(APIC_LVT_TMR, VEC | 2u << 17);
    t0 = rdtsc();
    wrmsr(IA32_TSC_DEADLINE, t0 + 20000000);
    check(hlt_until(&ticks, 1), 1);
    took = rdtsc() - t0;
    check(took >= 20000000, 2); /* not before the deadline */
    check(rdmsr(IA32_TSC_DEADLINE) == 0, 3);

    wrmsr(IA32_TSC_DEADLINE, rdtsc() - 1);
    check(hlt_until(&ticks, 2), 4);

    wrmsr(IA32_TSC_DEADLINE, rdtsc() + 20000000);
    wrmsr(IA32_TSC_DEADLINE, 0);
    __asm__ volatile("sti");
    tsc_delay(took * 3);
    __asm__ volatile("cli");
    check(ticks == 2, 5);
}
