/*
 * The KVM accelerator (-accel kvm[,device=PATH]): opens the KVM device,
 * checks its API version (12) and the capabilities used, creates the VM,
 * and keeps its memory slots equal to the RAM and ROM of the system
 * address space (ROM as KVM_MEM_READONLY slots, so writes exit as MMIO).
 * The vCPUs are in kvm-cpus.c. (KVM API document, 4.1-4.4, 4.35.)
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/memory.h"
#include "sysemu/accel.h"
#include "sysemu/kvm.h"
#include "accel/kvm/kvm-internal.h"
#include <fcntl.h>
#include <sys/ioctl.h>
#include <linux/kvm.h>

#define KVM_EXPECTED_API_VERSION 12

#define TYPE_KVM_STATE ACCEL_CLASS_NAME("kvm")
OBJECT_DECLARE_SIMPLE_TYPE(KVMState, KVM_STATE)

/* One memory slot as the kernel has it (size 0: free). */
typedef struct KVMSlot {
    uint64_t start, size;
    void *host;
    bool readonly;
} KVMSlot;

struct KVMState {
    AccelState parent_obj;
    char *device; /* ours: the KVM device node (default /dev/kvm) */
    int fd;       /* the device */
    int vmfd;     /* the VM */
    KVMSlot *slots;
    int nr_slots;
    bool irqchip;
    MemoryMapListener listener;
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

int kvm_check_extension(unsigned int cap)
{
    int ret =
        kvm_ioctl(kvm_vm_fd(), KVM_CHECK_EXTENSION, (void *)(uintptr_t)cap);

    return ret < 0 ? 0 : ret;
}

/* ---- memory slots ---- */

static void kvm_set_slot(KVMState *s, int id, const KVMSlot *sl)
{
    struct kvm_userspace_memory_region r = {
        .slot = id,
        .flags = sl->readonly ? KVM_MEM_READONLY : 0,
        .guest_phys_addr = sl->start,
        .memory_size = sl->size,
        .userspace_addr = (uintptr_t)sl->host,
    };
    int ret = kvm_ioctl(s->vmfd, KVM_SET_USER_MEMORY_REGION, &r);

    if (ret < 0) {
        error_report("kvm: setting memory slot %d (0x%" PRIx64 "+0x%" PRIx64
                     ") failed: %s",
                     id, sl->start, sl->size, g_strerror(-ret));
        exit(1);
    }
    s->slots[id] = *sl;
}

/* Whole pages of one RAM/ROM piece of the map. */
static void collect_range(void *opaque, hwaddr start, hwaddr size, void *host,
                          bool readonly)
{
    GArray *want = opaque;
    uint64_t page = 4096;
    uint64_t lo = (start + page - 1) & ~(page - 1);
    uint64_t hi = (start + size) & ~(page - 1);
    KVMSlot sl = { lo, hi - lo, (uint8_t *)host + (lo - start), readonly };

    if (hi > lo) {
        g_array_append_val(want, sl);
    }
}

static bool slot_equal(const KVMSlot *a, const KVMSlot *b)
{
    return a->start == b->start && a->size == b->size && a->host == b->host &&
           a->readonly == b->readonly;
}

/*
 * Make the slots equal to the map: drop the ones that changed first (the
 * kernel refuses overlapping slots), then add what is new.
 */
static void kvm_map_changed(MemoryMapListener *l)
{
    KVMState *s = container_of(l, KVMState, listener);
    g_autoptr(GArray) want = g_array_new(FALSE, FALSE, sizeof(KVMSlot));
    static const KVMSlot empty;

    get_system_memory(); /* address_space_memory exists from here */
    address_space_foreach_ram(&address_space_memory, collect_range, want);
    for (int id = 0; id < s->nr_slots; id++) {
        bool keep = false;

        for (guint i = 0; s->slots[id].size && i < want->len && !keep; i++) {
            keep = slot_equal(&s->slots[id], &g_array_index(want, KVMSlot, i));
        }
        if (s->slots[id].size && !keep) {
            KVMSlot gone = s->slots[id];

            gone.size = 0;
            kvm_set_slot(s, id, &gone);
            s->slots[id] = empty;
        }
    }
    for (guint i = 0; i < want->len; i++) {
        KVMSlot *w = &g_array_index(want, KVMSlot, i);
        int free_id = -1;
        bool have = false;

        for (int id = 0; id < s->nr_slots && !have; id++) {
            have = slot_equal(&s->slots[id], w);
            if (!s->slots[id].size && free_id < 0) {
                free_id = id;
            }
        }
        if (have) {
            continue;
        }
        if (free_id < 0) {
            error_report("kvm: no free memory slot for 0x%" PRIx64, w->start);
            exit(1);
        }
        kvm_set_slot(s, free_id, w);
    }
}

/* ---- interrupt controllers ---- */

bool kvm_irqchip_create(GError **errp)
{
    int ret = kvm_ioctl(kvm_vm_fd(), KVM_CREATE_IRQCHIP, NULL);

    if (ret < 0) {
        error_setg(errp, "Create kernel irqchip failed: %s", g_strerror(-ret));
        return false;
    }
    kvm_state->irqchip = true;
    return true;
}

bool kvm_pit_create(GError **errp)
{
    struct kvm_pit_config cfg = { .flags = KVM_PIT_SPEAKER_DUMMY };
    int ret = kvm_ioctl(kvm_vm_fd(), KVM_CREATE_PIT2, &cfg);

    if (ret < 0) {
        error_setg(errp, "Create kernel PIT state failed: %s",
                   g_strerror(-ret));
        return false;
    }
    return true;
}

bool kvm_irqchip_set_routes(const struct kvm_irq_routing_entry *entries,
                            unsigned n, GError **errp)
{
    g_autofree struct kvm_irq_routing *r =
        g_malloc0(sizeof(*r) + n * sizeof(r->entries[0]));
    int ret;

    r->nr = n;
    memcpy(r->entries, entries, n * sizeof(r->entries[0]));
    ret = kvm_ioctl(kvm_vm_fd(), KVM_SET_GSI_ROUTING, r);
    if (ret < 0) {
        error_setg(errp, "kvm: KVM_SET_GSI_ROUTING failed: %s",
                   g_strerror(-ret));
        return false;
    }
    return true;
}

bool kvm_irqchip_in_kernel(void)
{
    return kvm_state && kvm_state->irqchip;
}

void kvm_set_irq(int gsi, int level)
{
    struct kvm_irq_level irq = { .irq = gsi, .level = level };
    int ret = kvm_ioctl(kvm_vm_fd(), KVM_IRQ_LINE_STATUS, &irq);

    if (ret < 0) {
        error_report("kvm: KVM_IRQ_LINE_STATUS for GSI %d failed: %s", gsi,
                     g_strerror(-ret));
    }
}

/* ---- the accelerator ---- */

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

/* The capabilities we rely on (all in Linux since 4.x). */
static const struct {
    unsigned int cap;
    const char *name;
} kvm_needed_caps[] = {
    { KVM_CAP_USER_MEMORY, "KVM_CAP_USER_MEMORY" },
    { KVM_CAP_READONLY_MEM, "KVM_CAP_READONLY_MEM" },
    { KVM_CAP_IMMEDIATE_EXIT, "KVM_CAP_IMMEDIATE_EXIT" },
    { KVM_CAP_IRQCHIP, "KVM_CAP_IRQCHIP" },
    { KVM_CAP_PIT2, "KVM_CAP_PIT2" },
    { KVM_CAP_IRQ_INJECT_STATUS, "KVM_CAP_IRQ_INJECT_STATUS" },
    { KVM_CAP_EXT_CPUID, "KVM_CAP_EXT_CPUID" },
    { KVM_CAP_MP_STATE, "KVM_CAP_MP_STATE" },
    { KVM_CAP_SET_TSS_ADDR, "KVM_CAP_SET_TSS_ADDR" },
};

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
    for (size_t i = 0; i < ARRAY_SIZE(kvm_needed_caps); i++) {
        if (!kvm_check_extension(kvm_needed_caps[i].cap)) {
            kvm_state = NULL;
            return kvm_fail(errp, EINVAL,
                            "kvm does not support %s\n"
                            "qemu-system-x86_64 requires a newer kernel",
                            kvm_needed_caps[i].name);
        }
    }
    s->nr_slots = MIN(kvm_check_extension(KVM_CAP_NR_MEMSLOTS), 512);
    if (s->nr_slots <= 0) {
        s->nr_slots = 32;
    }
    s->slots = g_new0(KVMSlot, s->nr_slots);
    kvm_cpus_init_signals();
    s->listener.map_changed = kvm_map_changed;
    memory_map_listener_register(&s->listener);
    return true;
}

static const AccelOps kvm_accel_ops = {
    .init_vcpu = kvm_init_vcpu,
    .create_vcpu_thread = kvm_create_vcpu_thread,
    .kick_vcpu = kvm_kick_vcpu,
    .resume_all = kvm_resume_all,
    .pause_all = kvm_pause_all,
    .synchronize_state = kvm_synchronize_state,
    .synchronize_post_reset = kvm_synchronize_post_reset,
    .breakpoint_insert = kvm_breakpoint_insert,
    .breakpoint_remove = kvm_breakpoint_remove,
    .breakpoint_remove_all = kvm_breakpoint_remove_all,
    .watchpoint_insert = kvm_watchpoint_insert,
    .watchpoint_remove = kvm_watchpoint_remove,
    .single_step = kvm_single_step,
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
    g_free(s->slots);
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
