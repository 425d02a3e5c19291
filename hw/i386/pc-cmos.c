/*
 * The CMOS bytes the PC's firmware reads, filled as QEMU fills them:
 * memory sizes, the equipment byte, the boot order and the CPU count
 * (SeaBIOS's src/hw/rtc.h and src/fw/paravirt.c read the same bytes).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/i386/pc.h"
#include "hw/rtc/mc146818rtc.h"

enum {
    CMOS_FLOPPY_TYPES = 0x10,
    CMOS_EQUIPMENT = 0x14,
    CMOS_BASE_MEM = 0x15,     /* KiB below 1 MiB, 2 bytes */
    CMOS_EXT_MEM = 0x17,      /* KiB from 1 MiB, 2 bytes, at most 0xffff */
    CMOS_EXT_MEM_COPY = 0x30, /* the same again */
    CMOS_BOOT_3RD = 0x38,     /* bits 7:4: third boot device */
    CMOS_BOOT_1ST_2ND = 0x3d, /* bits 3:0 first, 7:4 second */
    CMOS_MEM_16M = 0x34,      /* 64 KiB units from 16 MiB to 4 GiB, 2 bytes */
    CMOS_MEM_4G = 0x5b,       /* 64 KiB units above 4 GiB, 3 bytes */
    CMOS_CPUS = 0x5f,         /* CPUs at start-up, minus one */
};

#define EQUIPMENT_FPU   0x02
#define EQUIPMENT_MOUSE 0x04 /* a PS/2 mouse port */
#define PC_MAX_BOOT     3

static void cmos_set_le(DeviceState *rtc, unsigned addr, uint64_t v,
                        unsigned bytes)
{
    for (unsigned i = 0; i < bytes; i++) {
        mc146818rtc_set_cmos(rtc, addr + i, v >> (8 * i));
    }
}

/* QEMU's codes: floppy 1, hard disk 2, CD-ROM 3, network 4. */
static int boot_device_code(char c)
{
    switch (c) {
    case 'a':
    case 'b':
        return 1;
    case 'c':
        return 2;
    case 'd':
        return 3;
    case 'n':
        return 4;
    default:
        return 0;
    }
}

static bool pc_cmos_set_boot(DeviceState *rtc, const char *order, GError **errp)
{
    int code[PC_MAX_BOOT] = { 0 };
    size_t n = strlen(order);

    if (n > PC_MAX_BOOT) {
        error_setg(errp, "Too many boot devices for PC");
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        code[i] = boot_device_code(order[i]);
        if (!code[i]) {
            error_setg(errp, "Invalid boot device for PC: '%c'", order[i]);
            return false;
        }
    }
    mc146818rtc_set_cmos(rtc, CMOS_BOOT_1ST_2ND, code[1] << 4 | code[0]);
    /* Bit 0 clear: the boot sector signature check stays on. */
    mc146818rtc_set_cmos(rtc, CMOS_BOOT_3RD, code[2] << 4);
    return true;
}

bool pc_cmos_init(PCMachineState *pcms, MachineState *ms, DeviceState *rtc,
                  GError **errp)
{
    uint64_t ext_kib = pcms->below_4g_mem_size / KiB - 1024;
    uint64_t above_16m = pcms->below_4g_mem_size > 16 * MiB
                             ? (pcms->below_4g_mem_size - 16 * MiB) / (64 * KiB)
                             : 0;

    /* No floppy controller here: no drives, as QEMU's with -nodefaults. */
    mc146818rtc_set_cmos(rtc, CMOS_FLOPPY_TYPES, 0);
    mc146818rtc_set_cmos(rtc, CMOS_EQUIPMENT, EQUIPMENT_FPU | EQUIPMENT_MOUSE);
    cmos_set_le(rtc, CMOS_BASE_MEM, 640, 2);
    cmos_set_le(rtc, CMOS_EXT_MEM, MIN(ext_kib, 0xffff), 2);
    cmos_set_le(rtc, CMOS_EXT_MEM_COPY, MIN(ext_kib, 0xffff), 2);
    cmos_set_le(rtc, CMOS_MEM_16M, MIN(above_16m, 0xffff), 2);
    cmos_set_le(rtc, CMOS_MEM_4G, pcms->above_4g_mem_size / (64 * KiB), 3);
    mc146818rtc_set_cmos(rtc, CMOS_CPUS, ms->smp_cpus - 1);
    return pc_cmos_set_boot(rtc, ms->boot_order ? ms->boot_order : "cad", errp);
}
