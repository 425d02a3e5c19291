/*
 * What the command-line layer (softmmu/vl.c) gives the rest.
 */
#ifndef SYSEMU_VL_H
#define SYSEMU_VL_H

#include "chardev/char.h"
#include "qemu/option.h"

#define MAX_SERIAL_PORTS 4

/* The chardev of -serial number i, or NULL. */
Chardev *serial_hd(int i);

/*
 * The command-line options that take key=value parameters, under QEMU's
 * names for their option groups ("smp-opts", "boot-opts", ...), for
 * query-command-line-options.
 */
typedef struct CmdlineOptList {
    const char *name;
    const QemuOptDesc *desc; /* ended by { NULL } */
} CmdlineOptList;
const CmdlineOptList *qemu_cmdline_opt_lists(size_t *n);

/*
 * Parse argv and build the machine, ready to run (exits with status 1 on a
 * bad option). The fuzzers of tests/fuzz call it to get a machine in-process.
 */
void qemu_init(int argc, char **argv);
/* Run the emulator: qemu_init(), then the main loop until the end. */
int qemu_main(int argc, char **argv);

#endif
