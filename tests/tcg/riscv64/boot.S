/*
 * What the reset vector does with -bios none -kernel ELF: like QEMU 7.2, it
 * jumps to the start of RAM (0x80000000), not to the ELF entry point
 * (_start below, which is elsewhere), in M-mode, with a0 = mhartid and
 * a1 = the address of the device tree (its magic 0xd00dfeed, big-endian).
 * Exit status: 0 pass, 1 entered at the ELF entry, 2 a0 wrong,
 * 3 no device tree at a1, 4 not in M-mode.
 */
#define FINISHER 0x100000
#define FAIL(code) ((code << 16) | 0x3333)

    .section .text.init, "ax"
    .option norvc
dram_base:
    j at_base

    .align 4
    .globl _start
_start:
    li t1, FAIL(1)
    j finish

at_base:
    la t0, not_m_mode
    csrw mtvec, t0          /* traps below M would not get here */
    csrr t0, mhartid
    li t1, FAIL(2)
    bne a0, t0, finish
    lwu t0, 0(a1)
    li t2, 0xedfe0dd0
    li t1, FAIL(3)
    bne t0, t2, finish
    csrr t0, mstatus        /* illegal unless in M-mode */
    li t1, 0x5555
    j finish

    .align 2
not_m_mode:
    li t1, FAIL(4)
finish:
    li t0, FINISHER
    sw t1, 0(t0)
1:  wfi
    j 1b
