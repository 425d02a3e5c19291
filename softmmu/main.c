/*
 * qemu-system-ARCH's entry point (one per target).
 */
#include "qemu/osdep.h"
#include "sysemu/vl.h"

int main(int argc, char **argv)
{
    return qemu_main(argc, argv);
}
