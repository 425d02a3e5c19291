/*
 * The pc machine's ISA devices seen from a guest: CMOS bytes the BIOS
 * reads (register D, 640 KiB base memory, the CPU count), COM1 in
 * loopback, and COM1's THRE interrupt reaching the CPU through GSI 4 and
 * the in-kernel 8259 (vector 8 + 4), as hlt-irq's PIT tick does.
 */
#include "guest.h"
#define IRQS 0x500
    .code16
    .text
    .globl start
start:
    cli
    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %ss
    mov $0x7000, %sp
    movw $0, IRQS
    mov $0x0d, %al         /* CMOS register D: valid RAM and time */
    out %al, $0x70
    in $0x71, %al
    cmp $0x80, %al
    check_eq 1
    mov $0x15, %al         /* base memory, low byte: 640 = 0x280 */
    out %al, $0x70
    in $0x71, %al
    cmp $0x80, %al
    check_eq 2
    mov $0x5f, %al         /* CPUs minus one */
    out %al, $0x70
    in $0x71, %al
    cmp $0x00, %al
    check_eq 3
    mov $0x3fc, %dx        /* MCR: loopback */
    mov $0x10, %al
    out %al, %dx
    mov $0x3f8, %dx
    mov $0x5a, %al
    out %al, %dx
    mov $0x3fd, %dx        /* LSR: data ready */
    in %dx, %al
    test $0x01, %al
    jnz data_ready
    exit_with 4
data_ready:
    mov $0x3f8, %dx
    in %dx, %al
    cmp $0x5a, %al
    check_eq 5
    mov $0x3fc, %dx        /* MCR: OUT2, loopback off */
    mov $0x08, %al
    out %al, %dx
    mov $0x1b, %ecx        /* IA32_APIC_BASE: off, so INTR is the PIC's */
    rdmsr
    and $~0x800, %eax
    wrmsr
    movw $irq4, 0x30       /* IVT[12] = F000:irq4 */
    movw $0xf000, 0x32
    mov $0x11, %al         /* PIC ICW1..4, vectors 8-15, only IRQ 4 */
    out %al, $0x20
    mov $0x08, %al
    out %al, $0x21
    mov $0x04, %al
    out %al, $0x21
    mov $0x01, %al
    out %al, $0x21
    mov $0xef, %al
    out %al, $0x21
    mov $0x3f9, %dx        /* IER: THRE; the THR is empty, so IRQ 4 */
    mov $0x02, %al
    out %al, %dx
    sti
wait:
    hlt
    cmpw $1, IRQS
    jb wait
    cli
    exit_with PASS
irq4:
    push %ax
    push %dx
    incw IRQS
    mov $0x3f9, %dx        /* IER off: the line drops */
    xor %al, %al
    out %al, %dx
    mov $0x20, %al         /* EOI */
    out %al, $0x20
    pop %dx
    pop %ax
    iret
    reset_vector
