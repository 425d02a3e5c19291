/*
 * The riscv64 `virt` board: QEMU's memory map and device set.
 */
#ifndef HW_RISCV_VIRT_H
#define HW_RISCV_VIRT_H

#include "hw/boards.h"
#include "hw/qdev-core.h"

#define VIRT_CPUS_MAX 512
#define VIRT_IRQCHIP_NUM_SOURCES 96
#define VIRT_IRQCHIP_NUM_PRIORITIES 7
#define VIRT_MMIO_COUNT 8
#define VIRT_TIMEBASE_FREQ 10000000ULL
#define VIRT_UART0_IRQ 10
#define VIRT_RTC_IRQ 11
#define VIRT_VIRTIO_IRQ 1 /* first of VIRT_MMIO_COUNT */

typedef struct MemMapEntry {
    hwaddr base;
    hwaddr size;
} MemMapEntry;

enum {
    VIRT_MROM,
    VIRT_TEST,
    VIRT_RTC,
    VIRT_CLINT,
    VIRT_PLIC,
    VIRT_UART0,
    VIRT_VIRTIO,
    VIRT_DRAM,
    VIRT_MEMMAP_COUNT,
};

extern const MemMapEntry virt_memmap[VIRT_MEMMAP_COUNT];

#define TYPE_RISCV_VIRT_MACHINE MACHINE_TYPE_NAME("virt")
OBJECT_DECLARE_SIMPLE_TYPE(RISCVVirtState, RISCV_VIRT_MACHINE)

struct RISCVVirtState {
    MachineState parent_obj;
    DeviceState *harts[VIRT_CPUS_MAX];
    DeviceState *plic;
    DeviceState *swi;    /* ACLINT MSWI, at VIRT_CLINT */
    DeviceState *mtimer; /* ACLINT MTIMER, at VIRT_CLINT + 0x4000 */
    DeviceState *uart0;
    DeviceState *rtc;
    DeviceState *test;
    DeviceState *virtio[VIRT_MMIO_COUNT];
    MemoryRegion mrom;
};

/*
 * Build the flattened device tree for s into ms->fdt / ms->fdt_size
 * (hw/riscv/virt-fdt.c). Node names and properties follow QEMU's virt.
 */
bool virt_create_fdt(RISCVVirtState *s, GError **errp);

#endif
