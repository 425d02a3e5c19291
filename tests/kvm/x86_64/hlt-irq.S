/*
 * HLT and an interrupt waking it: the in-kernel PIT (channel 0, rate
 * generator) raises IRQ 0 through the in-kernel PIC (vector 8); the CPU
 * halts between ticks. Three ticks, each acknowledged, then pass. The
 * local APIC is turned off first (IA32_APIC_BASE), so the PIC's INTR
 * reaches the CPU without the LINT0 set-up a BIOS would do.
 */
#include "guest.h"
#define TICKS 0x500
    .code16
    .text
    .globl start
start:
    cli
    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %ss
    mov $0x7000, %sp
    movw $0, TICKS
    movw $irq0, 0x20       /* IVT[8] = F000:irq0 */
    movw $0xf000, 0x22
    mov $0x1b, %ecx        /* IA32_APIC_BASE: clear the enable bit */
    rdmsr
    and $~0x800, %eax
    wrmsr
    mov $0x11, %al         /* PIC ICW1: edge, cascade, ICW4 */
    out %al, $0x20
    mov $0x08, %al         /* ICW2: vectors 8-15 */
    out %al, $0x21
    mov $0x04, %al         /* ICW3: slave on IRQ 2 */
    out %al, $0x21
    mov $0x01, %al         /* ICW4: 8086 mode */
    out %al, $0x21
    mov $0xfe, %al         /* OCW1: only IRQ 0 */
    out %al, $0x21
    mov $0x34, %al         /* PIT channel 0, lo/hi byte, mode 2 */
    out %al, $0x43
    mov $0x00, %al         /* 0x2000 ticks of 1.19 MHz: ~7 ms */
    out %al, $0x40
    mov $0x20, %al
    out %al, $0x40
    sti
idle:
    hlt
    cmpw $3, TICKS
    jb idle
    cli
    exit_with PASS
irq0:
    push %ax
    incw TICKS
    mov $0x20, %al         /* EOI */
    out %al, $0x20
    pop %ax
    iret
    reset_vector
