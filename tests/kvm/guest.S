/*
 * Guest code run by the nested KVM (see kvm-test.c for the host side and
 * the exits it expects, in order).  It is data for the host program: copied
 * to guest RAM at GUEST_RAM_BASE and entered in VS-mode with the MMU off,
 * so it only uses pc-relative addressing (lla, never la: in a PIE build la
 * loads the address from the host program's GOT, which the guest lacks).
 * No compressed instructions, so every MMIO exit has a 4-byte instruction
 * behind it.
 */
#include "kvm-test.h"

#define SSTATUS_SIE 0x2
#define SIE_STIE 0x20

/* report REG: one 8-byte MMIO store of REG to MMIO_REPORT */
.macro report reg
    sd \reg, 0(s0)
.endm

.macro sbi_call eid, fid
    li a7, \eid
    li a6, \fid
    ecall
.endm

    .section .rodata.guest, "a"
    .option norvc
    .balign 4
    .globl guest_blob_start, guest_blob_end
    .globl guest_main, guest_done_insn, guest_timer_handler
    .globl guest_smp0, guest_smp1, guest_bench
guest_blob_start:

/* Single vCPU: a0 = hart id, a1 = BOOT_ARG (both from KVM_SET_ONE_REG). */
guest_main:
    li s0, MMIO_REPORT
    report a1
    report a0

    /* MMIO loads: the host supplies the data, we echo what we got */
    li t0, MMIO_LOAD64
    ld t1, 0(t0)
    report t1
    li t0, MMIO_LOAD32
    lw t1, 0(t0)
    report t1

    /* narrower stores */
    li t1, 0xcafe0004
    sw t1, 0(s0)
    li t1, 0x5a
    sb t1, 0(s0)

    /* an SBI call KVM forwards to user space, with six arguments */
    li a0, 1
    li a1, 2
    li a2, 3
    li a3, 4
    li a4, 5
    li a5, 6
    sbi_call SBI_EXT_TEST, SBI_TEST_FID
    report a0
    report a1

    /* SBI calls KVM answers itself */
    sbi_call SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION
    report a0
    report a1
    li a0, SBI_EXT_TIME
    sbi_call SBI_EXT_BASE, SBI_BASE_PROBE_EXT
    report a0
    report a1

    /* a load from an address no memslot covers */
    li t0, UNMAPPED_ADDR
    lbu t1, 0(t0)
    report t1

    /* timer: SBI set_timer, then wfi until the handler runs */
    lla t0, guest_timer_handler
    csrw stvec, t0
    li t0, SIE_STIE
    csrs sie, t0
    csrr s1, time
    li t0, TIMER_DELTA
    add a0, s1, t0
    sbi_call SBI_EXT_TIME, 0
    report a0
    csrsi sstatus, SSTATUS_SIE
1:  wfi
    j 1b

    .balign 4
guest_timer_handler:
    csrr t1, scause
    report t1
    csrr t1, time
    sub t1, t1, s1
    report t1           /* ticks waited: at least TIMER_DELTA */
    li t0, SIE_STIE
    csrc sie, t0
    csrci sstatus, SSTATUS_SIE
    li s2, 0x5eed       /* the host reads it back with KVM_GET_ONE_REG */
done:
    li t0, MMIO_DONE
    li t1, DONE_MAGIC
guest_done_insn:
    sd t1, 0(t0)
2:  j 2b

/* Two vCPUs, boot hart: start hart 1, wait for its word in shared RAM. */
guest_smp0:
    li s0, MMIO_REPORT
    li a0, 1
    lla a1, guest_smp1
    li a2, SMP_OPAQUE
    sbi_call SBI_EXT_HSM, SBI_HSM_HART_START
    report a0
    li t0, GUEST_SHARED_FLAG
3:  ld t1, 0(t0)
    beqz t1, 3b
    report t1
    j done

/* Two vCPUs, hart 1: entered by HSM with a0 = hart id, a1 = opaque. */
guest_smp1:
    li s0, MMIO_REPORT
    report a0
    report a1
    addi t1, a1, 1
    li t0, GUEST_SHARED_FLAG
    sd t1, 0(t0)
    fence
    j done

/* Benchmark: a0 MMIO store exits, then done. */
guest_bench:
    li s0, MMIO_REPORT
4:  sw a0, 0(s0)
    addi a0, a0, -1
    bnez a0, 4b
    j done

guest_blob_end:
