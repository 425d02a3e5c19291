/*
 * Port I/O exits (KVM_EXIT_IO): single and string accesses. An unassigned
 * port reads all ones, as on QEMU; then the result goes out to the
 * debug-exit port.
 */
#include "guest.h"
    .code16
    .text
    .globl start
start:
    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %es
    in $0x99, %al          /* nothing there: 0xff */
    cmp $0xff, %al
    check_eq 1
    mov $0x9a, %dx
    in %dx, %ax            /* 16 bits: 0xffff */
    cmp $0xffff, %ax
    check_eq 2
    mov $0x500, %di        /* rep insb: 4 bytes of 0xff into RAM */
    mov $4, %cx
    cld
    rep insb
    cmpl $0xffffffff, 0x500
    check_eq 3
    mov $0x500, %si        /* rep outsb to nowhere: ignored */
    mov $4, %cx
    rep outsb
    exit_with PASS
    reset_vector
