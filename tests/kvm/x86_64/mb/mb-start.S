/*
 * The multiboot guests' start: the multiboot header (spec 3.1.1), the
 * entry (flat protected mode, EAX 0x2BADB002, EBX the boot information:
 * spec 3.2), a GDT and IDT of our own, an interrupt stub per vector that
 * calls isr_dispatch(vector), and the real-mode trampoline an AP runs
 * after its SIPI (Intel SDM vol. 3, 8.4.4 "MP Initialization Example").
 */
/* clang-format off */
#define MB_MAGIC 0x1badb002
#define MB_FLAGS 0x2                /* memory information wanted */

    .section .multiboot, "a"
    .align 4
    .long MB_MAGIC
    .long MB_FLAGS
    .long -(MB_MAGIC + MB_FLAGS)

    .text
    .code32
    .globl mb_entry
mb_entry:
    cli
    mov $stack_top, %esp
    push %ebx                       /* guest_start(magic, info) */
    push %eax
    lgdt gdt_desc
    ljmp $0x08, $1f
1:  mov $0x10, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %fs
    mov %ax, %gs
    mov %ax, %ss
    call idt_init
    lidt idt_desc
    call guest_start
2:  cli
    hlt
    jmp 2b

/* Stub i: push i, then the common part (16 bytes apart). */
    .align 16
    .globl isr_stubs
isr_stubs:
    .set vec, 0
    .rept 256
    .align 16
    push $vec
    jmp isr_common
    .set vec, vec + 1
    .endr

isr_common:
    pusha
    cld
    push 32(%esp)                   /* the vector */
    call isr_dispatch
    add $4, %esp
    popa
    add $4, %esp
    iret

/* An AP's first code: real mode at 0x8000 (CS 0x0800), copied there. */
    .code16
    .globl ap_trampoline, ap_trampoline_end
ap_trampoline:
    cli
    mov %cs, %ax
    mov %ax, %ds
    lgdtl ap_gdt_desc - ap_trampoline
    mov %cr0, %eax
    or $1, %eax
    mov %eax, %cr0
    ljmpl $0x08, $ap_entry32
    .align 4
ap_gdt_desc:
    .word gdt_end - gdt - 1
    .long gdt
ap_trampoline_end:

    .code32
ap_entry32:
    mov $0x10, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $ap_stack_top, %esp
    lidt idt_desc
    call ap_start
3:  cli
    hlt
    jmp 3b

    .data
    .align 8
gdt:
    .quad 0
    .quad 0x00cf9b000000ffff        /* 0x08: flat 32-bit code */
    .quad 0x00cf93000000ffff        /* 0x10: flat data */
gdt_end:
gdt_desc:
    .word gdt_end - gdt - 1
    .long gdt
    .globl idt_desc
idt_desc:
    .word 256 * 8 - 1
    .long idt

    .bss
    .align 16
    .globl idt
idt:
    .space 256 * 8
    .space 16384
stack_top:
    .space 8192
ap_stack_top:
    .section .note.GNU-stack, "", @progbits
