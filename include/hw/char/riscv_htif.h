/*
 * The host-target interface (HTIF) of the Spike RISC-V simulator: two
 * 64-bit words in guest memory, `tohost` and `fromhost`, through which a
 * bare-metal program asks the host to print, read a character, proxy a
 * system call or end the simulation.
 *
 * A command written to tohost is
 *   bits 63:56 device, 55:48 command, 47:0 payload
 * and is consumed at once (tohost reads back as 0 afterwards). Answers
 * arrive in fromhost in the same format; the guest writes 0 to fromhost to
 * take one.
 *
 *   device 0 (syscall proxy), command 0:
 *     payload bit 0 set: exit, status payload >> 1 (0 is a pass);
 *     otherwise the address of a "magic_mem" block of 8 u64:
 *     { syscall number, arg0, arg1, arg2, ... }. The host stores the
 *     return value in its first word and answers fromhost = 1.
 *     Implemented: SYS_write (64) to fd 1 or 2, SYS_exit (93).
 *   device 1 (console), command 1: putchar (payload bits 7:0);
 *     answer (device 1, command 1, 0x100 | char).
 *   device 1 (console), command 0: getchar; answered when a character
 *     arrives: (device 1, command 0, 0x100 | char).
 *   anything else: a guest error, answered (device, command, 0).
 *
 * The device has two 8-byte MMIO regions, tohost (sysbus MMIO 0) and
 * fromhost (sysbus MMIO 1); the board lays them over RAM where the ELF's
 * `tohost` and `fromhost` symbols are.
 */
#ifndef HW_CHAR_RISCV_HTIF_H
#define HW_CHAR_RISCV_HTIF_H

#include "hw/sysbus.h"
#include "chardev/char.h"

#define TYPE_RISCV_HTIF "riscv.htif"
OBJECT_DECLARE_SIMPLE_TYPE(HTIFState, RISCV_HTIF)

#define HTIF_DEV_SYSCALL      0
#define HTIF_DEV_CONSOLE      1
#define HTIF_SYSCALL_CMD      0
#define HTIF_CONSOLE_CMD_GETC 0
#define HTIF_CONSOLE_CMD_PUTC 1

#define HTIF_DEV(cmd)     ((uint64_t)(cmd) >> 56)
#define HTIF_CMD(cmd)     (((uint64_t)(cmd) >> 48) & 0xff)
#define HTIF_PAYLOAD(cmd) ((uint64_t)(cmd)&0xffffffffffffULL)
#define HTIF_MAKE(dev, cmd, payload)                     \
    (((uint64_t)(dev) << 56) | ((uint64_t)(cmd) << 48) | \
     ((uint64_t)(payload)&0xffffffffffffULL))

/* System call numbers of the proxy (the RISC-V Linux numbers). */
#define HTIF_SYS_WRITE 64
#define HTIF_SYS_EXIT  93

/* The magic_mem block: 8 u64 words. */
#define HTIF_MAGIC_MEM_WORDS 8

struct HTIFState {
    SysBusDevice parent_obj;
    MemoryRegion tohost_mmio;   /* sysbus MMIO 0: 8 bytes */
    MemoryRegion fromhost_mmio; /* sysbus MMIO 1: 8 bytes */
    CharBackend chr;            /* the console; output dropped if none */
    uint64_t tohost;
    uint64_t fromhost;
    bool getc_pending; /* a getchar waits for a character */
};

#endif
