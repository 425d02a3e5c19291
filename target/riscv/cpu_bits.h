/*
 * RISC-V architectural constants: CSR numbers, status and interrupt bits,
 * exception causes, page-table entry bits (privileged spec 1.12).
 */
#ifndef TARGET_RISCV_CPU_BITS_H
#define TARGET_RISCV_CPU_BITS_H

/* Privilege levels */
#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

/* misa extension bits */
#define RVA           (1ULL << ('A' - 'A'))
#define RVC           (1ULL << ('C' - 'A'))
#define RVD           (1ULL << ('D' - 'A'))
#define RVF           (1ULL << ('F' - 'A'))
#define RVH           (1ULL << ('H' - 'A'))
#define RVI           (1ULL << ('I' - 'A'))
#define RVM           (1ULL << ('M' - 'A'))
#define RVS           (1ULL << ('S' - 'A'))
#define RVU           (1ULL << ('U' - 'A'))
#define MISA_MXL_RV64 (2ULL << 62)

/* Unprivileged CSRs */
#define CSR_FFLAGS       0x001
#define CSR_FRM          0x002
#define CSR_FCSR         0x003
#define CSR_CYCLE        0xc00
#define CSR_TIME         0xc01
#define CSR_INSTRET      0xc02
#define CSR_HPMCOUNTER3  0xc03
#define CSR_HPMCOUNTER31 0xc1f

/* Supervisor CSRs */
#define CSR_SSTATUS    0x100
#define CSR_SIE        0x104
#define CSR_STVEC      0x105
#define CSR_SCOUNTEREN 0x106
#define CSR_SENVCFG    0x10a
#define CSR_SSCRATCH   0x140
#define CSR_SEPC       0x141
#define CSR_SCAUSE     0x142
#define CSR_STVAL      0x143
#define CSR_SIP        0x144
#define CSR_STIMECMP   0x14d
#define CSR_SATP       0x180

/* Hypervisor and virtual-supervisor CSRs (H extension) */
#define CSR_VSSTATUS   0x200
#define CSR_VSIE       0x204
#define CSR_VSTVEC     0x205
#define CSR_VSSCRATCH  0x240
#define CSR_VSEPC      0x241
#define CSR_VSCAUSE    0x242
#define CSR_VSTVAL     0x243
#define CSR_VSIP       0x244
#define CSR_VSTIMECMP  0x24d
#define CSR_VSATP      0x280
#define CSR_HSTATUS    0x600
#define CSR_HEDELEG    0x602
#define CSR_HIDELEG    0x603
#define CSR_HIE        0x604
#define CSR_HTIMEDELTA 0x605
#define CSR_HCOUNTEREN 0x606
#define CSR_HGEIE      0x607
#define CSR_HENVCFG    0x60a
#define CSR_HTVAL      0x643
#define CSR_HIP        0x644
#define CSR_HVIP       0x645
#define CSR_HTINST     0x64a
#define CSR_HGATP      0x680
#define CSR_HGEIP      0xe12

/* Machine CSRs */
#define CSR_MVENDORID     0xf11
#define CSR_MARCHID       0xf12
#define CSR_MIMPID        0xf13
#define CSR_TSELECT       0x7a0
#define CSR_TDATA1        0x7a1
#define CSR_TDATA2        0x7a2
#define CSR_TDATA3        0x7a3
#define CSR_TINFO         0x7a4
#define CSR_MHARTID       0xf14
#define CSR_MCONFIGPTR    0xf15
#define CSR_MSTATUS       0x300
#define CSR_MISA          0x301
#define CSR_MEDELEG       0x302
#define CSR_MIDELEG       0x303
#define CSR_MIE           0x304
#define CSR_MTVEC         0x305
#define CSR_MCOUNTEREN    0x306
#define CSR_MENVCFG       0x30a
#define CSR_MCOUNTINHIBIT 0x320
#define CSR_MHPMEVENT3    0x323
#define CSR_MHPMEVENT31   0x33f
#define CSR_MSCRATCH      0x340
#define CSR_MEPC          0x341
#define CSR_MCAUSE        0x342
#define CSR_MTVAL         0x343
#define CSR_MIP           0x344
#define CSR_MTINST        0x34a
#define CSR_MTVAL2        0x34b
#define CSR_PMPCFG0       0x3a0
#define CSR_PMPCFG15      0x3af
#define CSR_PMPADDR0      0x3b0
#define CSR_PMPADDR63     0x3ef
#define CSR_MCYCLE        0xb00
#define CSR_MINSTRET      0xb02
#define CSR_MHPMCOUNTER3  0xb03
#define CSR_MHPMCOUNTER31 0xb1f

/* mstatus */
#define MSTATUS_SIE       (1ULL << 1)
#define MSTATUS_MIE       (1ULL << 3)
#define MSTATUS_SPIE      (1ULL << 5)
#define MSTATUS_UBE       (1ULL << 6)
#define MSTATUS_MPIE      (1ULL << 7)
#define MSTATUS_SPP       (1ULL << 8)
#define MSTATUS_VS        (3ULL << 9)
#define MSTATUS_MPP       (3ULL << 11)
#define MSTATUS_MPP_SHIFT 11
#define MSTATUS_FS        (3ULL << 13)
#define MSTATUS_FS_SHIFT  13
#define MSTATUS_XS        (3ULL << 15)
#define MSTATUS_MPRV      (1ULL << 17)
#define MSTATUS_SUM       (1ULL << 18)
#define MSTATUS_MXR       (1ULL << 19)
#define MSTATUS_TVM       (1ULL << 20)
#define MSTATUS_TW        (1ULL << 21)
#define MSTATUS_TSR       (1ULL << 22)
#define MSTATUS_UXL       (3ULL << 32)
#define MSTATUS_SXL       (3ULL << 34)
#define MSTATUS_SBE       (1ULL << 36)
#define MSTATUS_MBE       (1ULL << 37)
#define MSTATUS_GVA       (1ULL << 38)
#define MSTATUS_MPV       (1ULL << 39)
#define MSTATUS_SD        (1ULL << 63)

/* hstatus (H extension) */
#define HSTATUS_VSBE  (1ULL << 5)
#define HSTATUS_GVA   (1ULL << 6)
#define HSTATUS_SPV   (1ULL << 7)
#define HSTATUS_SPVP  (1ULL << 8)
#define HSTATUS_HU    (1ULL << 9)
#define HSTATUS_VGEIN (0x3fULL << 12)
#define HSTATUS_VTVM  (1ULL << 20)
#define HSTATUS_VTW   (1ULL << 21)
#define HSTATUS_VTSR  (1ULL << 22)
#define HSTATUS_VSXL  (3ULL << 32)

/* hgatp: MODE as satp's (Sv39x4 = 8 ...), 14 VMID bits, PPN[1:0] zero */
#define HGATP_VMID_SHIFT 44
#define HGATP_VMID_MASK  0x3fffULL

#define FS_OFF     0
#define FS_INITIAL 1
#define FS_CLEAN   2
#define FS_DIRTY   3

/* Interrupts: mip/mie bits and cause numbers */
#define IRQ_S_SOFT    1
#define IRQ_VS_SOFT   2
#define IRQ_M_SOFT    3
#define IRQ_S_TIMER   5
#define IRQ_VS_TIMER  6
#define IRQ_M_TIMER   7
#define IRQ_S_EXT     9
#define IRQ_VS_EXT    10
#define IRQ_M_EXT     11
#define IRQ_S_GEXT    12
#define IRQ_LOCAL_MAX 16
#define MIP_SSIP      (1ULL << IRQ_S_SOFT)
#define MIP_MSIP      (1ULL << IRQ_M_SOFT)
#define MIP_STIP      (1ULL << IRQ_S_TIMER)
#define MIP_MTIP      (1ULL << IRQ_M_TIMER)
#define MIP_SEIP      (1ULL << IRQ_S_EXT)
#define MIP_MEIP      (1ULL << IRQ_M_EXT)
#define MIP_VSSIP     (1ULL << IRQ_VS_SOFT)
#define MIP_VSTIP     (1ULL << IRQ_VS_TIMER)
#define MIP_VSEIP     (1ULL << IRQ_VS_EXT)
#define MIP_SGEIP     (1ULL << IRQ_S_GEXT)
#define MIP_VS_INTS   (MIP_VSSIP | MIP_VSTIP | MIP_VSEIP)

/* Exception causes */
typedef enum RISCVException {
    RISCV_EXCP_NONE = -1,
    RISCV_EXCP_INST_ADDR_MIS = 0,
    RISCV_EXCP_INST_ACCESS_FAULT = 1,
    RISCV_EXCP_ILLEGAL_INST = 2,
    RISCV_EXCP_BREAKPOINT = 3,
    RISCV_EXCP_LOAD_ADDR_MIS = 4,
    RISCV_EXCP_LOAD_ACCESS_FAULT = 5,
    RISCV_EXCP_STORE_AMO_ADDR_MIS = 6,
    RISCV_EXCP_STORE_AMO_ACCESS_FAULT = 7,
    RISCV_EXCP_U_ECALL = 8,
    RISCV_EXCP_S_ECALL = 9,
    RISCV_EXCP_VS_ECALL = 10,
    RISCV_EXCP_M_ECALL = 11,
    RISCV_EXCP_INST_PAGE_FAULT = 12,
    RISCV_EXCP_LOAD_PAGE_FAULT = 13,
    RISCV_EXCP_STORE_PAGE_FAULT = 15,
    RISCV_EXCP_INST_GUEST_PAGE_FAULT = 20,
    RISCV_EXCP_LOAD_GUEST_PAGE_FAULT = 21,
    RISCV_EXCP_VIRT_INSTRUCTION_FAULT = 22,
    RISCV_EXCP_STORE_GUEST_PAGE_FAULT = 23,
} RISCVException;

#define RISCV_CAUSE_INTERRUPT (1ULL << 63)

/* satp */
#define SATP_MODE_SHIFT 60
#define SATP_MODE_BARE  0
#define SATP_MODE_SV39  8
#define SATP_MODE_SV48  9
#define SATP_MODE_SV57  10
#define SATP_ASID_SHIFT 44
#define SATP_ASID_MASK  0xffffULL
#define SATP_PPN_MASK   ((1ULL << 44) - 1)

/* Page-table entries */
#define PTE_V          (1ULL << 0)
#define PTE_R          (1ULL << 1)
#define PTE_W          (1ULL << 2)
#define PTE_X          (1ULL << 3)
#define PTE_U          (1ULL << 4)
#define PTE_G          (1ULL << 5)
#define PTE_A          (1ULL << 6)
#define PTE_D          (1ULL << 7)
#define PTE_PPN_SHIFT  10
#define PTE_PPN_MASK   (((1ULL << 44) - 1) << PTE_PPN_SHIFT)
#define PTE_RESERVED   (((1ULL << 7) - 1) << 54) /* bits 60:54 */
#define PTE_PBMT       (3ULL << 61)
#define PTE_PBMT_SHIFT 61
#define PTE_N          (1ULL << 63)

/* PMP */
#define PMP_R             0x01
#define PMP_W             0x02
#define PMP_X             0x04
#define PMP_A             0x18
#define PMP_A_SHIFT       3
#define PMP_A_OFF         0
#define PMP_A_TOR         1
#define PMP_A_NA4         2
#define PMP_A_NAPOT       3
#define PMP_L             0x80
#define RISCV_PMP_ENTRIES 16

/* Pseudoinstructions for htinst/mtinst: an implicit VS-stage PTE access */
#define TINST_PTE_READ  0x00003000
#define TINST_PTE_WRITE 0x00003020

/* menvcfg (henvcfg has the same layout) */
#define MENVCFG_FIOM  (1ULL << 0)
#define MENVCFG_CBIE  (3ULL << 4)
#define MENVCFG_CBCFE (1ULL << 6)
#define MENVCFG_CBZE  (1ULL << 7)
#define MENVCFG_PBMTE (1ULL << 62)
#define MENVCFG_STCE  (1ULL << 63)

/* Floating point */
#define FFLAG_NX 0x01
#define FFLAG_UF 0x02
#define FFLAG_OF 0x04
#define FFLAG_DZ 0x08
#define FFLAG_NV 0x10
#define RM_RNE   0
#define RM_RTZ   1
#define RM_RDN   2
#define RM_RUP   3
#define RM_RMM   4
#define RM_DYN   7

#endif
