/*
 * Real-mode guest programs run as the pc machine's BIOS under -accel kvm.
 * They report through isa-debug-exit at port 0xf4 (iosize=4): writing V
 * ends the emulator with status (V << 1) | 1.
 *
 * Assembler macros, not C: clang-format must leave them alone.
 */
/* clang-format off */
#define DEBUG_EXIT_PORT 0xf4
#define PASS            0x21 /* status 0x43 */

/* The reset vector: far jump to the start of the image. */
.macro reset_vector
    .section .resetvec, "ax"
    ljmp $0xf000, $start
    .fill 11, 1, 0xf4
    .text
.endm

/* Report \code and stop. */
.macro exit_with code
    mov $\code, %al
    out %al, $DEBUG_EXIT_PORT
1:  hlt
    jmp 1b
.endm

/* Fail with \code unless the zero flag is set. */
.macro check_eq code
    je 2f
    exit_with \code
2:
.endm
