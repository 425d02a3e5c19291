/*
 * The guest-physical layout shared by the KVM test program (kvm-test.c, a
 * Linux program on the emulated riscv64 machine) and its guest code
 * (guest.S, run by the nested KVM).  Everything outside the one RAM
 * memslot is "unmapped": a guest access there exits as KVM_EXIT_MMIO.
 */
#ifndef KVM_TEST_H
#define KVM_TEST_H

#define GUEST_RAM_BASE    0x80000000
#define GUEST_RAM_SIZE    0x200000
#define GUEST_SHARED_FLAG (GUEST_RAM_BASE + 0x100000) /* vCPU 1 -> vCPU 0 */

/* The guest reports values by storing them here (one exit each). */
#define MMIO_BASE   0x10000000
#define MMIO_REPORT (MMIO_BASE + 0x00)
#define MMIO_LOAD64 (MMIO_BASE + 0x08) /* loads: the host supplies data */
#define MMIO_LOAD32 (MMIO_BASE + 0x10)
#define MMIO_DONE   (MMIO_BASE + 0xf8)
/* A byte load from far above RAM: a guest page fault on no memslot. */
#define UNMAPPED_ADDR 0x123456780

#define DONE_MAGIC  0xd0e
#define BOOT_ARG    0xfeedf00d /* a1 at entry, set with KVM_SET_ONE_REG */
#define SMP_OPAQUE  0x5ec0     /* HSM hart_start's opaque argument */
#define LOAD64_DATA 0x1122334455667788
/* Positive: Linux 6.12's KVM zero-extends an lw from MMIO (its MMIO return
 * path shifts the value as unsigned), which is not the ISA's lw. */
#define LOAD32_DATA   0x7ffe0001
#define UNMAPPED_DATA 0xa5
#define TIMER_DELTA   100000 /* ticks until the guest's timer fires */

/* SBI (SBI spec v2.0): extension ids, function ids. */
#define SBI_EXT_BASE              0x10
#define SBI_BASE_GET_SPEC_VERSION 0
#define SBI_BASE_PROBE_EXT        3
#define SBI_EXT_TIME              0x54494D45
#define SBI_EXT_HSM               0x48534D
#define SBI_HSM_HART_START        0
/* The experimental range (0x08000000-0x08FFFFFF): KVM forwards it to us. */
#define SBI_EXT_TEST 0x08000123
#define SBI_TEST_FID 7
#define SBI_TEST_RET 0xabcdef

#endif
