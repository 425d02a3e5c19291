/*
 * HTIF console input on the spike machine: echo one line.
 *
 * Repeatedly: post getchar (device 1, command 0) in tohost, wait for the
 * answer in fromhost, which must be (device 1, command 0, 0x100 | char),
 * take it (fromhost = 0) and print the character with putchar (device 1,
 * command 1). After a newline, exit with status 0. A malformed answer
 * exits with status 9.
 */
#define CONSOLE_GETC 0x0100000000000000
#define CONSOLE_PUTC 0x0101000000000000
#define BAD_ANSWER 9

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

    .section .text.init, "ax"
    .globl _start
_start:
    csrr t0, mhartid
    bnez t0, park
    la s2, tohost
    la s3, fromhost

next:
    li a0, CONSOLE_GETC
    call htif_send
    srli t1, a0, 8           /* (device, command, 0x100 >> 8) */
    li t2, CONSOLE_GETC >> 8
    addi t2, t2, 1
    bne t1, t2, bad
    andi s1, a0, 0xff
    li a0, CONSOLE_PUTC
    or a0, a0, s1
    call htif_send
    li t1, '\n'
    bne s1, t1, next
    li a1, 0
    j exit
bad:
    li a1, BAD_ANSWER
exit:
    slli a1, a1, 1
    ori a1, a1, 1
    sd a1, 0(s2)
1:  j 1b

/* Post a0 in tohost; return the answer from fromhost (and clear it). */
htif_send:
    sd a0, 0(s2)
1:  ld a0, 0(s3)
    beqz a0, 1b
    sd zero, 0(s3)
    ret

park:
    wfi
    j park
