/*
 * Building blocks the RISC-V boards share: devices under /machine/soc,
 * the hart array at /machine/soc0/harts[N], and the ACLINT (CLINT) wired
 * to the harts.
 */
#ifndef HW_RISCV_RISCV_SOC_H
#define HW_RISCV_RISCV_SOC_H

#include "hw/boards.h"
#include "hw/qdev-core.h"

#define RISCV_ACLINT_SWI_SIZE 0x4000

/* Create a device of type as child "name" of /machine/soc (unrealized). */
DeviceState *riscv_soc_new_device(MachineState *ms, const char *type,
                                  const char *name);
/* Realize a sysbus device and map its region 0 at base. */
bool riscv_soc_map_device(DeviceState *dev, hwaddr base, GError **errp);
/* ms->smp_cpus harts of ms->cpu_type, hart ids 0.., reset at resetvec. */
bool riscv_soc_create_harts(MachineState *ms, DeviceState **harts,
                            hwaddr resetvec, GError **errp);
/*
 * The ACLINT at base: MSWI there, MTIMER at base + 0x4000 with the given
 * timebase; each hart's MSIP/MTIP lines connected and its rdtime (and
 * Sstc) reading the MTIMER.
 */
bool riscv_soc_create_aclint(MachineState *ms, DeviceState **harts, hwaddr base,
                             uint64_t timebase_freq, DeviceState **swi,
                             DeviceState **mtimer, GError **errp);

#endif
