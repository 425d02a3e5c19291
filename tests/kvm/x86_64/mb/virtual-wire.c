/*
 * The BSP as firmware hands it over: its local APIC in virtual wire mode
 * (MultiProcessor Specification 1.4, 3.6.2.2), LINT0 ExtINT and unmasked,
 * so the 8259's INTR reaches the CPU without the kernel touching the
 * APIC. SeaBIOS leaves it so under QEMU; our loaders, which stand in for
 * the firmware, must too. Checked: LINT0 at entry, then PIT ticks through
 * the PIC (IRQ 0, vector 0x20) each waking HLT, the APIC never written.
 */
#include "mb-lib.h"

#define LVT_MASKED      (1u << 16)
#define LVT_MODE(v)     (((v) >> 8) & 7)
#define LVT_MODE_EXTINT 7

static volatile uint32_t ticks;

static void on_irq0(int vec)
{
    ticks++;
    pic_eoi();
}

void guest_main(uint32_t magic, struct mb_info *info)
{
    uint32_t lint0 = apic_read(APIC_LINT0);

    check(!(lint0 & LVT_MASKED), 1);
    check(LVT_MODE(lint0) == LVT_MODE_EXTINT, 2);
    set_handler(0x20, on_irq0);
    pic_init(0x20, 1u << 0);
    pit_start(2, 0x2000); /* 8192 / 1.193 MHz: 6.9 ms */
    check(hlt_until(&ticks, 3), 3);
}
