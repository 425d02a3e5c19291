/*
 * Tiny library of the bare-metal RISC-V tests (see crt0.S, testlib.c).
 *
 * A test is a main() returning 0; CHECK()/CHECK_EQ() end the run at the
 * first failed check, through the SiFive test finisher, with an exit status
 * that numbers the check (its index in the file, 1..254), after printing
 * file, line and values on the UART.  255 means an unexpected trap.
 *
 * Traps the test expects: TRAP_EXPECT(stmt) arms the handler, runs stmt and
 * leaves what was taken in `trap` (cause, tval, epc, the mode that handled
 * it and the mode it came from).  The handler skips the faulting
 * instruction, or, for instruction fetch faults, resumes at ra (so fetch
 * faults are provoked by calling a function pointer).
 */
#ifndef TESTLIB_H
#define TESTLIB_H

#include <stdint.h>

typedef uint64_t u64;
typedef int64_t s64;
typedef uint32_t u32;
typedef int32_t s32;

#define PRV_U 0
#define PRV_S 1
#define PRV_M 3
/* trap.handler for a trap taken into VS-mode (vs_trap_entry). */
#define PRV_VS 5

#define UART_BASE         0x10000000UL
#define FINISHER_BASE     0x100000UL
#define CLINT_BASE        0x2000000UL
#define CLINT_MSIP(h)     (CLINT_BASE + 4 * (h))
#define CLINT_MTIMECMP(h) (CLINT_BASE + 0x4000 + 8 * (h))
#define CLINT_MTIME       (CLINT_BASE + 0xbff8)

/* An address with nothing behind it in the virt machine. */
#define UNMAPPED_ADDR 0x800UL

#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS     1
#define CAUSE_ILLEGAL_INSN     2
#define CAUSE_BREAKPOINT       3
#define CAUSE_MISALIGNED_LOAD  4
#define CAUSE_LOAD_ACCESS      5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS     7
#define CAUSE_USER_ECALL       8
#define CAUSE_SUPERVISOR_ECALL 9
#define CAUSE_VS_ECALL         10
#define CAUSE_MACHINE_ECALL    11
#define CAUSE_FETCH_PAGE_FAULT 12
#define CAUSE_LOAD_PAGE_FAULT  13
#define CAUSE_STORE_PAGE_FAULT 15
#define CAUSE_FETCH_GUEST_PF   20
#define CAUSE_LOAD_GUEST_PF    21
#define CAUSE_VIRTUAL_INSN     22
#define CAUSE_STORE_GUEST_PF   23
#define CAUSE_INTR             (1UL << 63)

#define IRQ_S_SOFT  1
#define IRQ_M_SOFT  3
#define IRQ_S_TIMER 5
#define IRQ_M_TIMER 7
#define IRQ_S_EXT   9
#define IRQ_M_EXT   11

#define MSTATUS_SIE  (1UL << 1)
#define MSTATUS_MIE  (1UL << 3)
#define MSTATUS_SPIE (1UL << 5)
#define MSTATUS_MPIE (1UL << 7)
#define MSTATUS_SPP  (1UL << 8)
#define MSTATUS_MPP  (3UL << 11)
#define MSTATUS_FS   (3UL << 13)
#define MSTATUS_MPRV (1UL << 17)
#define MSTATUS_SUM  (1UL << 18)
#define MSTATUS_MXR  (1UL << 19)
#define MSTATUS_TVM  (1UL << 20)
#define MSTATUS_TW   (1UL << 21)
#define MSTATUS_TSR  (1UL << 22)

#define STR_(x) #x
#define STR(x)  STR_(x)

#define csr_read(csr)                                                \
    ({                                                               \
        u64 v_;                                                      \
        __asm__ volatile("csrr %0, " STR(csr) : "=r"(v_)::"memory"); \
        v_;                                                          \
    })
#define csr_write(csr, val) \
    __asm__ volatile("csrw " STR(csr) ", %0" ::"r"((u64)(val)) : "memory")
#define csr_set(csr, val) \
    __asm__ volatile("csrs " STR(csr) ", %0" ::"r"((u64)(val)) : "memory")
#define csr_clear(csr, val) \
    __asm__ volatile("csrc " STR(csr) ", %0" ::"r"((u64)(val)) : "memory")
#define csr_swap(csr, val)                            \
    ({                                                \
        u64 v_;                                       \
        __asm__ volatile("csrrw %0, " STR(csr) ", %1" \
                         : "=r"(v_)                   \
                         : "r"((u64)(val))            \
                         : "memory");                 \
        v_;                                           \
    })

static inline void mmio_write32(u64 addr, u32 v)
{
    *(volatile u32 *)addr = v;
}
static inline u32 mmio_read32(u64 addr)
{
    return *(volatile u32 *)addr;
}
static inline void mmio_write64(u64 addr, u64 v)
{
    *(volatile u64 *)addr = v;
}
static inline u64 mmio_read64(u64 addr)
{
    return *(volatile u64 *)addr;
}

/* What the last expected trap was. */
struct trap_record {
    volatile u64 armed;   /* set by TRAP_EXPECT, cleared by the trap */
    volatile u64 count;   /* traps taken since TRAP_EXPECT */
    volatile u64 cause;   /* mcause / scause */
    volatile u64 tval;    /* mtval / stval */
    volatile u64 epc;     /* mepc / sepc */
    volatile u64 handler; /* PRV_M or PRV_S: the mode that took it */
    volatile u64 from;    /* the mode it was taken from (MPP / SPP) */
    volatile u64 status;  /* mstatus / sstatus in the handler */
    volatile s64 vector;  /* vectored mtvec: entry used, else -1 */
    /* With the H extension (misa.H): */
    volatile u64 virt;  /* mstatus.MPV / hstatus.SPV: trapped from V=1 */
    volatile u64 gva;   /* mstatus.GVA / hstatus.GVA */
    volatile u64 tval2; /* mtval2 / htval */
    volatile u64 tinst; /* mtinst / htinst */
};
extern struct trap_record trap;

/* Saved registers in the trap handlers; x[2] is the interrupted sp. */
struct trap_frame {
    u64 x[32];
};

/*
 * Interrupt hooks: called from the M (or S) handler with the interrupt
 * number; must clear the source.  Unset: an interrupt is an unexpected trap.
 */
extern void (*volatile m_irq_hook)(u64 irq);
extern void (*volatile s_irq_hook)(u64 irq);
extern void (*volatile vs_irq_hook)(u64 irq);
/* Set to run the exception path of a test of its own; return 1 if handled.*/
extern int (*volatile m_exc_hook)(struct trap_frame *f, u64 cause);
/* The saved registers of the trap M-mode is handling (for the hooks). */
extern struct trap_frame *volatile m_trap_frame;

void trap_arm(void);
#define TRAP_EXPECT(stmt)                  \
    do {                                   \
        trap_arm();                        \
        stmt;                              \
        __asm__ volatile("" ::: "memory"); \
    } while (0)
/* 1 if a trap was taken since the last TRAP_EXPECT. */
#define TRAPPED() (trap.count != 0)

/* Runs fn(arg) in mode PRV_U or PRV_S; returns what fn returned. */
u64 run_in_mode(int priv, u64 (*fn)(u64), u64 arg);
/* The same with V=1 (VU or VS-mode; needs the H extension). */
u64 run_in_vmode(int priv, u64 (*fn)(u64), u64 arg);
/* misa as read at start-up, for code that runs below M-mode. */
extern u64 boot_misa;
#define MISA_H (1UL << 7)
/* VS-mode's trap entry (vstvec): records with handler = PRV_VS. */
extern char vs_trap_entry[];
extern char __vstrap_stack_top[];
extern char m_vector_table[];
extern char __free_mem[];

/*
 * Harts 1..n-1 run fn(hartid) on stacks of their own (crt0's park loop);
 * fn must clear the hart's MSIP first (smp_clear_msip).
 */
#define SMP_MAX_HARTS  8
#define SMP_STACK_SIZE 8192
void smp_start_all(void (*fn)(u64), u64 n);
void smp_clear_msip(u64 hart);

void putch(char c);
void puts_(const char *s);
void puthex(u64 v);
void putdec(s64 v);
__attribute__((noreturn)) void test_exit(int code);
__attribute__((noreturn)) void check_fail(int code, const char *file, int line,
                                          const char *what, u64 got, u64 want,
                                          int has_values);

#define CHECK_CODE() (__COUNTER__ % 254 + 1)

#define CHECK(cond)                                                       \
    do {                                                                  \
        if (!(cond)) {                                                    \
            check_fail(CHECK_CODE(), __FILE__, __LINE__, #cond, 0, 0, 0); \
        }                                                                 \
    } while (0)

#define CHECK_EQ(got, want)                                                 \
    do {                                                                    \
        u64 g_ = (u64)(got), w_ = (u64)(want);                              \
        if (g_ != w_) {                                                     \
            check_fail(CHECK_CODE(), __FILE__, __LINE__, #got " == " #want, \
                       g_, w_, 1);                                          \
        }                                                                   \
    } while (0)

/* The trap taken was this one (cause and tval). */
#define CHECK_TRAP(cause_, tval_)     \
    do {                              \
        CHECK_EQ(trap.count, 1);      \
        CHECK_EQ(trap.cause, cause_); \
        CHECK_EQ(trap.tval, tval_);   \
    } while (0)

#define CHECK_NO_TRAP() CHECK_EQ(trap.count, 0)

/* rd = insn rs1, rs2 / rs1, imm / rs1: the result of one instruction. */
#define OP_RR(insn, a, b)                                 \
    ({                                                    \
        u64 r_;                                           \
        __asm__ volatile(insn " %0, %1, %2"               \
                         : "=r"(r_)                       \
                         : "r"((u64)(a)), "r"((u64)(b))); \
        r_;                                               \
    })
#define OP_RI(insn, a, imm)                          \
    ({                                               \
        u64 r_;                                      \
        __asm__ volatile(insn " %0, %1, %2"          \
                         : "=r"(r_)                  \
                         : "r"((u64)(a)), "i"(imm)); \
        r_;                                          \
    })
#define OP_R(insn, a)                                                \
    ({                                                               \
        u64 r_;                                                      \
        __asm__ volatile(insn " %0, %1" : "=r"(r_) : "r"((u64)(a))); \
        r_;                                                          \
    })

/* Keeps the compiler from folding a value into a constant. */
#define OPAQUE(v)                        \
    ({                                   \
        __typeof__(v) o_ = (v);          \
        __asm__ volatile("" : "+r"(o_)); \
        o_;                              \
    })

#endif
