/*
 * The runtime of the multiboot guest programs: port and MSR access, the
 * local APIC, the 8259 PIC and 8254 PIT, interrupt handlers, and the
 * report through isa-debug-exit (port 0xf4: writing V ends the emulator
 * with status (V << 1) | 1).
 */
#ifndef MB_LIB_H
#define MB_LIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PASS 0x21 /* status 0x43 */
#define SKIP 0x22 /* status 0x45: run-guest.py reports a skip */
/* Failures: the program's own codes are 1..0x3f; exceptions 0x40 + vector. */
#define FAIL_EXCEPTION 0x40

/* Multiboot information (spec 3.3), the fields the programs read. */
struct mb_info {
    uint32_t flags, mem_lower, mem_upper, boot_device, cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
    uint32_t drives_length, drives_addr, config_table, boot_loader_name;
};
struct mb_module {
    uint32_t start, end, string, reserved;
};

/* Each program's body. */
void guest_main(uint32_t magic, struct mb_info *info);
/* The AP's body (programs that start one); default: report nothing. */
void ap_main(void);

static inline void outb(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;

    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return (uint64_t)hi << 32 | lo;
}

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;

    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return (uint64_t)hi << 32 | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ volatile("wrmsr"
                     :
                     : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static inline void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
    __asm__ volatile("cpuid"
                     : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
                     : "a"(leaf), "c"(sub));
}

static inline void sti_hlt(void)
{
    __asm__ volatile("sti; hlt; cli" ::: "memory");
}

void guest_exit(uint8_t code) __attribute__((noreturn));
#define check(cond, code)     \
    do {                      \
        if (!(cond)) {        \
            guest_exit(code); \
        }                     \
    } while (0)

/* Interrupts: fn runs for vector vec (with interrupts off). */
void set_handler(int vec, void (*fn)(int vec));

/* Local APIC (xAPIC MMIO at its default base, SDM vol. 3, 10.4). */
#define APIC_ID      0x20
#define APIC_EOI     0xb0
#define APIC_SVR     0xf0
#define APIC_ICR_LO  0x300
#define APIC_ICR_HI  0x310
#define APIC_LVT_TMR 0x320
#define APIC_LINT0   0x350
#define APIC_LINT1   0x360
#define APIC_TMR_ICR 0x380
#define APIC_TMR_CCR 0x390
#define APIC_TMR_DIV 0x3e0
uint32_t apic_read(uint32_t reg);
void apic_write(uint32_t reg, uint32_t v);
/* Software-enable the APIC; the BSP also takes the PIC on LINT0. */
void apic_enable(bool bsp);

/* 8259 PICs: IRQ 0-7 at vectors base..base+7, only the unmasked ones. */
void pic_init(uint8_t base, uint16_t unmasked);
void pic_eoi(void);
/* 8254 channel 0: mode 2 (periodic) or 0 (one interrupt), count ticks. */
void pit_start(int mode, uint16_t count);

/* Halt until *counter reaches n; false if a wake-up found no new tick. */
bool hlt_until(volatile uint32_t *counter, uint32_t n);
/* Busy-wait about this many TSC cycles. */
void tsc_delay(uint64_t cycles);

void *memcpy(void *d, const void *s, size_t n);
size_t strlen(const char *s);

#endif
