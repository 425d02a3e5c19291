/*
 * Machines: the board a VM is built from (-machine TYPE).
 */
#ifndef HW_BOARDS_H
#define HW_BOARDS_H

#include "qemu/osdep.h"
#include "qom/object.h"
#include "exec/memory.h"

#define TYPE_MACHINE                   "machine"
#define TYPE_MACHINE_SUFFIX            "-machine"
#define MACHINE_TYPE_NAME(machinename) (machinename TYPE_MACHINE_SUFFIX)
OBJECT_DECLARE_TYPE(MachineState, MachineClass, MACHINE)

struct MachineState {
    Object parent_obj;
    /* From the command line */
    uint64_t ram_size;
    unsigned smp_cpus;
    char *cpu_type;        /* -cpu, resolved to a type name */
    char *firmware;        /* -bios: "default", "none" or a file */
    char *kernel_filename; /* -kernel */
    char *initrd_filename; /* -initrd */
    char *kernel_cmdline;  /* -append */
    char *dtb;             /* -dtb */
    char *dumpdtb;         /* -machine dumpdtb=FILE */
    char *accel;           /* -machine accel= (also set by -accel) */
    /*
     * Virtio devices must be modern and negotiate VERSION_1 and
     * ACCESS_PLATFORM (a confidential guest sets this; see virtio.h).
     */
    bool virtio_require_platform;
    bool dump_guest_core; /* off: guest RAM is left out of core dumps */
    bool usb;             /* no machine here has USB: on is refused */
    bool nodefaults;      /* -nodefaults: no default serial port */
    char *boot_order;     /* -boot once= or order=, or NULL */
    /* Built by init */
    MemoryRegion *ram;
    void *fdt;
    int fdt_size;
};

struct MachineClass {
    ObjectClass parent_class;
    const char *name; /* -machine NAME, e.g. "virt" */
    const char *desc;
    bool is_default;
    unsigned max_cpus;
    uint64_t default_ram_size;
    const char *default_cpu_type;
    /* Build the board: devices, memory map, device tree, boot ROM. */
    bool (*init)(MachineState *ms, GError **errp);
    /* Reset beyond the devices' own (reload boot blobs). */
    void (*reset)(MachineState *ms);
};

/* The machine being run (NULL before -machine is processed). */
MachineState *qdev_get_machine(void);
void machine_set_current(MachineState *ms);
MachineClass *machine_class_find(const char *name);
MachineClass *machine_class_default(void);
/* After init: -machine dump-guest-core=off takes effect. */
void machine_apply_dump_guest_core(MachineState *ms);

#endif
