/*
 * What the command-line layer (softmmu/vl.c) gives the rest.
 */
#ifndef SYSEMU_VL_H
#define SYSEMU_VL_H

#include "chardev/char.h"

#define MAX_SERIAL_PORTS 4

/* The chardev of -serial number i, or NULL. */
Chardev *serial_hd(int i);

/* Run the emulator: parse argv, build the machine, run the main loop. */
int qemu_main(int argc, char **argv);

#endif
