/*
 * A bare-metal program for the spike machine in the style of the RISC-V
 * ISA test suites: it talks to the host only through the HTIF words
 * `tohost` and `fromhost`.
 *
 *   1. "hello ": with USE_SYSCALL, through the syscall proxy (device 0,
 *      command 0): tohost = the address of a magic_mem block {SYS_write,
 *      fd 1, buf, len}; the host answers by writing fromhost, and the
 *      block's first word holds the syscall's return value (bytes
 *      written). Without it (QEMU 7.2 has no proxy), by putchar as in 2.
 *   2. "htif\n" one byte at a time through the console (device 1,
 *      command 1 = putchar).
 *   3. Exit: tohost = (EXIT_CODE << 1) | 1. EXIT_CODE 0 is a pass.
 *
 * If the write syscall returns anything but its length, the program exits
 * with 99 instead, so a host that ignores the proxy is told apart.
 */
#ifndef EXIT_CODE
#define EXIT_CODE 0
#endif
#define SYS_WRITE 64
#define BAD_WRITE 99

    .section .tohost, "aw", @progbits
    .align 6
    .globl tohost
    .type tohost, @object
    .size tohost, 8
tohost: .dword 0
    .align 6
    .globl fromhost
    .type fromhost, @object
    .size fromhost, 8
fromhost: .dword 0

    .data
    .align 6
magic_mem: .dword 0, 0, 0, 0, 0, 0, 0, 0
msg1: .ascii "hello "
msg1_end:
msg2: .ascii "htif\n"
msg2_end:
    .equ MSG1_LEN, msg1_end - msg1

    .section .text.init, "ax"
    .globl _start
_start:
    csrr t0, mhartid
    bnez t0, park

#ifdef USE_SYSCALL
    /* 1. write(1, msg1, len) through the syscall proxy. */
    la t0, magic_mem
    li t1, SYS_WRITE
    sd t1, 0(t0)
    li t1, 1
    sd t1, 8(t0)
    la t1, msg1
    sd t1, 16(t0)
    li t2, MSG1_LEN
    sd t2, 24(t0)
    fence
    mv a0, t0
    call htif_send
    ld t1, 0(t0)
    li t2, MSG1_LEN
    li a1, BAD_WRITE
    bne t1, t2, exit
#else
    /* 1. (QEMU 7.2 has no syscall proxy) "hello " by putchar too. */
    la s0, msg1
    la s1, msg1_end
    call putchars
#endif

    /* 2. The console's putchar, byte by byte. */
    la s0, msg2
    la s1, msg2_end
    call putchars

    li a1, EXIT_CODE
exit:
    slli a1, a1, 1
    ori a1, a1, 1
    la t1, tohost
    sd a1, 0(t1)
3:  j 3b

/* The bytes [s0, s1) through the console's putchar. */
putchars:
    mv s2, ra
1:  bgeu s0, s1, 2f
    lbu a0, 0(s0)
    li t1, 0x0101            /* device 1, command 1 */
    slli t1, t1, 48
    or a0, a0, t1
    call htif_send
    addi s0, s0, 1
    j 1b
2:  mv ra, s2
    ret

/* Post a0 in tohost, wait for the host's answer in fromhost, clear it. */
htif_send:
    la t1, tohost
    la t2, fromhost
    sd a0, 0(t1)
1:  ld t3, 0(t2)
    beqz t3, 1b
    sd zero, 0(t2)
    ret

park:
    wfi
    j park
