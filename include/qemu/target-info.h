/*
 * What the target-neutral code needs to know about the target a binary
 * is built for (softmmu/target-info.c, compiled once per target).
 */
#ifndef QEMU_TARGET_INFO_H
#define QEMU_TARGET_INFO_H

/* "riscv64", "x86_64": query-target, the binary's name. */
const char *target_name(void);
/* -cpu MODEL names the QOM type "MODEL-<this>" ("riscv-cpu"). */
const char *target_cpu_type_suffix(void);
/* The accelerators tried when none is given ("tcg", "kvm"). */
const char *target_default_accel(void);

#endif
