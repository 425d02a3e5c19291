/*
 * The KVM accelerator (-accel kvm[,device=PATH]): opens the KVM device,
 * checks its API version and creates the VM. (The KVM API document,
 * "4 API description": KVM_GET_API_VERSION must answer 12.)
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "sysemu/accel.h"
#include "sysemu/kvm.h"
#include <fcntl.h>
#include <sys/ioctl.h>
#include <linux/kvm.h>

#define KVM_EXPECTED_API_VERSION 12

#define TYPE_KVM_STATE ACCEL_CLASS_NAME("kvm")
OBJECT_DECLARE_SIMPLE_TYPE(KVMState, KVM_STATE)

struct KVMState {
    AccelState parent_obj;
    char *device; /* ours: the KVM device node (default /dev/kvm) */
    int fd;       /* the device */
    int vmfd;     /* the VM */
};

static KVMState *kvm_state;

/* ioctl on fd, retried while a signal interrupts it; -errno on failure. */
int kvm_ioctl(int fd, unsigned long request, void *arg)
{
    int ret;

    do {
        ret = ioctl(fd, request, arg);
    } while (ret < 0 && errno == EINTR);
    return ret < 0 ? -errno : ret;
}

int kvm_vm_fd(void)
{
    return kvm_state ? kvm_state->vmfd : -1;
}

int kvm_dev_fd(void)
{
    return kvm_state ? kvm_state->fd : -1;
}

static bool kvm_fail(GError **errp, int err, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);

/* An init failure: err (positive errno) and the line to print first. */
static bool kvm_fail(GError **errp, int err, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *msg = NULL;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error_literal(errp, QEMU_ERROR, err, msg);
    return false;
}

static bool kvm_init_machine(AccelState *as, MachineState *ms, GError **errp)
{
    KVMState *s = KVM_STATE(as);
    int ret;

    s->fd = open(s->device, O_RDWR | O_CLOEXEC);
    if (s->fd < 0) {
        return kvm_fail(errp, errno, "Could not access KVM kernel module: %s",
                        g_strerror(errno));
    }
    ret = kvm_ioctl(s->fd, KVM_GET_API_VERSION, NULL);
    if (ret < KVM_EXPECTED_API_VERSION) {
        return kvm_fail(errp, ret < 0 ? -ret : EINVAL, "kvm version too old");
    }
    if (ret > KVM_EXPECTED_API_VERSION) {
        return kvm_fail(errp, EINVAL, "kvm version not supported");
    }
    ret = kvm_ioctl(s->fd, KVM_CREATE_VM, (void *)0);
    if (ret < 0) {
        return kvm_fail(errp, -ret, "ioctl(KVM_CREATE_VM) failed: %d %s", -ret,
                        g_strerror(-ret));
    }
    s->vmfd = ret;
    kvm_state = s;
    return true;
}

/* vCPUs come with the run loop (accel/kvm/kvm-cpus.c, next step). */
static bool kvm_init_vcpu(CPUState *cpu, GError **errp)
{
    error_setg(errp, "KVM vCPUs are not supported yet");
    return false;
}

static const AccelOps kvm_accel_ops = {
    .init_vcpu = kvm_init_vcpu,
};

static void kvm_accel_instance_init(Object *obj)
{
    KVMState *s = KVM_STATE(obj);

    s->fd = s->vmfd = -1;
}

static void kvm_accel_instance_finalize(Object *obj)
{
    KVMState *s = KVM_STATE(obj);

    if (s->vmfd >= 0) {
        close(s->vmfd);
    }
    if (s->fd >= 0) {
        close(s->fd);
    }
}

static const Property kvm_accel_props[] = {
    DEFINE_PROP_STRING_DEF("device", KVMState, device, "/dev/kvm"),
    DEFINE_PROP_END_OF_LIST(),
};

static void kvm_accel_class_init(ObjectClass *oc, void *data)
{
    AccelClass *ac = ACCEL_CLASS(oc);

    ac->name = "kvm";
    ac->init_machine = kvm_init_machine;
    ac->ops = &kvm_accel_ops;
    object_class_add_props(oc, kvm_accel_props);
}

static const TypeInfo kvm_accel_type = {
    .name = TYPE_KVM_STATE,
    .parent = TYPE_ACCEL,
    .instance_size = sizeof(KVMState),
    .instance_init = kvm_accel_instance_init,
    .instance_finalize = kvm_accel_instance_finalize,
    .class_init = kvm_accel_class_init,
};

static void kvm_accel_register_types(void)
{
    type_register_static(&kvm_accel_type);
}

type_init(kvm_accel_register_types)
