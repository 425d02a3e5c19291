/*
 * For the monitor test: known values in EBX and ESI, then ECX counting
 * up for ever, so a stopped VM can be told from a running one.
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
    jmp 1b
    reset_vector
