/*
 * The command line: QEMU's options and error style, then machine creation
 * and the main loop.
 */
#include "qemu/osdep.h"
#include "qemu/fdset.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "qemu/option.h"
#include "qemu/timer.h"
#include "qom/object_interfaces.h"
#include "hw/boards.h"
#include "hw/core/cpu.h"
#include "hw/qdev-core.h"
#include "hw/virtio/virtio-mmio.h"
#include "sysemu/blockdev.h"
#include "net/net.h"
#include "chardev/char.h"
#include "monitor/monitor.h"
#include "sysemu/runstate.h"
#include "sysemu/sysemu.h"
#include "sysemu/qtest.h"
#include "exec/gdbstub.h"
#include "sysemu/vl.h"
#include "sysemu/smp-parse.h"
#include "sysemu/os-posix.h"
#include "sysemu/rtc.h"
#include "sysemu/sandbox.h"
#include "sysemu/accel.h"
#include "sysemu/cpus.h"
#include "qemu/target-info.h"
#include <glib-unix.h>
#include <signal.h>

typedef struct MonitorSpec {
    char *chardev_spec; /* short syntax, or NULL with chardev_id */
    char *chardev_id;   /* -mon chardev=ID */
    bool control;
    bool pretty;
} MonitorSpec;

/* Everything the options ask for, gathered before anything is built. */
typedef struct VlConfig {
    const char *machine_type;
    GPtrArray *machine_opts;   /* QemuOpt, besides type */
    const char *machine_accel; /* -machine accel=A:B, -enable-kvm */
    GPtrArray *accels;         /* AccelChoice *, from -accel */
    uint64_t ram_size;
    SmpConfig smp;
    const char *cpu_model;
    const char *bios, *kernel, *initrd, *append, *dtb;
    bool nographic;
    bool nodefaults;
    bool start_stopped;
    GPtrArray *serials;   /* char * specs */
    GPtrArray *chardevs;  /* char * option strings */
    GPtrArray *monitors;  /* MonitorSpec * */
    GPtrArray *objects;   /* char * option strings */
    GPtrArray *devices;   /* char * option strings */
    GPtrArray *drives;    /* -drive option strings */
    GPtrArray *blockdevs; /* -blockdev option strings */
    GPtrArray *netdevs;   /* -netdev option strings */
    GPtrArray *nics;      /* -nic option strings */
    bool snapshot;        /* -snapshot */
    const char *qtest_spec;
    const char *qtest_log;
    const char *gdb_dev; /* -gdb DEV / -s */
    const char *pidfile;
    bool daemonize;
    const char *boot_order; /* -boot once= or order=, or NULL */
    int mem_lock;           /* -overcommit mem-lock: 0 off, 1 on, 2 on-fault */
    bool msg_guest_name;    /* -msg guest-name=on */
} VlConfig;

/* Marks a -drive made from a bare image argument. */
#define BARE_DRIVE '\x01'

static Chardev *serial_hds[MAX_SERIAL_PORTS];

Chardev *serial_hd(int i)
{
    return i >= 0 && i < MAX_SERIAL_PORTS ? serial_hds[i] : NULL;
}

static void QEMU_NORETURN fail(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

static void fail(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    error_vreport(fmt, ap);
    va_end(ap);
    exit(1);
}

static void version(void)
{
    printf("QEMU emulator version %s (%s, written from scratch)\n"
           "Copyright (c) the qemu-riscv developers\n",
           QEMU_VERSION, QEMU_PKGVERSION);
}

static void help(void)
{
    version();
    printf(
        "usage: %s [options]\n\n"
        "-machine [type=]name[,prop=value[,...]]\n"
        "                selects the machine (-machine help for a list);\n"
        "                props: dumpdtb=FILE, accel=NAME[:NAME...]\n"
        "-M NAME         short for -machine NAME\n"
        "-m [size=]SIZE  RAM size (suffix k, M, G, T; default MiB)\n"
        "-smp [cpus=]N   number of harts\n"
        "-cpu MODEL      CPU model (-cpu help for a list)\n"
        "-bios FILE      firmware: 'default', 'none' or a file\n"
        "-kernel FILE    kernel image (ELF or raw)\n"
        "-initrd FILE    initial ram disk\n"
        "-append STRING  kernel command line\n"
        "-dtb FILE       use this device tree instead of the generated one\n"
        "-nographic      serial port and monitor on stdio (Ctrl-A h for help)\n"
        "-display none   no display\n"
        "-serial DEV     redirect the next serial port to DEV\n"
        "-chardev BACKEND,id=ID[,...]  create a character device\n"
        "-mon [chardev=]ID[,mode=readline|control][,pretty=on|off]\n"
        "-monitor DEV    HMP monitor on DEV\n"
        "-qmp DEV        QMP monitor on DEV\n"
        "-qtest DEV      qtest protocol server on DEV\n"
        "-qtest-log FILE log the qtest protocol to FILE\n"
        "-accel NAME[,prop=value[,...]]  accelerator, tried in order when\n"
        "                repeated (-accel help for this binary's list)\n"
        "-enable-kvm     short for -machine accel=kvm\n"
        "-S              do not start the CPUs at startup\n"
        "-gdb DEV        accept a gdb connection on DEV (tcp::PORT, ...)\n"
        "-s              short for -gdb tcp::" DEFAULT_GDBSTUB_PORT "\n"
        "-no-reboot      exit instead of rebooting\n"
        "-no-shutdown    stop instead of exiting on guest shutdown\n"
        "-name STRING    the guest's name\n"
        "-object TYPE,id=ID[,...]  create an object (-object help)\n"
        "-device DRIVER[,prop=value[,...]]  add a device (-device help)\n"
        "-drive file=FILE[,format=raw][,if=virtio|pflash|none][,unit=N]\n"
        "       [,id=ID][,readonly=on]\n"
        "       [,cache=writeback|none|writethrough|unsafe][,discard=unmap]\n"
        "       [,snapshot=on]  add a disk\n"
        "-blockdev driver=file|raw,node-name=NAME[,...]  add a block node\n"
        "-snapshot       write to temporary overlays, never to the images\n"
        "-netdev user,id=ID[,net=ADDR[/MASK]][,host=][,dns=][,dhcpstart=]\n"
        "       "
        "[,restrict=on|off][,hostfwd=[tcp|udp]:[HADDR]:HPORT-[GADDR]:GPORT]\n"
        "                a user-mode network backend (-netdev help)\n"
        "-nic user[,model=virtio-net-device][,mac=][,netdev options]\n"
        "                a NIC and its backend in one\n"
        "-global DRIVER.PROP=VALUE  set a default for a device property\n"
        "-nodefaults     create no default serial port or monitor\n"
        "-d ITEM,...     enable logging of items (-d help for a list)\n"
        "-D FILE         log to FILE instead of stderr\n"
        "-version        print the version and exit\n"
        "-h, -help       print this help and exit\n",
        error_get_progname());
}

/* Option table */

typedef enum {
    OPT_machine,
    OPT_m,
    OPT_smp,
    OPT_cpu,
    OPT_bios,
    OPT_kernel,
    OPT_initrd,
    OPT_append,
    OPT_dtb,
    OPT_nographic,
    OPT_display,
    OPT_serial,
    OPT_chardev,
    OPT_mon,
    OPT_monitor,
    OPT_qmp,
    OPT_qmp_pretty,
    OPT_qtest,
    OPT_qtest_log,
    OPT_accel,
    OPT_enable_kvm,
    OPT_S,
    OPT_gdb,
    OPT_s,
    OPT_no_reboot,
    OPT_no_shutdown,
    OPT_name,
    OPT_object,
    OPT_device,
    OPT_drive,
    OPT_blockdev,
    OPT_snapshot,
    OPT_netdev,
    OPT_nic,
    OPT_global,
    OPT_d,
    OPT_D,
    OPT_version,
    OPT_help,
    OPT_nodefaults,
    OPT_no_user_config,
    OPT_uuid,
    OPT_pidfile,
    OPT_daemonize,
    OPT_rtc,
    OPT_boot,
    OPT_msg,
    OPT_overcommit,
    OPT_add_fd,
    OPT_audiodev,
    OPT_sandbox,
} OptionIndex;

typedef struct QemuOption {
    const char *name;
    bool has_arg;
    OptionIndex index;
} QemuOption;

static const QemuOption qemu_options[] = {
    { "machine", true, OPT_machine },
    { "M", true, OPT_machine },
    { "m", true, OPT_m },
    { "smp", true, OPT_smp },
    { "cpu", true, OPT_cpu },
    { "bios", true, OPT_bios },
    { "kernel", true, OPT_kernel },
    { "initrd", true, OPT_initrd },
    { "append", true, OPT_append },
    { "dtb", true, OPT_dtb },
    { "nographic", false, OPT_nographic },
    { "display", true, OPT_display },
    { "serial", true, OPT_serial },
    { "chardev", true, OPT_chardev },
    { "mon", true, OPT_mon },
    { "monitor", true, OPT_monitor },
    { "qmp", true, OPT_qmp },
    { "qmp-pretty", true, OPT_qmp_pretty },
    { "qtest", true, OPT_qtest },
    { "qtest-log", true, OPT_qtest_log },
    { "accel", true, OPT_accel },
    { "enable-kvm", false, OPT_enable_kvm },
    { "S", false, OPT_S },
    { "gdb", true, OPT_gdb },
    { "s", false, OPT_s },
    { "no-reboot", false, OPT_no_reboot },
    { "no-shutdown", false, OPT_no_shutdown },
    { "name", true, OPT_name },
    { "object", true, OPT_object },
    { "device", true, OPT_device },
    { "drive", true, OPT_drive },
    { "blockdev", true, OPT_blockdev },
    { "snapshot", false, OPT_snapshot },
    { "netdev", true, OPT_netdev },
    { "nic", true, OPT_nic },
    { "global", true, OPT_global },
    { "d", true, OPT_d },
    { "D", true, OPT_D },
    { "version", false, OPT_version },
    { "h", false, OPT_help },
    { "help", false, OPT_help },
    { "nodefaults", false, OPT_nodefaults },
    { "no-user-config", false, OPT_no_user_config },
    { "uuid", true, OPT_uuid },
    { "pidfile", true, OPT_pidfile },
    { "daemonize", false, OPT_daemonize },
    { "rtc", true, OPT_rtc },
    { "boot", true, OPT_boot },
    { "msg", true, OPT_msg },
    { "overcommit", true, OPT_overcommit },
    { "add-fd", true, OPT_add_fd },
    { "audiodev", true, OPT_audiodev },
    { "sandbox", true, OPT_sandbox },
};

static const QemuOption *lookup_option(const char *arg)
{
    const char *name = arg + 1;

    if (name[0] == '-') {
        name++; /* --opt works as -opt */
    }
    for (size_t i = 0; i < ARRAY_SIZE(qemu_options); i++) {
        if (!strcmp(qemu_options[i].name, name)) {
            return &qemu_options[i];
        }
    }
    return NULL;
}

/* Help listings */

static void list_machines(void)
{
    GSList *list = object_class_get_list(TYPE_MACHINE, false);

    printf("Supported machines are:\n");
    for (GSList *l = list; l; l = l->next) {
        MachineClass *mc = l->data;

        printf("%-20s %s%s\n", mc->name, mc->desc,
               mc->is_default ? " (default)" : "");
    }
    g_slist_free(list);
}

static void collect_prop(const Property *prop, void *opaque)
{
    g_ptr_array_add(opaque, (gpointer)prop);
}

static gint compare_props(gconstpointer a, gconstpointer b)
{
    const Property *pa = *(const Property *const *)a;
    const Property *pb = *(const Property *const *)b;

    return strcmp(pa->name, pb->name);
}

/*
 * "  name=<type>            - description", sorted by name, as QEMU lays
 * it out; machine options are QOM properties there, whose string type is
 * spelt "string" where a device's is "str".
 */
static void list_class_props(ObjectClass *oc)
{
    bool qom = object_class_dynamic_cast(oc, TYPE_MACHINE) != NULL;
    g_autoptr(GPtrArray) props = g_ptr_array_new();

    printf("%s options:\n", object_class_get_name(oc));
    object_class_foreach_prop(oc, collect_prop, props);
    g_ptr_array_sort(props, compare_props);
    for (guint i = 0; i < props->len; i++) {
        const Property *prop = props->pdata[i];
        const char *type = property_type_name(prop);
        g_autofree char *left = g_strdup_printf(
            "%s=<%s>", prop->name,
            qom && prop->type == PROP_TYPE_STRING ? "string" : type);

        if (prop->desc) {
            printf("  %-22s - %s\n", left, prop->desc);
        } else {
            printf("  %s\n", left);
        }
    }
}

static const char *const category_names[DEVICE_CATEGORY_MAX] = {
    [DEVICE_CATEGORY_BRIDGE] = "Controller/Bridge/Hub",
    [DEVICE_CATEGORY_USB] = "USB",
    [DEVICE_CATEGORY_STORAGE] = "Storage",
    [DEVICE_CATEGORY_NETWORK] = "Network",
    [DEVICE_CATEGORY_INPUT] = "Input",
    [DEVICE_CATEGORY_DISPLAY] = "Display",
    [DEVICE_CATEGORY_SOUND] = "Sound",
    [DEVICE_CATEGORY_MISC] = "Misc",
    [DEVICE_CATEGORY_CPU] = "CPU",
    [DEVICE_CATEGORY_WATCHDOG] = "Watchdog",
    [DEVICE_CATEGORY_UNCATEGORIZED] = "Uncategorized",
};

static gint compare_class_names(gconstpointer a, gconstpointer b)
{
    return strcmp(object_class_get_name((ObjectClass *)a),
                  object_class_get_name((ObjectClass *)b));
}

/*
 * -device help: the devices -device can create, under QEMU's category
 * headings (uncategorized last), each line `name "N", bus B[, desc "D"]`.
 */
static void list_devices(void)
{
    GSList *list = g_slist_sort(object_class_get_list(TYPE_DEVICE, false),
                                compare_class_names);
    bool first = true;

    for (int i = 1; i <= DEVICE_CATEGORY_MAX; i++) {
        DeviceCategory cat = i % DEVICE_CATEGORY_MAX;
        bool heading = false;

        for (GSList *l = list; l; l = l->next) {
            DeviceClass *dc = l->data;

            if (!dc->user_creatable || dc->category != cat) {
                continue;
            }
            if (!heading) {
                printf("%s%s devices:\n", first ? "" : "\n",
                       category_names[cat]);
                heading = true;
                first = false;
            }
            printf("name \"%s\", bus %s", object_class_get_name(l->data),
                   dc->bus_type ? dc->bus_type : "virtio-bus");
            printf(dc->desc ? ", desc \"%s\"\n" : "\n", dc->desc);
        }
    }
    g_slist_free(list);
}

/* -chardev help, as QEMU words it (the trailing space too). */
static void list_chardev_backends(void)
{
    GSList *list = object_class_get_list(TYPE_CHARDEV, false);

    printf("Available chardev backend types: \n");
    for (GSList *l = list; l; l = l->next) {
        const ChardevClass *cc =
            OBJECT_CLASS_CHECK(ChardevClass, l->data, TYPE_CHARDEV);

        if (cc->backend_name) {
            printf("  %s\n", cc->backend_name);
        }
    }
    g_slist_free(list);
}

static void list_objects(void)
{
    GSList *list = object_class_get_list(TYPE_USER_CREATABLE, false);

    printf("List of user creatable objects:\n");
    for (GSList *l = list; l; l = l->next) {
        printf("  %s\n", object_class_get_name(l->data));
    }
    g_slist_free(list);
}

/* The target's base CPU class: its name is the model types' suffix. */
static CPUClass *target_cpu_base_class(void)
{
    ObjectClass *oc = object_class_by_name(target_cpu_type_suffix());

    return oc ? CPU_CLASS(oc) : NULL;
}

static void list_cpus(void)
{
    g_autofree char *dash_suffix =
        g_strconcat("-", target_cpu_type_suffix(), NULL);
    CPUClass *base = target_cpu_base_class();
    GSList *list;

    if (base && base->list_models) {
        base->list_models();
        return;
    }
    list = object_class_get_list(target_cpu_type_suffix(), false);

    /* Bare model names, one a line, as QEMU prints them for RISC-V. */
    for (GSList *l = list; l; l = l->next) {
        const char *name = object_class_get_name(l->data);
        const char *suffix = g_str_has_suffix(name, dash_suffix)
                                 ? name + strlen(name) - strlen(dash_suffix)
                                 : NULL;

        if (object_class_is_abstract(l->data)) {
            continue;
        }
        printf("%.*s\n", suffix ? (int)(suffix - name) : (int)strlen(name),
               name);
    }
    g_slist_free(list);
}

/* Option parsing */

/*
 * -m: guest RAM is reserved, not allocated (softmmu/memory.c), so any size
 * up to RAM_SIZE_MAX is accepted; pages are committed as the guest
 * touches them. Sizes round up to whole 4 KiB pages; 0 means the
 * machine's default, as in QEMU.
 */
#define RAM_SIZE_MAX (1ULL << 40)

static const QemuOptDesc m_opts[] = {
    { "size", QEMU_OPT_SIZE },
    { "slots", QEMU_OPT_NUMBER },
    { "maxmem", QEMU_OPT_SIZE },
    { NULL },
};

static void parse_m(VlConfig *c, const char *arg)
{
    g_autoptr(GError) err = NULL;
    GPtrArray *opts = qemu_opts_parse_checked(arg, "size", m_opts, NULL, &err);
    const char *size;

    if (!opts) {
        fail("%s", err->message);
    }
    size = qemu_opt_get(opts, "size");
    if (size && !qemu_strtosz_MiB(size, &c->ram_size)) {
        fail("Parameter 'size' expects a non-negative number below 2^64");
    }
    if (c->ram_size > RAM_SIZE_MAX) {
        fail("ram size too large (at most 1T)");
    }
    c->ram_size = (c->ram_size + 4095) & ~4095ULL;
    qemu_opts_free(opts);
}

static void parse_smp(VlConfig *c, const char *arg)
{
    g_autoptr(GError) err = NULL;

    if (!smp_parse(arg, &c->smp, &err)) {
        fail("%s", err->message);
    }
}

static void parse_global(const char *arg)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *driver = NULL, *prop = NULL;
    const char *eq = strchr(arg, '=');
    const char *dot;

    if (!strncmp(arg, "driver=", 7)) {
        GPtrArray *opts = qemu_opts_parse(arg, NULL, &err);

        if (!opts || !qemu_opt_get(opts, "driver") ||
            !qemu_opt_get(opts, "property") || !qemu_opt_get(opts, "value")) {
            fail("Invalid -global: expected driver=,property=,value=");
        }
        if (!object_register_global_prop(qemu_opt_get(opts, "driver"),
                                         qemu_opt_get(opts, "property"),
                                         qemu_opt_get(opts, "value"), &err)) {
            fail("%s", err->message);
        }
        qemu_opts_free(opts);
        return;
    }
    dot = eq ? g_strstr_len(arg, eq - arg, ".") : NULL;
    if (!eq || !dot) {
        fail("Invalid format: expected DRIVER.PROP=VALUE");
    }
    driver = g_strndup(arg, dot - arg);
    prop = g_strndup(dot + 1, eq - dot - 1);
    if (!object_register_global_prop(driver, prop, eq + 1, &err)) {
        fail("%s", err->message);
    }
}

static const QemuOptDesc mon_opts[] = {
    { "chardev", QEMU_OPT_STRING },
    { "mode", QEMU_OPT_STRING },
    { "pretty", QEMU_OPT_BOOL },
    { "id", QEMU_OPT_STRING },
    { NULL },
};

static void parse_mon(VlConfig *c, const char *arg)
{
    g_autoptr(GError) err = NULL;
    GPtrArray *opts =
        qemu_opts_parse_checked(arg, "chardev", mon_opts, NULL, &err);
    MonitorSpec *m;
    const char *mode;

    if (!opts) {
        fail("%s", err->message);
    }
    if (!qemu_opt_get(opts, "chardev")) {
        fail("Parameter 'chardev' is missing");
    }
    mode = qemu_opt_get(opts, "mode");
    if (mode && strcmp(mode, "readline") && strcmp(mode, "control")) {
        fail("Parameter 'mode' does not accept value '%s'", mode);
    }
    m = g_new0(MonitorSpec, 1);
    m->chardev_id = g_strdup(qemu_opt_get(opts, "chardev"));
    m->control = mode && !strcmp(mode, "control");
    m->pretty = !g_strcmp0(qemu_opt_get(opts, "pretty"), "on");
    g_ptr_array_add(c->monitors, m);
    qemu_opts_free(opts);
}

static void add_monitor(VlConfig *c, const char *spec, bool control,
                        bool pretty)
{
    MonitorSpec *m = g_new0(MonitorSpec, 1);

    m->chardev_spec = g_strdup(spec);
    m->control = control;
    m->pretty = pretty;
    g_ptr_array_add(c->monitors, m);
}

static void parse_machine(VlConfig *c, const char *arg)
{
    g_autoptr(GError) err = NULL;
    GPtrArray *opts = qemu_opts_parse(arg, "type", &err);

    if (!opts) {
        fail("%s", err->message);
    }
    /* Later -machine options add to earlier ones. */
    for (guint i = 0; i < opts->len; i++) {
        QemuOpt *o = opts->pdata[i];

        if (!strcmp(o->key, "type")) {
            c->machine_type = g_intern_string(o->value);
        } else if (!strcmp(o->key, "accel")) {
            c->machine_accel = g_intern_string(o->value);
        } else {
            QemuOpt *copy = g_new0(QemuOpt, 1);

            copy->key = g_strdup(o->key);
            copy->value = g_strdup(o->value);
            g_ptr_array_add(c->machine_opts, copy);
        }
    }
    qemu_opts_free(opts);
}

/*
 * What query-command-line-options lists for -accel: QEMU's tcg keys, ours
 * (interp, jit-hot, kvm's device). Each accelerator checks its own.
 */
static const QemuOptDesc accel_opts[] = {
    { "accel", QEMU_OPT_STRING },         { "help", QEMU_OPT_BOOL },
    { "thread", QEMU_OPT_STRING },        { "tb-size", QEMU_OPT_NUMBER },
    { "one-insn-per-tb", QEMU_OPT_BOOL }, { "split-wx", QEMU_OPT_BOOL },
    { "interp", QEMU_OPT_STRING },        { "jit-hot", QEMU_OPT_STRING },
    { "device", QEMU_OPT_STRING },        { NULL },
};

static void list_accels(void)
{
    GSList *names = accel_list_names();

    printf("Accelerators supported in QEMU binary:\n");
    for (GSList *l = names; l; l = l->next) {
        printf("%s\n", (const char *)l->data);
    }
    g_slist_free(names);
}

/*
 * -accel NAME[,prop=value...]: one more accelerator to try, in order.
 * Ours also takes "A:B" (as -machine accel=), each with the properties.
 * The accelerator checks its properties when it is tried.
 */
static void parse_accel(VlConfig *c, const char *arg)
{
    g_autoptr(GError) err = NULL;
    GPtrArray *opts = qemu_opts_parse(arg, "accel", &err);
    GPtrArray *props = g_ptr_array_new();
    g_auto(GStrv) names = NULL;
    const char *name;

    if (!opts) {
        fail("%s", err->message);
    }
    name = qemu_opt_get(opts, "accel");
    if (qemu_opt_get(opts, "help") || !g_strcmp0(name, "help")) {
        list_accels();
        exit(0);
    }
    if (!name || !*name) {
        fail("Parameter 'accel' is missing");
    }
    for (guint i = 0; i < opts->len; i++) {
        QemuOpt *o = opts->pdata[i];

        if (strcmp(o->key, "accel")) {
            g_ptr_array_add(props, o);
        }
    }
    names = g_strsplit(name, ":", -1);
    for (int i = 0; names[i]; i++) {
        AccelChoice *ch = g_new0(AccelChoice, 1);

        ch->name = g_intern_string(names[i]);
        ch->opts = props;
        ch->cmdline = g_strdup(arg);
        g_ptr_array_add(c->accels, ch);
    }
}

static const QemuOptDesc rtc_opts[] = {
    { "base", QEMU_OPT_STRING },
    { "clock", QEMU_OPT_STRING },
    { "driftfix", QEMU_OPT_STRING },
    { NULL },
};

/* -rtc: base moves the guest's clock, clock picks the PC RTC's clock. */
static void parse_rtc(const char *arg)
{
    g_autoptr(GError) err = NULL;
    GPtrArray *opts = qemu_opts_parse_checked(arg, NULL, rtc_opts, NULL, &err);
    const char *base, *clock, *drift;

    if (!opts) {
        fail("%s", err->message);
    }
    base = qemu_opt_get(opts, "base");
    clock = qemu_opt_get(opts, "clock");
    drift = qemu_opt_get(opts, "driftfix");
    if (base && !rtc_set_base(base, &err)) {
        fail("%s", err->message);
    }
    if (clock && !rtc_set_clock(clock, &err)) {
        fail("%s", err->message);
    }
    if (drift && strcmp(drift, "none")) {
        fail("Parameter 'driftfix' does not accept value '%s' (only 'none' "
             "is supported)",
             drift);
    }
    qemu_opts_free(opts);
}

static const QemuOptDesc boot_opts[] = {
    { "order", QEMU_OPT_STRING },       { "once", QEMU_OPT_STRING },
    { "menu", QEMU_OPT_BOOL },          { "splash", QEMU_OPT_STRING },
    { "splash-time", QEMU_OPT_NUMBER }, { "reboot-timeout", QEMU_OPT_NUMBER },
    { "strict", QEMU_OPT_BOOL },        { NULL },
};

/*
 * -boot: checked as QEMU checks it. The virt machine's firmware (OpenSBI,
 * U-Boot) chooses its boot device itself; the pc machine puts the order
 * (once= if given, for every boot) in the CMOS for SeaBIOS.
 */
static void parse_boot(VlConfig *c, const char *arg)
{
    g_autoptr(GError) err = NULL;
    GPtrArray *opts =
        qemu_opts_parse_checked(arg, "order", boot_opts, NULL, &err);

    if (!opts) {
        fail("%s", err->message);
    }
    for (const char *k = "order"; k; k = strcmp(k, "order") ? NULL : "once") {
        const char *v = qemu_opt_get(opts, k);

        for (const char *p = v; p && *p; p++) {
            if (*p < 'a' || *p > 'p') {
                fail("Invalid boot device '%c'", *p);
            }
        }
        if (v) {
            c->boot_order = g_intern_string(v);
        }
    }
    qemu_opts_free(opts);
}

static const QemuOptDesc msg_opts[] = {
    { "timestamp", QEMU_OPT_BOOL },
    { "guest-name", QEMU_OPT_BOOL },
    { NULL },
};

static void parse_msg(VlConfig *c, const char *arg)
{
    g_autoptr(GError) err = NULL;
    GPtrArray *opts = qemu_opts_parse_checked(arg, NULL, msg_opts, NULL, &err);

    if (!opts) {
        fail("%s", err->message);
    }
    error_set_timestamps(!g_strcmp0(qemu_opt_get(opts, "timestamp"), "on"));
    c->msg_guest_name = !g_strcmp0(qemu_opt_get(opts, "guest-name"), "on");
    qemu_opts_free(opts);
}

static const QemuOptDesc add_fd_opts[] = {
    { "fd", QEMU_OPT_NUMBER },
    { "set", QEMU_OPT_NUMBER },
    { "opaque", QEMU_OPT_STRING },
    { NULL },
};

/*
 * -add-fd fd=N,set=S[,opaque=TEXT]: the set keeps a duplicate and the
 * inherited descriptor is closed, as QEMU does.
 */
static void parse_add_fd(const char *arg)
{
    g_autoptr(GError) err = NULL;
    GPtrArray *opts =
        qemu_opts_parse_checked(arg, NULL, add_fd_opts, NULL, &err);
    const char *fd, *set;
    uint64_t n, s;

    if (!opts) {
        fail("%s", err->message);
    }
    fd = qemu_opt_get(opts, "fd");
    set = qemu_opt_get(opts, "set");
    if (!fd || !set) {
        fail("parameters 'fd' and 'set' are required");
    }
    if (!qemu_strtou64(fd, &n) || n > INT_MAX || !qemu_strtou64(set, &s) ||
        s > INT64_MAX) {
        fail("'fd' and 'set' must be numbers");
    }
    if (!fdset_add_fd(n, s, qemu_opt_get(opts, "opaque"), &err)) {
        fail("%s", err->message);
    }
    close(n);
    qemu_opts_free(opts);
}

static const QemuOptDesc overcommit_opts[] = {
    { "mem-lock", QEMU_OPT_STRING },
    { "cpu-pm", QEMU_OPT_BOOL },
    { NULL },
};

static void parse_overcommit(VlConfig *c, const char *arg)
{
    g_autoptr(GError) err = NULL;
    GPtrArray *opts =
        qemu_opts_parse_checked(arg, NULL, overcommit_opts, NULL, &err);
    const char *lock;

    if (!opts) {
        fail("%s", err->message);
    }
    lock = qemu_opt_get(opts, "mem-lock");
    if (!lock || !strcmp(lock, "off")) {
        c->mem_lock = 0;
    } else if (!strcmp(lock, "on")) {
        c->mem_lock = 1;
    } else if (!strcmp(lock, "on-fault")) {
        c->mem_lock = 2;
    } else {
        fail("Parameter 'mem-lock' does not accept value '%s'", lock);
    }
    /* cpu-pm=on lets a KVM guest idle its host CPU; TCG has no such thing. */
    qemu_opts_free(opts);
}

static const QemuOptDesc audiodev_opts[] = {
    { "driver", QEMU_OPT_STRING },
    { "id", QEMU_OPT_STRING },
    { NULL },
};

/* -audiodev: there are no sound devices, so only the "none" backend. */
static void parse_audiodev(const char *arg)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *text =
        arg[0] == '{' ? qemu_opts_from_json(arg, &err) : g_strdup(arg);
    GPtrArray *opts = text ? qemu_opts_parse_checked(text, "driver",
                                                     audiodev_opts, NULL, &err)
                           : NULL;
    const char *driver;

    if (!opts) {
        fail("%s", err->message);
    }
    driver = qemu_opt_get(opts, "driver");
    if (!driver) {
        fail("Parameter 'driver' is missing");
    }
    if (strcmp(driver, "none")) {
        fail("Parameter 'driver' does not accept value '%s'", driver);
    }
    if (!qemu_opt_get(opts, "id")) {
        fail("Parameter 'id' is missing");
    }
    qemu_opts_free(opts);
}

static const QemuOptDesc sandbox_opts[] = {
    { "enable", QEMU_OPT_STRING },
    { "obsolete", QEMU_OPT_STRING },
    { "elevateprivileges", QEMU_OPT_STRING },
    { "spawn", QEMU_OPT_STRING },
    { "resourcecontrol", QEMU_OPT_STRING },
    { NULL },
};

static void parse_sandbox(const char *arg)
{
    g_autoptr(GError) err = NULL;
    GPtrArray *opts =
        qemu_opts_parse_checked(arg, "enable", sandbox_opts, NULL, &err);

    if (!opts ||
        !sandbox_configure(
            qemu_opt_get(opts, "enable") ? qemu_opt_get(opts, "enable") : "off",
            qemu_opt_get(opts, "obsolete"),
            qemu_opt_get(opts, "elevateprivileges"),
            qemu_opt_get(opts, "spawn"), qemu_opt_get(opts, "resourcecontrol"),
            &err)) {
        fail("%s", err->message);
    }
    qemu_opts_free(opts);
}

/* JSON -object/-device as key=value text (kept until exit). */
static const char *json_or_text(const char *arg)
{
    g_autoptr(GError) err = NULL;
    char *text;

    if (arg[0] != '{') {
        return arg;
    }
    text = qemu_opts_from_json(arg, &err);
    if (!text) {
        fail("%s", err->message);
    }
    return text;
}

static void parse_display(const char *arg)
{
    if (strcmp(arg, "none") && strncmp(arg, "none,", 5)) {
        fail("Parameter 'type' does not accept value '%s'", arg);
    }
}

static const QemuOptDesc name_opts[] = {
    { "guest", QEMU_OPT_STRING },
    { "process", QEMU_OPT_STRING },
    { "debug-threads", QEMU_OPT_BOOL },
    { NULL },
};

/* query-command-line-options: the options with key=value parameters. */
static const CmdlineOptList cmdline_opt_lists[] = {
    { "accel", accel_opts },       { "add-fd", add_fd_opts },
    { "boot-opts", boot_opts },    { "memory", m_opts },
    { "mon", mon_opts },           { "msg", msg_opts },
    { "name", name_opts },         { "overcommit", overcommit_opts },
    { "rtc", rtc_opts },           { "sandbox", sandbox_opts },
    { "smp-opts", smp_opts_desc },
};

const CmdlineOptList *qemu_cmdline_opt_lists(size_t *n)
{
    *n = ARRAY_SIZE(cmdline_opt_lists);
    return cmdline_opt_lists;
}

static void parse_name(const char *arg)
{
    g_autoptr(GError) err = NULL;
    GPtrArray *opts =
        qemu_opts_parse_checked(arg, "guest", name_opts, NULL, &err);

    if (!opts) {
        fail("%s", err->message);
    }
    qemu_set_name(qemu_opt_get(opts, "guest"));
    qemu_opts_free(opts);
}

static void parse_one(VlConfig *c, const QemuOption *opt, const char *arg)
{
    g_autoptr(GError) err = NULL;

    switch (opt->index) {
    case OPT_machine:
        parse_machine(c, arg);
        break;
    case OPT_m:
        parse_m(c, arg);
        break;
    case OPT_smp:
        parse_smp(c, arg);
        break;
    case OPT_cpu:
        c->cpu_model = arg;
        break;
    case OPT_bios:
        c->bios = arg;
        break;
    case OPT_kernel:
        c->kernel = arg;
        break;
    case OPT_initrd:
        c->initrd = arg;
        break;
    case OPT_append:
        c->append = arg;
        break;
    case OPT_dtb:
        c->dtb = arg;
        break;
    case OPT_nographic:
        c->nographic = true;
        break;
    case OPT_display:
        parse_display(arg);
        break;
    case OPT_serial:
        if (c->serials->len >= MAX_SERIAL_PORTS) {
            fail("too many serial ports");
        }
        g_ptr_array_add(c->serials, (gpointer)arg);
        break;
    case OPT_chardev:
        g_ptr_array_add(c->chardevs, (gpointer)arg);
        break;
    case OPT_mon:
        parse_mon(c, arg);
        break;
    case OPT_monitor:
        add_monitor(c, arg, false, false);
        break;
    case OPT_qmp:
        add_monitor(c, arg, true, false);
        break;
    case OPT_qmp_pretty:
        add_monitor(c, arg, true, true);
        break;
    case OPT_qtest:
        c->qtest_spec = arg;
        break;
    case OPT_qtest_log:
        c->qtest_log = arg;
        break;
    case OPT_accel:
        parse_accel(c, arg);
        break;
    case OPT_enable_kvm:
        c->machine_accel = "kvm";
        break;
    case OPT_S:
        c->start_stopped = true;
        break;
    case OPT_gdb:
        c->gdb_dev = arg;
        break;
    case OPT_s:
        c->gdb_dev = "tcp::" DEFAULT_GDBSTUB_PORT;
        break;
    case OPT_no_reboot:
        qemu_set_no_reboot(true);
        break;
    case OPT_no_shutdown:
        qemu_set_no_shutdown(true);
        break;
    case OPT_name:
        parse_name(arg);
        break;
    case OPT_object:
        g_ptr_array_add(c->objects, (gpointer)json_or_text(arg));
        break;
    case OPT_device:
        g_ptr_array_add(c->devices, (gpointer)json_or_text(arg));
        break;
    case OPT_drive:
        g_ptr_array_add(c->drives, (gpointer)arg);
        break;
    case OPT_blockdev:
        g_ptr_array_add(c->blockdevs, (gpointer)arg);
        break;
    case OPT_snapshot:
        c->snapshot = true;
        break;
    case OPT_netdev:
        g_ptr_array_add(c->netdevs, (gpointer)arg);
        break;
    case OPT_nic:
        g_ptr_array_add(c->nics, (gpointer)arg);
        break;
    case OPT_global:
        parse_global(arg);
        break;
    case OPT_d:
        if (!strcmp(arg, "help")) {
            /* QEMU 7.2 exits with status 1 after this listing. */
            qemu_print_log_usage(stdout);
            exit(1);
        }
        if (!qemu_set_log_items(arg, &err)) {
            fail("%s", err->message);
        }
        break;
    case OPT_D:
        if (!qemu_set_log_filename(arg, &err)) {
            fail("%s", err->message);
        }
        break;
    case OPT_version:
        version();
        exit(0);
    case OPT_help:
        help();
        exit(0);
    case OPT_nodefaults:
        c->nodefaults = true;
        break;
    case OPT_no_user_config:
        break; /* we read no configuration files */
    case OPT_uuid:
        if (!qemu_set_uuid(arg, &err)) {
            fail("%s", err->message);
        }
        break;
    case OPT_pidfile:
        c->pidfile = arg;
        break;
    case OPT_daemonize:
        c->daemonize = true;
        break;
    case OPT_rtc:
        parse_rtc(arg);
        break;
    case OPT_boot:
        parse_boot(c, arg);
        break;
    case OPT_msg:
        parse_msg(c, arg);
        break;
    case OPT_add_fd:
        parse_add_fd(arg);
        break;
    case OPT_overcommit:
        parse_overcommit(c, arg);
        break;
    case OPT_audiodev:
        parse_audiodev(arg);
        break;
    case OPT_sandbox:
        parse_sandbox(arg);
        break;
    }
}

static void parse_args(VlConfig *c, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const QemuOption *opt;
        const char *arg = NULL;

        if (argv[i][0] != '-') {
            /* A bare image name is a disk, as -drive file=NAME. */
            g_ptr_array_add(c->drives,
                            g_strdup_printf("%cfile=%s", BARE_DRIVE, argv[i]));
            continue;
        }
        opt = lookup_option(argv[i]);
        if (!opt) {
            loc_set_cmdline(argv[i], NULL);
            fail("invalid option");
        }
        if (opt->has_arg) {
            if (i + 1 >= argc) {
                loc_set_cmdline(argv[i], NULL);
                fail("requires an argument");
            }
            arg = argv[++i];
        }
        loc_set_cmdline(argv[i - (opt->has_arg ? 1 : 0)], arg);
        parse_one(c, opt, arg);
    }
    loc_set_none();
}

/* Building the VM */

static Chardev *chr_new_or_fail(const char *label, const char *spec)
{
    g_autoptr(GError) err = NULL;
    Chardev *chr = qemu_chr_new(label, spec, &err);

    if (err) {
        fail("%s", err->message);
    }
    return chr;
}

/* Does a -serial mon:... carry the HMP monitor (QEMU's "default_monitor")? */
static bool serial_has_monitor(VlConfig *c)
{
    for (guint i = 0; i < c->serials->len; i++) {
        if (g_str_has_prefix(c->serials->pdata[i], "mon:")) {
            return true;
        }
    }
    return false;
}

static void create_chardevs_and_monitors(VlConfig *c)
{
    g_autoptr(GError) err = NULL;

    for (guint i = 0; i < c->chardevs->len; i++) {
        loc_set_cmdline("-chardev", c->chardevs->pdata[i]);
        if (!qemu_chr_new_from_opts_str(c->chardevs->pdata[i], &err)) {
            fail("%s", err->message);
        }
    }
    /* -nographic: serial0 and the HMP monitor share stdio (Ctrl-A c). */
    if (c->nographic && !c->nodefaults) {
        bool want_monitor = !c->monitors->len && !serial_has_monitor(c);

        if (c->serials->len == 0) {
            g_ptr_array_add(c->serials, want_monitor ? "mon:stdio" : "stdio");
        } else if (want_monitor) {
            add_monitor(c, "stdio", false, false);
        }
    }
    for (guint i = 0; i < c->serials->len; i++) {
        g_autofree char *label = g_strdup_printf("serial%u", i);
        const char *spec = c->serials->pdata[i];

        loc_set_cmdline("-serial", spec);
        serial_hds[i] = chr_new_or_fail(label, spec);
        /* As QEMU: "mon:" muxes an HMP monitor in with the serial port. */
        if (g_str_has_prefix(spec, "mon:") && serial_hds[i] &&
            !monitor_init(serial_hds[i], false, false, &err)) {
            fail("%s", err->message);
        }
    }
    for (guint i = 0; i < c->monitors->len; i++) {
        MonitorSpec *m = c->monitors->pdata[i];
        Chardev *chr;

        if (m->chardev_id) {
            loc_set_cmdline("-mon", m->chardev_id);
            chr = qemu_chr_find(m->chardev_id);
            if (!chr) {
                fail("chardev \"%s\" not found", m->chardev_id);
            }
        } else {
            g_autofree char *label = g_strdup_printf("compat_monitor%u", i);

            loc_set_cmdline(m->control ? "-qmp" : "-monitor", m->chardev_spec);
            chr = chr_new_or_fail(label, m->chardev_spec);
        }
        if (chr && !monitor_init(chr, m->control, m->pretty, &err)) {
            fail("%s", err->message);
        }
    }
    if (c->qtest_spec) {
        loc_set_cmdline("-qtest", c->qtest_spec);
        if (!qtest_server_init(c->qtest_spec, c->qtest_log, &err)) {
            fail("%s", err->message);
        }
    }
    loc_set_none();
}

static void create_objects(VlConfig *c)
{
    for (guint i = 0; i < c->objects->len; i++) {
        g_autoptr(GError) err = NULL;
        const char *arg = c->objects->pdata[i];
        GPtrArray *opts;
        GHashTable *props;
        g_autofree char *type = NULL, *id = NULL;
        g_autofree char *shown = qemu_opts_redact(arg, "data");

        /* Error messages name the option, but never a secret's data. */
        loc_set_cmdline("-object", shown);
        opts = qemu_opts_parse(arg, "qom-type", &err);
        if (!opts) {
            fail("%s", err->message);
        }
        if (!strcmp(arg, "help")) {
            list_objects();
            exit(0);
        }
        type = g_strdup(qemu_opt_get(opts, "qom-type"));
        id = g_strdup(qemu_opt_get(opts, "id"));
        qemu_opt_del(opts, "qom-type");
        qemu_opt_del(opts, "id");
        if (!type) {
            fail("Parameter 'qom-type' is missing");
        }
        props = qemu_opts_to_hash(opts);
        if (!user_creatable_add(type, id, props, &err)) {
            fail("%s", err->message);
        }
        g_hash_table_unref(props);
        qemu_opts_free(opts);
    }
    loc_set_none();
}

/*
 * -blockdev nodes, then -drive backends; a drive with if=virtio adds its
 * disk after the -device options, as QEMU orders them.
 */
static void create_block_devices(VlConfig *c)
{
    for (guint i = 0; i < c->blockdevs->len; i++) {
        g_autoptr(GError) err = NULL;

        loc_set_cmdline("-blockdev", c->blockdevs->pdata[i]);
        if (!blockdev_new(c->blockdevs->pdata[i], &err)) {
            fail("%s", err->message);
        }
    }
    for (guint i = 0; i < c->drives->len; i++) {
        g_autoptr(GError) err = NULL;
        const char *opts = c->drives->pdata[i];
        char *device;

        /* Errors about a bare image name show the name alone, as QEMU. */
        if (opts[0] == BARE_DRIVE) {
            opts++;
            loc_set_cmdline(opts + strlen("file="), NULL);
        } else {
            loc_set_cmdline("-drive", opts);
        }
        if (!drive_new(opts, c->snapshot, &device, &err)) {
            fail("%s", err->message);
        }
        if (device) {
            g_ptr_array_add(c->devices, device); /* lives until exit */
        }
    }
    loc_set_none();
}

/*
 * -netdev backends, then -nic ones, whose NICs are added after the -device
 * options (as -drive if=virtio disks are).
 */
static void create_netdevs(VlConfig *c)
{
    for (guint i = 0; i < c->netdevs->len; i++) {
        g_autoptr(GError) err = NULL;

        loc_set_cmdline("-netdev", c->netdevs->pdata[i]);
        if (!netdev_new(c->netdevs->pdata[i], &err)) {
            fail("%s", err->message);
        }
    }
    for (guint i = 0; i < c->nics->len; i++) {
        g_autoptr(GError) err = NULL;
        char *device;

        loc_set_cmdline("-nic", c->nics->pdata[i]);
        device = nic_new(c->nics->pdata[i], &err);
        if (!device) {
            fail("%s", err->message);
        }
        g_ptr_array_add(c->devices, device); /* lives until exit */
    }
    loc_set_none();
}

static void handle_help_requests(VlConfig *c)
{
    for (guint i = 0; i < c->netdevs->len; i++) {
        if (!strcmp(c->netdevs->pdata[i], "help")) {
            netdev_print_help();
            exit(0);
        }
    }
    for (guint i = 0; i < c->devices->len; i++) {
        const char *arg = c->devices->pdata[i];
        g_auto(GStrv) parts = g_strsplit(arg, ",", 2);
        ObjectClass *oc;

        if (!strcmp(arg, "help") || !strcmp(arg, "?")) {
            list_devices();
            exit(0);
        }
        if (parts[0] && parts[1] && !strcmp(parts[1], "help")) {
            oc = object_class_by_name(parts[0]);
            if (!oc || !object_class_dynamic_cast(oc, TYPE_DEVICE)) {
                loc_set_cmdline("-device", arg);
                fail("'%s' is not a valid device model name", parts[0]);
            }
            list_class_props(oc);
            exit(0);
        }
    }
    for (guint i = 0; i < c->chardevs->len; i++) {
        if (!strcmp(c->chardevs->pdata[i], "help")) {
            list_chardev_backends();
            exit(0);
        }
    }
    if (c->cpu_model && !strcmp(c->cpu_model, "help")) {
        list_cpus();
        exit(0);
    }
}

/*
 * -device DRIVER,prop=value,...: the device goes into /machine/peripheral
 * (with id=) or /machine/peripheral-anon, as in QEMU; virtio devices are
 * plugged into the next free virtio-mmio transport, others (virtconsole)
 * find their bus when realized.
 */
static DeviceState *create_device(const char *arg, GError **errp)
{
    GPtrArray *opts = qemu_opts_parse(arg, "driver", errp);
    const char *driver;
    ObjectClass *oc;
    bool is_virtio;
    Object *obj;
    Object *parent;
    g_autofree char *name = NULL;

    if (!opts) {
        return NULL;
    }
    driver = qemu_opt_get(opts, "driver");
    if (!driver || !*driver) {
        error_setg(errp, "Parameter 'driver' is missing");
        goto fail;
    }
    oc = object_class_by_name(driver);
    if (!oc || !object_class_dynamic_cast(oc, TYPE_DEVICE) ||
        object_class_is_abstract(oc)) {
        error_setg(errp, "'%s' is not a valid device model name", driver);
        goto fail;
    }
    is_virtio = object_class_dynamic_cast(oc, TYPE_VIRTIO_DEVICE);
    if (!DEVICE_CLASS(oc)->user_creatable ||
        !(is_virtio || DEVICE_CLASS(oc)->bus_type)) {
        error_setg(errp, "Parameter 'driver' expects a pluggable device type");
        goto fail;
    }
    obj = object_new(driver);
    for (guint i = 0; i < opts->len; i++) {
        QemuOpt *o = opts->pdata[i];

        if (!strcmp(o->key, "driver")) {
            continue;
        }
        if (!strcmp(o->key, "id")) {
            g_free(DEVICE(obj)->id);
            DEVICE(obj)->id = g_strdup(o->value);
            continue;
        }
        if (!object_property_parse(obj, o->key, o->value, errp)) {
            object_unref(obj);
            goto fail;
        }
    }
    if (DEVICE(obj)->id) {
        parent = container_get(OBJECT(qdev_get_machine()), "peripheral");
        name = g_strdup(DEVICE(obj)->id);
        if (object_resolve_path_component(parent, name)) {
            error_setg(errp, "Duplicate device ID '%s'", name);
            object_unref(obj);
            goto fail;
        }
    } else {
        parent = container_get(OBJECT(qdev_get_machine()), "peripheral-anon");
        name = g_strdup_printf("device[%d]", object_child_count(parent));
    }
    object_property_add_child(parent, name, obj);
    object_unref(obj);
    if (!qdev_realize(DEVICE(obj), errp) ||
        (is_virtio && !virtio_mmio_plug_next(VIRTIO_DEVICE(obj), errp))) {
        object_unparent(obj);
        goto fail;
    }
    qemu_opts_free(opts);
    return DEVICE(obj);
fail:
    qemu_opts_free(opts);
    return NULL;
}

static void create_devices(VlConfig *c)
{
    for (guint i = 0; i < c->devices->len; i++) {
        g_autoptr(GError) err = NULL;
        const char *arg = c->devices->pdata[i];

        loc_set_cmdline("-device", arg);
        if (!create_device(arg, &err)) {
            fail("%s", err->message);
        }
    }
    loc_set_none();
}

/*
 * The accelerators to try: the -accel options, or -machine accel= (or
 * -enable-kvm), or the target's default; not both kinds, as in QEMU.
 */
static GPtrArray *accel_choices(VlConfig *c)
{
    g_auto(GStrv) names = NULL;

    if (c->accels->len) {
        if (c->machine_accel) {
            fail("The -accel and \"-machine accel=\" options are "
                 "incompatible");
        }
        return c->accels;
    }
    names = g_strsplit(
        c->machine_accel ? c->machine_accel : target_default_accel(), ":", -1);
    for (int i = 0; names[i]; i++) {
        AccelChoice *ch = g_new0(AccelChoice, 1);

        ch->name = g_intern_string(names[i]);
        g_ptr_array_add(c->accels, ch);
    }
    return c->accels;
}

static void set_machine_props(MachineState *ms, VlConfig *c)
{
    g_autoptr(GError) err = NULL;

    for (guint i = 0; i < c->machine_opts->len; i++) {
        QemuOpt *o = c->machine_opts->pdata[i];

        if (!strcmp(o->key, "help")) {
            list_class_props(OBJECT_CLASS(MACHINE_GET_CLASS(ms)));
            exit(0);
        }
        loc_set_cmdline("-machine", o->key);
        if (!object_property_parse(OBJECT(ms), o->key, o->value, &err)) {
            fail("%s", err->message);
        }
        if (ms->usb) {
            fail("this machine has no USB controller");
        }
    }
    loc_set_none();
#define SET_IF(field, val)         \
    if (val) {                     \
        g_free(ms->field);         \
        ms->field = g_strdup(val); \
    }
    SET_IF(firmware, c->bios);
    SET_IF(kernel_filename, c->kernel);
    SET_IF(initrd_filename, c->initrd);
    SET_IF(kernel_cmdline, c->append);
    SET_IF(dtb, c->dtb);
#undef SET_IF
}

/*
 * -cpu MODEL[,prop=value,...]: the model names the type; the properties
 * (extensions, "c=off", "zba=off") become defaults of that type, so every
 * hart gets them. Where the target takes them (x86), "+flag" and "-flag"
 * mean flag=on and flag=off. Errors name -cpu.
 */
static char *select_cpu_type(VlConfig *c, MachineClass *mc)
{
    g_autoptr(GError) err = NULL;
    GPtrArray *opts;
    char *cpu_type;
    const char *model;

    if (!c->cpu_model) {
        return g_strdup(mc->default_cpu_type);
    }
    loc_set_cmdline("-cpu", c->cpu_model);
    opts = qemu_opts_parse(c->cpu_model, "model", &err);
    if (!opts) {
        fail("%s", err->message);
    }
    model = qemu_opt_get(opts, "model");
    cpu_type = g_strdup_printf("%s-%s", model, target_cpu_type_suffix());
    if (!object_class_by_name(cpu_type) ||
        object_class_is_abstract(object_class_by_name(cpu_type))) {
        fail("unable to find CPU model '%s'", model);
    }
    for (guint i = 0; i < opts->len; i++) {
        QemuOpt *o = opts->pdata[i];
        CPUClass *base = target_cpu_base_class();
        const char *key = o->key, *value = o->value;

        if (!strcmp(o->key, "model")) {
            continue;
        }
        if (!strcmp(o->key, "help")) {
            list_class_props(object_class_by_name(cpu_type));
            exit(0);
        }
        if (base && base->plus_minus_flags &&
            (key[0] == '+' || key[0] == '-') && !strcmp(value, "on")) {
            value = key[0] == '+' ? "on" : "off";
            key++;
        }
        if (!object_register_global_prop(cpu_type, key, value, &err)) {
            fail("%s", err->message);
        }
    }
    /* Check the values now, on a scratch hart, so errors name -cpu. */
    {
        Object *probe = object_new(cpu_type);

        object_unref(probe);
    }
    qemu_opts_free(opts);
    loc_set_none();
    return cpu_type;
}

static MachineState *create_machine(VlConfig *c)
{
    MachineClass *mc;
    MachineState *ms;
    g_autofree char *cpu_type = NULL;

    if (c->machine_type && !strcmp(c->machine_type, "help")) {
        list_machines();
        exit(0);
    }
    mc = c->machine_type ? machine_class_find(c->machine_type)
                         : machine_class_default();
    if (!mc) {
        fail("unsupported machine type\nUse -machine help to list supported "
             "machines");
    }
    ms = MACHINE(object_new(object_class_get_name(OBJECT_CLASS(mc))));
    object_property_add_child(object_get_root(), "machine", OBJECT(ms));
    object_unref(OBJECT(ms));
    machine_set_current(ms);
    /* Where -device puts devices; present even when empty, as in QEMU. */
    container_get(OBJECT(ms), "peripheral");
    container_get(OBJECT(ms), "peripheral-anon");
    set_machine_props(ms, c);

    ms->ram_size = c->ram_size ? c->ram_size : mc->default_ram_size;
    if (c->smp.max_cpus > mc->max_cpus) {
        fail("Invalid SMP CPUs %" PRIu64 ". The max CPUs supported by "
             "machine '%s' is %u",
             c->smp.max_cpus, mc->name, mc->max_cpus);
    }
    ms->smp_cpus = c->smp.cpus ? c->smp.cpus : 1;
    ms->nodefaults = c->nodefaults;
    ms->boot_order = g_strdup(c->boot_order);
    cpu_type = select_cpu_type(c, mc);
    ms->cpu_type = g_strdup(cpu_type);
    return ms;
}

static bool is_stdio_spec(const char *spec)
{
    return spec && (g_str_has_prefix(spec, "stdio") ||
                    g_str_has_prefix(spec, "mon:stdio"));
}

/* Is stdio (closed by -daemonize) a chardev, serial port or monitor? */
static bool uses_stdio(VlConfig *c)
{
    for (guint i = 0; i < c->serials->len; i++) {
        if (is_stdio_spec(c->serials->pdata[i])) {
            return true;
        }
    }
    for (guint i = 0; i < c->chardevs->len; i++) {
        if (is_stdio_spec(c->chardevs->pdata[i])) {
            return true;
        }
    }
    for (guint i = 0; i < c->monitors->len; i++) {
        if (is_stdio_spec(
                ((MonitorSpec *)c->monitors->pdata[i])->chardev_spec)) {
            return true;
        }
    }
    return false;
}

/*
 * -daemonize forks before anything is opened, so the child owns every
 * socket and file; the pid file is then the child's.
 */
static void start_process(VlConfig *c)
{
    g_autoptr(GError) err = NULL;

    if (c->daemonize) {
        /* -nographic would put serial0 and a monitor on stdio. */
        if (c->nographic && !c->nodefaults &&
            (!c->serials->len ||
             (!c->monitors->len && !serial_has_monitor(c)))) {
            fail("-nographic cannot be used with -daemonize");
        }
        if (uses_stdio(c)) {
            fail("cannot use stdio with -daemonize");
        }
        qemu_daemonize_begin();
    }
    if (c->pidfile && !qemu_write_pidfile(c->pidfile, &err)) {
        fail("%s", err->message);
    }
}

static gboolean on_signal(gpointer data)
{
    int sig = GPOINTER_TO_INT(data);

    error_report("terminating on signal %d", sig);
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_SIGNAL);
    return G_SOURCE_CONTINUE;
}

static void install_signal_handlers(void)
{
    signal(SIGPIPE, SIG_IGN);
    g_unix_signal_add(SIGTERM, on_signal, GINT_TO_POINTER(SIGTERM));
    g_unix_signal_add(SIGINT, on_signal, GINT_TO_POINTER(SIGINT));
    g_unix_signal_add(SIGHUP, on_signal, GINT_TO_POINTER(SIGHUP));
}

void qemu_init(int argc, char **argv)
{
    /* Static: what it points to lives as long as the process. */
    static VlConfig c;
    g_autoptr(GError) err = NULL;
    MachineState *ms;

    error_set_progname(argv[0]);
    qemu_init_main_loop();
    c.machine_opts = g_ptr_array_new();
    c.serials = g_ptr_array_new();
    c.chardevs = g_ptr_array_new();
    c.monitors = g_ptr_array_new();
    c.objects = g_ptr_array_new();
    c.devices = g_ptr_array_new();
    c.drives = g_ptr_array_new();
    c.blockdevs = g_ptr_array_new();
    c.accels = g_ptr_array_new();
    c.netdevs = g_ptr_array_new();
    c.nics = g_ptr_array_new();

    parse_args(&c, argc, argv);
    handle_help_requests(&c);
    if (c.msg_guest_name && qemu_get_name()) {
        error_set_guest_name(qemu_get_name());
    }
    start_process(&c);
    ms = create_machine(&c);
    accel_configure(accel_choices(&c), ms);
    g_free(ms->accel);
    ms->accel = g_strdup(current_accel_name());
    install_signal_handlers();
    create_objects(&c);
    create_chardevs_and_monitors(&c);
    create_block_devices(&c);
    create_netdevs(&c);

    if (!MACHINE_GET_CLASS(ms)->init(ms, &err)) {
        fail("%s", err->message);
    }
    machine_apply_dump_guest_core(ms);
    create_devices(&c);
    net_check_clients();
    qemu_system_reset(SHUTDOWN_CAUSE_NONE);
    if (c.gdb_dev) {
        loc_set_cmdline("-gdb", c.gdb_dev);
        if (!gdbserver_start(c.gdb_dev, &err)) {
            fail("%s", err->message);
        }
        loc_set_none();
    }
    cpus_start_vcpus();
    /* A debugger that connected at start-up (wait=on) keeps it stopped. */
    if (!c.start_stopped && !gdbserver_hold_start()) {
        vm_start();
    }
    if (c.mem_lock && !qemu_mem_lock(c.mem_lock == 2, &err)) {
        fail("%s", err->message);
    }
    qemu_daemonize_finish();
    /* Last: start-up may do what the filter forbids (e.g. fork). */
    if (!sandbox_start(&err)) {
        fail("%s", err->message);
    }
}

int qemu_main(int argc, char **argv)
{
    int status;

    qemu_init(argc, argv);
    status = qemu_main_loop();
    monitor_cleanup();
    net_cleanup();
    qtest_server_cleanup();
    qemu_chr_cleanup();
    return status;
}
