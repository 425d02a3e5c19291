/*
 * Start-up code and trap entry points of the bare-metal tests.
 *
 * _start runs in M-mode on hart 0 (other harts park in WFI until
 * smp_start_all in testlib.c hands them a function): stack, BSS,
 * trap vectors, a PMP entry that opens all memory to S/U (without one, S/U
 * accesses fault), FPU on, then main(); its return value is the exit code.
 *
 * m_trap_entry / s_trap_entry save all registers in a struct trap_frame on
 * a dedicated trap stack (found through mscratch / sscratch) and call the C
 * handlers in testlib.c, which may change the saved registers; then they
 * restore them and return with mret / sret.
 */
#define FRAME 256
#define SAVE(r) sd x##r, (r * 8)(sp)
#define LOAD(r) ld x##r, (r * 8)(sp)

.macro save_regs
    SAVE(1); SAVE(3); SAVE(4); SAVE(5); SAVE(6); SAVE(7); SAVE(8); SAVE(9)
    SAVE(10); SAVE(11); SAVE(12); SAVE(13); SAVE(14); SAVE(15); SAVE(16)
    SAVE(17); SAVE(18); SAVE(19); SAVE(20); SAVE(21); SAVE(22); SAVE(23)
    SAVE(24); SAVE(25); SAVE(26); SAVE(27); SAVE(28); SAVE(29); SAVE(30)
    SAVE(31)
.endm

.macro load_regs
    LOAD(1); LOAD(3); LOAD(4); LOAD(5); LOAD(6); LOAD(7); LOAD(8); LOAD(9)
    LOAD(10); LOAD(11); LOAD(12); LOAD(13); LOAD(14); LOAD(15); LOAD(16)
    LOAD(17); LOAD(18); LOAD(19); LOAD(20); LOAD(21); LOAD(22); LOAD(23)
    LOAD(24); LOAD(25); LOAD(26); LOAD(27); LOAD(28); LOAD(29); LOAD(30)
    LOAD(31)
.endm

    .section .text.init, "ax"
    .globl _start
_start:
    csrr t0, mhartid
    bnez t0, park
.option push
.option norelax
    la gp, __global_pointer$
.option pop
    la sp, __stack_top
    la t0, m_trap_entry
    csrw mtvec, t0
    la t0, __bss_start
    la t1, __bss_end
1:  bgeu t0, t1, 2f
    sd zero, 0(t0)
    addi t0, t0, 8
    j 1b
2:  csrr t0, misa
    la t1, boot_misa
    sd t0, 0(t1)
    la t0, __mtrap_stack_top
    csrw mscratch, t0
    la t0, __strap_stack_top
    csrw sscratch, t0
    la t0, s_trap_entry
    csrw stvec, t0
    li t0, -1
    csrw pmpaddr0, t0
    li t0, 0x1f             /* NAPOT, R W X, whole address space */
    csrw pmpcfg0, t0
    li t0, (1 << 13)        /* mstatus.FS = Initial */
    csrs mstatus, t0
    csrwi fcsr, 0
    call main
    call test_exit
/*
 * Other harts: WFI with only mie.MSIE enabled (mstatus.MIE stays 0, so no
 * trap) until hart 0 stores smp_entry and raises their MSIP; then
 * smp_entry(hartid) on the hart's own stack, and back to sleep.
 */
park:
    li t0, (1 << 3)
    csrw mie, t0
1:  wfi
    la t1, smp_entry
    ld t1, 0(t1)
    beqz t1, 1b
.option push
.option norelax
    la gp, __global_pointer$
.option pop
    csrr a0, mhartid
    la sp, smp_stacks
    addi t0, a0, 1
    slli t0, t0, 13         /* SMP_STACK_SIZE */
    add sp, sp, t0
    li t0, (1 << 13)        /* mstatus.FS = Initial */
    csrs mstatus, t0
    jalr t1
2:  wfi
    j 2b

    .text
    .align 6
    .globl m_trap_entry
m_trap_entry:
    csrrw sp, mscratch, sp
    addi sp, sp, -FRAME
    save_regs
    csrr t0, mscratch
    sd t0, 16(sp)
    addi t0, sp, FRAME
    csrw mscratch, t0
    mv a0, sp
    call m_trap_handler
    load_regs
    ld sp, 16(sp)
    mret

/* S-level entries (HS and VS): sscratch is the current level's. */
.macro s_level_entry name, handler
    .align 6
    .globl \name
\name:
    csrrw sp, sscratch, sp
    addi sp, sp, -FRAME
    save_regs
    csrr t0, sscratch
    sd t0, 16(sp)
    addi t0, sp, FRAME
    csrw sscratch, t0
    mv a0, sp
    call \handler
    load_regs
    ld sp, 16(sp)
    sret
.endm

    s_level_entry s_trap_entry, s_trap_handler
    s_level_entry vs_trap_entry, vs_trap_handler

/*
 * Vectored mode: entry i of the table records i in trap_vector_slot and
 * continues at the common entry point, with every register preserved.
 */
.macro vec_entry n
    .align 2
    j vec_\n
.endm
.macro vec_stub n
vec_\n:
    csrrw sp, mscratch, sp
    addi sp, sp, -16
    sd t0, 0(sp)
    sd t1, 8(sp)
    li t0, \n
    la t1, trap_vector_slot
    sd t0, 0(t1)
    ld t0, 0(sp)
    ld t1, 8(sp)
    addi sp, sp, 16
    csrrw sp, mscratch, sp
    j m_trap_entry
.endm

    .align 8
    .globl m_vector_table
m_vector_table:
    vec_entry 0
    vec_entry 1
    vec_entry 2
    vec_entry 3
    vec_entry 4
    vec_entry 5
    vec_entry 6
    vec_entry 7
    vec_entry 8
    vec_entry 9
    vec_entry 10
    vec_entry 11
    vec_entry 12
    vec_entry 13
    vec_entry 14
    vec_entry 15
    vec_stub 0
    vec_stub 1
    vec_stub 2
    vec_stub 3
    vec_stub 4
    vec_stub 5
    vec_stub 6
    vec_stub 7
    vec_stub 8
    vec_stub 9
    vec_stub 10
    vec_stub 11
    vec_stub 12
    vec_stub 13
    vec_stub 14
    vec_stub 15

/*
 * uint64_t run_in_mode(int priv, uint64_t (*fn)(uint64_t), uint64_t arg)
 * Runs fn(arg) in privilege mode priv (0 = U, 1 = S) through mret; when fn
 * returns, the ecall at run_in_mode_ecall brings us back to M-mode at
 * run_in_mode_resume (the M trap handler arranges that) with fn's result.
 */
    .globl run_in_mode
run_in_mode:
    addi sp, sp, -112
    sd ra, 0(sp)
    sd s0, 8(sp)
    sd s1, 16(sp)
    sd s2, 24(sp)
    sd s3, 32(sp)
    sd s4, 40(sp)
    sd s5, 48(sp)
    sd s6, 56(sp)
    sd s7, 64(sp)
    sd s8, 72(sp)
    sd s9, 80(sp)
    sd s10, 88(sp)
    sd s11, 96(sp)
    csrr t0, mstatus
    andi t0, t0, 8          /* MIE, given back on return */
    sd t0, 104(sp)
    li t0, 0x88             /* MIE, MPIE: M-mode sees no interrupt until */
    csrc mstatus, t0        /* we are back (S/U always take M's anyway) */
    la t0, run_in_mode_saved_sp
    sd sp, 0(t0)
    li t0, (3 << 11)
    csrc mstatus, t0
    slli t1, a0, 11
    csrs mstatus, t1
    csrw mepc, a1
    mv a0, a2
    la ra, run_in_mode_back
    addi sp, sp, -64        /* the lower mode's stack continues below */
    mret
run_in_mode_back:
    .globl run_in_mode_ecall
run_in_mode_ecall:
    ecall
    .globl run_in_mode_resume
run_in_mode_resume:
    la t0, run_in_mode_saved_sp
    ld sp, 0(t0)
    ld ra, 0(sp)
    ld s0, 8(sp)
    ld s1, 16(sp)
    ld s2, 24(sp)
    ld s3, 32(sp)
    ld s4, 40(sp)
    ld s5, 48(sp)
    ld s6, 56(sp)
    ld s7, 64(sp)
    ld s8, 72(sp)
    ld s9, 80(sp)
    ld s10, 88(sp)
    ld s11, 96(sp)
    ld t0, 104(sp)
    csrs mstatus, t0
    addi sp, sp, 112
    ret

    .data
    .align 3
run_in_mode_saved_sp:
    .dword 0
    .globl trap_vector_slot
trap_vector_slot:
    .dword -1
