/*
 * The 8254 PIT through the 8259 PIC (IRQ 0, vector 0x20) and the local
 * APIC's LINT0 in ExtINT mode: periodic (mode 2) ticks counted, each one
 * waking HLT; then one-shot (mode 0): one interrupt and no more.
 */
#include "mb-lib.h"

static volatile uint32_t ticks;

static void on_irq0(int vec)
{
    ticks++;
    pic_eoi();
}

void guest_main(uint32_t magic, struct mb_info *info)
{
    uint64_t t0, per_tick;
    uint32_t base, after;

    set_handler(0x20, on_irq0);
    apic_enable(true);
    pic_init(0x20, 1u << 0);
    pit_start(2, 0x2000); /* 8192 / 1.193 MHz: 6.9 ms */
    check(hlt_until(&ticks, 1), 1);
    t0 = rdtsc();
    check(hlt_until(&ticks, 6), 2); /* each HLT woken by a tick */
    per_tick = (rdtsc() - t0) / 5;

    pit_start(0, 0x2000);
    base = ticks;
    check(hlt_until(&ticks, base + 1), 3);
    __asm__ volatile("sti");
    tsc_delay(per_tick * 3); /* a tick pending from mode 2 comes now */
    __asm__ volatile("cli");
    after = ticks;
    __asm__ volatile("sti");
    tsc_delay(per_tick * 10);
    __asm__ volatile("cli");
    check(ticks == after, 4); /* mode 0 does not repeat */
    check(after - base <= 2, 5);
}
