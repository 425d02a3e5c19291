/*
 * The per-target facts behind include/qemu/target-info.h; meson compiles
 * this file once per target with TARGET_NAME, TARGET_CPU_TYPE and
 * TARGET_DEFAULT_ACCEL defined.
 */
#include "qemu/osdep.h"
#include "qemu/target-info.h"

const char *target_name(void)
{
    return TARGET_NAME;
}

const char *target_cpu_type_suffix(void)
{
    return TARGET_CPU_TYPE;
}

const char *target_default_accel(void)
{
    return TARGET_DEFAULT_ACCEL;
}
