/*
 * The multiboot guests' runtime (see mb-lib.h): IDT set-up and interrupt
 * dispatch, APIC, PIC and PIT helpers.
 */
#include "mb-lib.h"

#define DEBUG_EXIT_PORT 0xf4
#define APIC_BASE       0xfee00000u

extern uint8_t isr_stubs[];
extern uint64_t idt[256];

static void (*handlers[256])(int vec);

void guest_exit(uint8_t code)
{
    outb(DEBUG_EXIT_PORT, code);
    for (;;) {
        __asm__ volatile("cli; hlt");
    }
}

/* 32-bit interrupt gates (SDM vol. 3, 6.11): selector 0x08, present. */
void idt_init(void)
{
    for (int i = 0; i < 256; i++) {
        uint32_t off = (uint32_t)(uintptr_t)(isr_stubs + 16 * i);

        idt[i] = (uint64_t)(off & 0xffff) | (0x08ull << 16) | (0x8eull << 40) |
                 ((uint64_t)(off >> 16) << 48);
    }
}

/* Exceptions end the program unless it handles them itself. */
void isr_dispatch(uint32_t vec)
{
    if (handlers[vec]) {
        handlers[vec](vec);
    } else if (vec < 32) {
        guest_exit(FAIL_EXCEPTION + vec);
    }
}

void set_handler(int vec, void (*fn)(int vec))
{
    handlers[vec] = fn;
}

void guest_start(uint32_t magic, struct mb_info *info)
{
    guest_main(magic, info);
    guest_exit(PASS);
}

__attribute__((weak)) void ap_main(void)
{
}

void ap_start(void)
{
    ap_main();
}

uint32_t apic_read(uint32_t reg)
{
    return *(volatile uint32_t *)(uintptr_t)(APIC_BASE + reg);
}

void apic_write(uint32_t reg, uint32_t v)
{
    *(volatile uint32_t *)(uintptr_t)(APIC_BASE + reg) = v;
}

void apic_enable(bool bsp)
{
    apic_write(APIC_SVR, 0x1ff); /* enabled, spurious vector 0xff */
    if (bsp) {
        apic_write(APIC_LINT0, 0x700); /* ExtINT: the PIC's INTR */
        apic_write(APIC_LINT1, 0x400); /* NMI */
    }
}

void pic_init(uint8_t base, uint16_t unmasked)
{
    outb(0x20, 0x11); /* ICW1: edge, cascade, ICW4 */
    outb(0x21, base);
    outb(0x21, 0x04); /* slave on IRQ 2 */
    outb(0x21, 0x01); /* 8086 mode */
    outb(0xa0, 0x11);
    outb(0xa1, base + 8);
    outb(0xa1, 0x02);
    outb(0xa1, 0x01);
    outb(0x21, ~unmasked & 0xff);
    outb(0xa1, ~unmasked >> 8);
}

void pic_eoi(void)
{
    outb(0x20, 0x20);
}

void pit_start(int mode, uint16_t count)
{
    outb(0x43, 0x30 | (mode << 1)); /* channel 0, lo/hi byte */
    outb(0x40, count & 0xff);
    outb(0x40, count >> 8);
}

bool hlt_until(volatile uint32_t *counter, uint32_t n)
{
    while (*counter < n) {
        uint32_t before = *counter;

        sti_hlt();
        if (*counter == before) {
            return false;
        }
    }
    return true;
}

void tsc_delay(uint64_t cycles)
{
    uint64_t end = rdtsc() + cycles;

    while (rdtsc() < end) {
        __asm__ volatile("pause");
    }
}

void *memcpy(void *d, const void *s, size_t n)
{
    uint8_t *dp = d;
    const uint8_t *sp = s;

    while (n--) {
        *dp++ = *sp++;
    }
    return d;
}

size_t strlen(const char *s)
{
    size_t n = 0;

    while (s[n]) {
        n++;
    }
    return n;
}
