/*
 * A triple fault (KVM_EXIT_SHUTDOWN): in protected mode with an empty
 * IDT, UD2 raises #UD, its delivery #GP, then #DF, which shuts the CPU
 * down (INT 3 would do, but this host's KVM cannot emulate INT n in
 * protected mode); the machine resets (RAM survives, so the second run sees the mark and
 * passes) or, with -no-reboot, the emulator exits with status 0.
 */
#include "guest.h"
#define MARK 0x600
    .code16
    .text
    .globl start
start:
    cli
    xor %ax, %ax
    mov %ax, %ds
    cmpw $0x1234, MARK
    jne first
    exit_with PASS
first:
    movw $0x1234, MARK
    mov $0xf000, %ax
    mov %ax, %ds
    lgdtl gdt_desc         /* DS = F000: the descriptor in the image */
    mov %cr0, %eax
    or $1, %eax
    mov %eax, %cr0
    ljmpl $0x08, $0xf0000 + pm32
    .code32
pm32:
    mov $0x10, %ax
    mov %ax, %ds
    lidt 0xf0000 + empty_idt
    ud2                    /* #UD, then #GP and #DF: no IDT */
    mov $1, %al            /* not reached */
    out %al, $DEBUG_EXIT_PORT
    hlt
    .p2align 3
gdt:
    .quad 0
    .quad 0x00cf9b000000ffff /* 0x08: flat 32-bit code */
    .quad 0x00cf93000000ffff /* 0x10: flat data */
gdt_desc:
    .word gdt_desc - gdt - 1
    .long 0xf0000 + gdt
empty_idt:
    .word 0
    .long 0
    .code16
    reset_vector
