/*
 * The local APIC timer (SDM vol. 3, 10.5.4), divide by 1: periodic
 * interrupts counted, each waking HLT; one-shot: one interrupt, then the
 * current count stays 0 and nothing more comes.
 */
#include "mb-lib.h"

#define VEC 0x30

static volatile uint32_t ticks;

static void on_timer(int vec)
{
    ticks++;
    apic_write(APIC_EOI, 0);
}

void guest_main(uint32_t magic, struct mb_info *info)
{
    uint64_t t0, per_tick;
    uint32_t base;

    set_handler(VEC, on_timer);
    pic_init(0x20, 0); /* the PIC stays quiet */
    apic_enable(true);
    apic_write(APIC_TMR_DIV, 0xb);
    apic_write(APIC_LVT_TMR, VEC | 1u << 17); /* periodic */
    apic_write(APIC_TMR_ICR, 2000000);
    check(hlt_until(&ticks, 1), 1);
    t0 = rdtsc();
    check(hlt_until(&ticks, 6), 2);
    per_tick = (rdtsc() - t0) / 5;
    check(per_tick > 0, 3);

    apic_write(APIC_TMR_ICR, 0); /* stops it */
    __asm__ volatile("sti");
    tsc_delay(per_tick * 2);
    __asm__ volatile("cli");
    base = ticks;
    apic_write(APIC_LVT_TMR, VEC); /* one-shot */
    apic_write(APIC_TMR_ICR, 2000000);
    check(hlt_until(&ticks, base + 1), 4);
    check(apic_read(APIC_TMR_CCR) == 0, 5);
    __asm__ volatile("sti");
    tsc_delay(per_tick * 10);
    __asm__ volatile("cli");
    check(ticks == base + 1, 6);
}
