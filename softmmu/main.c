/*
 * qemu-system-riscv64's entry point.
 */
#include "qemu/osdep.h"
#include "sysemu/vl.h"

int main(int argc, char **argv)
{
    return qemu_main(argc, argv);
}
