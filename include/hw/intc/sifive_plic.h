/*
 * SiFive Platform-Level Interrupt Controller (the RISC-V PLIC).
 *
 * gpio-in (unnamed): one line per source number; line n drives source n,
 * line 0 is ignored (source 0 means "no interrupt").
 * gpio-out (unnamed): one line per context, in the order hart-config
 * lists them ("MS,MS" gives hart0 M, hart0 S, hart1 M, hart1 S). A context
 * line is high while some enabled, pending source has a priority above
 * that context's threshold.
 */
#ifndef HW_INTC_SIFIVE_PLIC_H
#define HW_INTC_SIFIVE_PLIC_H

#include "hw/sysbus.h"

#define TYPE_SIFIVE_PLIC "riscv.sifive.plic"
OBJECT_DECLARE_SIMPLE_TYPE(SiFivePLICState, SIFIVE_PLIC)

/* Limits of the RISC-V PLIC register map. */
#define SIFIVE_PLIC_MAX_SOURCES  1024 /* ids 1..1023 */
#define SIFIVE_PLIC_MAX_CONTEXTS 15872

typedef struct SiFivePLICContext {
    uint32_t hartid;
    char mode; /* 'M' or 'S' */
} SiFivePLICContext;

struct SiFivePLICState {
    SysBusDevice parent_obj;
    MemoryRegion mmio;

    /* Properties */
    char *hart_config;
    uint32_t hartid_base;
    uint32_t num_sources; /* ids 1..num_sources-1 exist */
    uint32_t num_priorities;
    uint32_t priority_base;
    uint32_t pending_base;
    uint32_t enable_base;
    uint32_t enable_stride;
    uint32_t context_base;
    uint32_t context_stride;
    uint32_t aperture_size;

    /* Built at realize */
    uint32_t num_words; /* 32-bit words in a per-source bitmap */
    uint32_t num_contexts;
    SiFivePLICContext *contexts;
    qemu_irq *outputs; /* [num_contexts] */

    /* Registers */
    uint32_t *priority;  /* [num_sources], index 0 unused */
    uint32_t *threshold; /* [num_contexts] */
    uint32_t *enable;    /* [num_contexts * num_words] */
    uint32_t *pending;   /* [num_words] */
    /* Gateways: sources claimed and not yet completed. */
    uint32_t *claimed; /* [num_words] */
    /* Input wire levels (not PLIC state: kept across reset). */
    uint32_t *level; /* [num_words] */
};

#endif
