/*
 * Two vCPUs: the BSP (APIC id 0) starts the AP with INIT and SIPI
 * through its local APIC's ICR (SDM vol. 3, 8.4.4.1) at the real-mode
 * trampoline copied to 0x8000; the AP enters protected mode and reports
 * its APIC id (from the APIC and from CPUID.01H:EBX[31:24]).
 */
#include "mb-lib.h"

#define TRAMPOLINE 0x8000

extern uint8_t ap_trampoline[], ap_trampoline_end[];

static volatile uint32_t ap_count, ap_apic_id = ~0u, ap_cpuid_id = ~0u;

void ap_main(void)
{
    uint32_t r[4];

    apic_enable(false);
    cpuid(1, 0, r);
    ap_apic_id = apic_read(APIC_ID) >> 24;
    ap_cpuid_id = r[1] >> 24;
    __atomic_add_fetch(&ap_count, 1, __ATOMIC_SEQ_CST);
}

static void send_ipi(uint32_t dest, uint32_t lo)
{
    apic_write(APIC_ICR_HI, dest << 24);
    apic_write(APIC_ICR_LO, lo);
    while (apic_read(APIC_ICR_LO) & (1u << 12)) { /* delivery pending */
        __asm__ volatile("pause");
    }
}

void guest_main(uint32_t magic, struct mb_info *info)
{
    uint32_t r[4];

    apic_enable(true);
    cpuid(1, 0, r);
    check(apic_read(APIC_ID) >> 24 == 0, 1);
    check(r[1] >> 24 == 0, 2);
    memcpy((void *)TRAMPOLINE, ap_trampoline,
           ap_trampoline_end - ap_trampoline);
    send_ipi(1, 0x4500); /* INIT, level assert */
    tsc_delay(10000000);
    for (int sipi = 0; sipi < 2 && !ap_count; sipi++) {
        send_ipi(1, 0x4600 | (TRAMPOLINE >> 12)); /* STARTUP */
        for (int i = 0; i < 2000 && !ap_count; i++) {
            tsc_delay(1000000);
        }
    }
    check(ap_count == 1, 3);
    check(ap_apic_id == 1, 4);
    check(ap_cpuid_id == 1, 5);
}
