/* Entry: one hart runs the benchmark, the others park. */
    .section .text.start
    .globl _start
_start:
    csrr    t0, mhartid
    bnez    t0, park
    li      t0, 0x2000          /* mstatus.FS = Initial: enable FP */
    csrs    mstatus, t0
    la      sp, stack_top
    call    bench_main
park:
    wfi
    j       park

    .bss
    .align  4
    .space  16384
stack_top:
