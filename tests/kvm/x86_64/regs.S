/*
 * For the monitor test: known values in EBX and ESI, then ECX counting
 * up for ever, so a stopped VM can be told from a running one. Each
 * round reads a port nothing answers: an exit to user space, so the
 * monitor's requests often find an I/O exit not yet completed.
 */
#include "guest.h"
    .code16
    .text
    .globl start
start:
    mov $0x12345678, %ebx
    mov $0xcafe, %esi
    xor %ecx, %ecx
1:  inc %ecx
    in $0x99, %al
    jmp 1b
    reset_vector
