/*
 * The command line's network options: -netdev TYPE,id=ID,... creates a
 * backend; -nic TYPE,... creates a backend and the NIC wired to it.
 * Backends are a table: a type, the options it takes, its constructor.
 */
#include "qemu/osdep.h"
#include "qemu/cutils.h"
#include "qemu/option.h"
#include "qapi/error.h"
#include "net/net.h"
#include "net/slirp.h"

typedef struct NetdevBackend {
    const char *type;
    const QemuOptDesc *desc; /* besides type and id */
    NetClientState *(*init)(GPtrArray *opts, const char *id, GError **errp);
} NetdevBackend;

static const NetdevBackend netdev_backends[] = {
    { "user", net_slirp_opts, net_init_slirp },
};

/* What -nic takes besides the backend's options. */
static const QemuOptDesc nic_opts[] = {
    { "model", QEMU_OPT_STRING },
    { "mac", QEMU_OPT_STRING },
    { NULL },
};

#define NIC_MODEL_DEFAULT "virtio-net-device"

void netdev_print_help(void)
{
    printf("Available netdev backend types:\n");
    for (size_t i = 0; i < ARRAY_SIZE(netdev_backends); i++) {
        printf("%s\n", netdev_backends[i].type);
    }
}

static const NetdevBackend *find_backend(const char *type, GError **errp)
{
    for (size_t i = 0; i < ARRAY_SIZE(netdev_backends); i++) {
        if (!strcmp(netdev_backends[i].type, type)) {
            return &netdev_backends[i];
        }
    }
    error_setg(errp, "Parameter 'type' does not accept value '%s'", type);
    return NULL;
}

/* The descriptors a backend takes: type, id, its own, and extra. */
static QemuOptDesc *backend_desc(const NetdevBackend *b,
                                 const QemuOptDesc *extra)
{
    GArray *d = g_array_new(TRUE, TRUE, sizeof(QemuOptDesc));
    static const QemuOptDesc common[] = {
        { "type", QEMU_OPT_STRING },
        { "id", QEMU_OPT_STRING },
        { NULL },
    };

    for (const QemuOptDesc *l[] = { common, b->desc, extra }, **p = l;
         p < l + 3; p++) {
        for (const QemuOptDesc *o = *p; o && o->name; o++) {
            g_array_append_val(d, *o);
        }
    }
    return (QemuOptDesc *)g_array_free(d, FALSE);
}

/* Parse optstr for its backend; sets *backend. */
static GPtrArray *parse_backend_opts(const char *optstr,
                                     const QemuOptDesc *extra,
                                     const NetdevBackend **backend,
                                     GError **errp)
{
    GPtrArray *opts = qemu_opts_parse(optstr, "type", errp);
    g_autofree QemuOptDesc *desc = NULL;
    const char *type;

    if (!opts) {
        return NULL;
    }
    type = qemu_opt_get(opts, "type");
    *backend = type ? find_backend(type, errp) : NULL;
    if (!type) {
        error_setg(errp, "Parameter 'type' is missing");
    }
    qemu_opts_free(opts);
    if (!*backend) {
        return NULL;
    }
    desc = backend_desc(*backend, extra);
    return qemu_opts_parse_checked(optstr, "type", desc, NULL, errp);
}

static bool check_id(const char *id, GError **errp)
{
    if (!id) {
        error_setg(errp, "Parameter 'id' is missing");
        return false;
    }
    if (!id_wellformed(id)) {
        error_setg(errp, "Parameter 'id' expects an identifier");
        return false;
    }
    if (qemu_find_netdev(id)) {
        error_setg(errp, "Duplicate ID '%s' for netdev", id);
        return false;
    }
    return true;
}

bool netdev_new(const char *optstr, GError **errp)
{
    const NetdevBackend *b;
    GPtrArray *opts = parse_backend_opts(optstr, NULL, &b, errp);
    bool ok;

    if (!opts) {
        return false;
    }
    ok = check_id(qemu_opt_get(opts, "id"), errp) &&
         b->init(opts, qemu_opt_get(opts, "id"), errp);
    qemu_opts_free(opts);
    return ok;
}

char *nic_new(const char *optstr, GError **errp)
{
    static unsigned nic_count;
    const NetdevBackend *b;
    GPtrArray *opts = parse_backend_opts(optstr, nic_opts, &b, errp);
    g_autofree char *anon = NULL;
    const char *id, *model, *mac;
    uint8_t m[ETH_ALEN];
    char *device = NULL;

    if (!opts) {
        return NULL;
    }
    id = qemu_opt_get(opts, "id");
    if (!id) {
        id = anon = g_strdup_printf("__org.qemu.nic%u", nic_count++);
    }
    model = qemu_opt_get(opts, "model");
    model = model ? model : NIC_MODEL_DEFAULT;
    mac = qemu_opt_get(opts, "mac");
    if (strcmp(model, NIC_MODEL_DEFAULT)) {
        error_setg(errp, "Unsupported NIC model: %s", model);
    } else if (mac && !net_parse_macaddr(mac, m)) {
        error_setg(errp, "Parameter 'mac' expects a MAC address");
    } else if ((anon || check_id(id, errp)) && b->init(opts, id, errp)) {
        device = g_strdup_printf("%s,netdev=%s%s%s", model, id,
                                 mac ? ",mac=" : "", mac ? mac : "");
    }
    qemu_opts_free(opts);
    return device;
}
