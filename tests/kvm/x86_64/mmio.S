/*
 * MMIO exits (KVM_EXIT_MMIO): the BIOS is a read-only memory slot, so a
 * store to it exits and is dropped; a hole (0xa0000, nothing mapped on
 * our pc) reads zero and ignores stores. RAM is plain memory.
 */
#include "guest.h"
    .code16
    .text
    .globl start
start:
    mov $0xf000, %ax       /* the BIOS image at 0xf0000 */
    mov %ax, %ds
    movb rom_byte, %bl
    movb $0x5a, rom_byte   /* store to ROM: exits, dropped */
    cmpb %bl, rom_byte
    check_eq 1
    xor %ax, %ax
    mov %ax, %ds
    movl $0x12345678, 0x600 /* RAM */
    cmpl $0x12345678, 0x600
    check_eq 2
    mov $0xa000, %ax
    mov %ax, %ds
    movl $0xdeadbeef, 0x10 /* a hole: the store goes nowhere */
    cmpl $0, 0x10
    check_eq 3
    exit_with PASS
rom_byte:
    .byte 0xa5
    reset_vector
