/*
 * The pc machine's system flash, as QEMU's pc stacks it: -drive
 * if=pflash,unit=0 (OVMF's CODE, usually readonly=on) ends at 4 GiB and
 * unit=1 (its VARS, writable) sits just below it, each a cfi.pflash01
 * (hw/block/pflash_cfi01.c) with 4 KiB sectors, at most 8 MiB in all; the
 * last 128 KiB of unit 0 also show read-only at 0xe0000 (the ISA BIOS
 * area, in PCI memory). With a flash there is no -bios ROM.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/block/flash.h"
#include "hw/i386/pc.h"
#include "sysemu/blockdev.h"

#define PC_FLASH_UNITS 2
#define PC_FLASH_LIMIT (8 * MiB)

static DeviceState *pc_flash_create(MachineState *ms, unsigned unit,
                                    GError **errp)
{
    g_autofree char *name = g_strdup_printf("pflash%u", unit);
    DeviceState *dev = DEVICE(object_new(TYPE_PFLASH_CFI01));
    BlockBackend *blk = drive_get_pflash(unit);

    object_property_add_child(OBJECT(ms), name, OBJECT(dev));
    object_unref(OBJECT(dev));
    if (!object_property_parse(OBJECT(dev), "drive", blk_name(blk), errp) ||
        !qdev_realize(dev, errp)) {
        error_prepend(errp, "-drive if=pflash,unit=%u: ", unit);
        return NULL;
    }
    return dev;
}

bool pc_flash_init(PCMachineState *pcms, MachineState *ms, bool *used,
                   GError **errp)
{
    hwaddr top = 4 * GiB;
    uint64_t size0 = 0, isa_size;

    *used = false;
    for (unsigned u = PC_FLASH_UNITS; u < 8; u++) {
        if (drive_get_pflash(u)) {
            error_setg(errp,
                       "machine type does not support if=pflash,bus=0,"
                       "unit=%u",
                       u);
            return false;
        }
    }
    if (!drive_get_pflash(0)) {
        if (drive_get_pflash(1)) {
            error_setg(errp, "-drive if=pflash,unit=1 needs a unit 0 (the "
                             "firmware's code)");
            return false;
        }
        return true;
    }
    for (unsigned u = 0; u < PC_FLASH_UNITS && drive_get_pflash(u); u++) {
        DeviceState *dev = pc_flash_create(ms, u, errp);
        uint64_t size;

        if (!dev) {
            return false;
        }
        size = memory_region_size(pflash_cfi01_get_memory(dev));
        if (4 * GiB - (top - size) > PC_FLASH_LIMIT) {
            error_setg(errp,
                       "combined size of system firmware exceeds %llu "
                       "bytes",
                       (unsigned long long)PC_FLASH_LIMIT);
            return false;
        }
        top -= size;
        sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, top);
        if (u == 0) {
            size0 = size;
            pcms->flash0 = dev;
        }
    }
    isa_size = MIN(size0, PC_ISA_BIOS_SIZE);
    memory_region_init_rom_view(&pcms->isa_bios, OBJECT(ms), "isa-bios",
                                pflash_cfi01_get_memory(pcms->flash0),
                                size0 - isa_size, isa_size);
    memory_region_add_subregion(&pcms->pci_memory, 1 * MiB - isa_size,
                                &pcms->isa_bios);
    *used = true;
    return true;
}
