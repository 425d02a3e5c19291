/*
 * The KVM accelerator's interface to the x86 target and the machine
 * (accel/kvm/). kvm_enabled() is in sysemu/accel.h.
 */
#ifndef SYSEMU_KVM_H
#define SYSEMU_KVM_H

#include "qemu/osdep.h"

/* ioctl, retried on EINTR: the result, or -errno. */
int kvm_ioctl(int fd, unsigned long request, void *arg);
/* The KVM device and VM file descriptors, -1 when KVM is not in use. */
int kvm_dev_fd(void);
int kvm_vm_fd(void);

#endif
