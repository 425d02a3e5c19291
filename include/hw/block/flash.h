/*
 * Parallel NOR flash devices (hw/block/pflash_cfi01.c).
 */
#ifndef HW_BLOCK_FLASH_H
#define HW_BLOCK_FLASH_H

#include "hw/sysbus.h"

/*
 * A byte-wide CFI flash with Intel's command set, its array the contents
 * of a drive (property "drive", a backend name; "sector-length", default
 * 4 KiB). MMIO region 0: the whole chip. A read-only drive makes every
 * program and erase fail (status error bits and a guest_errors line).
 */
#define TYPE_PFLASH_CFI01 "cfi.pflash01"

/* The array's RAM (to show it read-only elsewhere: the pc's ISA BIOS). */
MemoryRegion *pflash_cfi01_get_memory(DeviceState *dev);

#endif
