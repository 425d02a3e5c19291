/*
 * -drive and -blockdev: option strings into block nodes and backends.
 * -drive builds "format node -> file node" (plus a snapshot overlay) under
 * a named backend; -blockdev builds one named node, whose backend is made
 * when a device attaches to it.
 */
#include "qemu/osdep.h"
#include "qemu/option.h"
#include "sysemu/blockdev.h"

/* Index for drives with if=virtio and no id, as QEMU names them. */
static int virtio_drive_count;
/* if=pflash drives by unit: their backends' names (NULL: none). */
#define PFLASH_UNITS 8
static char *pflash_drives[PFLASH_UNITS];

typedef struct CacheMode {
    const char *name;
    bool wce;      /* the guest sees a volatile write cache */
    bool no_flush; /* flushes are dropped */
    bool direct;   /* the host page cache is bypassed (O_DIRECT) */
} CacheMode;

static const CacheMode cache_modes[] = {
    { "writeback", true, false, false },
    { "none", true, false, true },
    { "directsync", false, false, true },
    { "writethrough", false, false, false },
    { "unsafe", true, true, false },
};

static const CacheMode *find_cache_mode(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(cache_modes); i++) {
        if (!strcmp(cache_modes[i].name, name)) {
            return &cache_modes[i];
        }
    }
    return NULL;
}

static bool parse_bool_opt(const char *v, const char *key, bool *out,
                           GError **errp)
{
    if (!v) {
        return true;
    }
    if (!strcmp(v, "on") || !strcmp(v, "true") || !strcmp(v, "yes")) {
        *out = true;
    } else if (!strcmp(v, "off") || !strcmp(v, "false") || !strcmp(v, "no")) {
        *out = false;
    } else {
        error_setg(errp, "Parameter '%s' expects 'on' or 'off'", key);
        return false;
    }
    return true;
}

/* Take key out of h, returning its value (owned by the caller). */
static char *take(GHashTable *h, const char *key)
{
    gpointer k = NULL, v = NULL;

    if (!g_hash_table_steal_extended(h, key, &k, &v)) {
        return NULL;
    }
    g_free(k);
    return v;
}

static void put(GHashTable *h, const char *key, const char *value)
{
    g_hash_table_insert(h, g_strdup(key), g_strdup(value));
}

/* The image's format when format= is not given: probe, as QEMU does. */
static char *probe_format(const char *file, GError **errp)
{
    g_autoptr(GHashTable) o =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    BlockDriverState *bs;
    char *fmt;

    put(o, "driver", "file");
    put(o, "filename", file);
    put(o, "read-only", "on");
    bs = bdrv_open_opts(o, errp);
    if (!bs) {
        return NULL;
    }
    fmt = g_strdup(bdrv_probe_format(bs));
    bdrv_unref(bs);
    if (!strcmp(fmt, "raw")) {
        warn_report("Image format was not specified for '%s' and probing "
                    "guessed raw. Specify the 'raw' format explicitly to "
                    "remove this warning.",
                    file);
    }
    return fmt;
}

typedef struct DriveOpts {
    char *file, *format, *iface, *id, *cache, *discard, *unit;
    bool read_only, snapshot;
} DriveOpts;

static void drive_opts_free(DriveOpts *d)
{
    g_free(d->file);
    g_free(d->format);
    g_free(d->iface);
    g_free(d->id);
    g_free(d->cache);
    g_free(d->discard);
    g_free(d->unit);
}

/* The -drive keys that are not node options; the rest go to the node. */
static bool take_drive_opts(GHashTable *h, DriveOpts *d, GError **errp)
{
    g_autofree char *ro = take(h, "readonly");
    g_autofree char *ro2 = take(h, "read-only");
    g_autofree char *snap = take(h, "snapshot");
    g_autofree char *media = take(h, "media");
    g_autofree char *aio = take(h, "aio");

    d->file = take(h, "file");
    d->format = take(h, "format");
    d->iface = take(h, "if");
    d->id = take(h, "id");
    d->cache = take(h, "cache");
    d->discard = take(h, "discard");
    d->unit = take(h, "unit");
    g_free(take(h, "index"));
    if (!parse_bool_opt(ro, "readonly", &d->read_only, errp) ||
        !parse_bool_opt(ro2, "read-only", &d->read_only, errp) ||
        !parse_bool_opt(snap, "snapshot", &d->snapshot, errp)) {
        return false;
    }
    if (media && strcmp(media, "disk")) {
        error_setg(errp, "media=%s is not supported (only disk)", media);
        return false;
    }
    if (aio && strcmp(aio, "threads")) {
        error_setg(errp, "aio=%s is not supported (only threads)", aio);
        return false;
    }
    if (!d->file) {
        error_setg(errp, "A drive needs file= (empty drives are not "
                         "supported)");
        return false;
    }
    if (d->iface && strcmp(d->iface, "virtio") && strcmp(d->iface, "none") &&
        strcmp(d->iface, "pflash")) {
        error_setg(errp, "unsupported bus type '%s' (virtio, pflash or none)",
                   d->iface);
        return false;
    }
    if (d->unit && (!d->iface || strcmp(d->iface, "pflash"))) {
        error_setg(errp, "unit= is only supported with if=pflash");
        return false;
    }
    return true;
}

/* if=pflash: unit= (0-7) or the first free one. */
static int pflash_unit(const DriveOpts *d, GError **errp)
{
    char *end;
    long u;

    if (!d->unit) {
        for (u = 0; u < PFLASH_UNITS && pflash_drives[u]; u++) {
        }
    } else {
        u = strtol(d->unit, &end, 10);
        if (!*d->unit || *end || u < 0) {
            error_setg(errp, "Parameter 'unit' expects a number");
            return -1;
        }
    }
    if (u >= PFLASH_UNITS) {
        error_setg(errp, "unit %ld too big (max is %d)", u, PFLASH_UNITS - 1);
        return -1;
    }
    if (pflash_drives[u]) {
        error_setg(errp, "drive with bus=0, unit=%ld exists", u);
        return -1;
    }
    return u;
}

BlockBackend *drive_get_pflash(unsigned unit)
{
    return unit < PFLASH_UNITS && pflash_drives[unit]
               ? blk_by_name(pflash_drives[unit])
               : NULL;
}

/* The format node's options from the drive's. */
static bool drive_node_opts(GHashTable *h, DriveOpts *d, const CacheMode *cm,
                            GError **errp)
{
    if (!d->format) {
        d->format = probe_format(d->file, errp);
        if (!d->format) {
            return false;
        }
    }
    if (!bdrv_find_format(d->format) || !strcmp(d->format, "file")) {
        error_setg(errp, "'%s' invalid format", d->format);
        return false;
    }
    put(h, "driver", d->format);
    put(h, "file.driver", "file");
    put(h, "file.filename", d->file);
    put(h, "read-only", d->read_only || d->snapshot ? "on" : "off");
    if (d->discard) {
        put(h, "discard", d->discard);
    }
    if (cm->no_flush) {
        put(h, "cache.no-flush", "on");
    }
    if (cm->direct) {
        put(h, "cache.direct", "on");
    }
    return true;
}

BlockBackend *drive_new(const char *optstr, bool snapshot, char **device,
                        GError **errp)
{
    GPtrArray *opts = qemu_opts_parse(optstr, NULL, errp);
    g_autoptr(GHashTable) h = NULL;
    DriveOpts d = { 0 };
    const CacheMode *cm;
    BlockDriverState *bs = NULL;
    BlockBackend *blk = NULL;
    g_autofree char *name = NULL;
    int unit = -1;

    *device = NULL;
    if (!opts) {
        return NULL;
    }
    h = qemu_opts_to_hash(opts);
    qemu_opts_free(opts);
    if (!take_drive_opts(h, &d, errp)) {
        goto out;
    }
    d.snapshot |= snapshot;
    cm = find_cache_mode(d.cache ? d.cache : "writeback");
    if (!cm) {
        error_setg(errp, "invalid cache option");
        goto out;
    }
    if (!drive_node_opts(h, &d, cm, errp)) {
        goto out;
    }
    if (d.iface && !strcmp(d.iface, "pflash")) {
        unit = pflash_unit(&d, errp);
        if (unit < 0) {
            goto out;
        }
        name = d.id ? g_strdup(d.id) : g_strdup_printf("pflash%d", unit);
    } else {
        name = d.id ? g_strdup(d.id)
                    : g_strdup_printf("%s%d", d.iface ? d.iface : "virtio",
                                      virtio_drive_count++);
    }
    if (blk_by_name(name)) {
        error_setg(errp, "Duplicate ID '%s' for drive", name);
        goto out;
    }
    bs = bdrv_open_opts(h, errp);
    if (bs && d.snapshot) {
        BlockDriverState *overlay = bdrv_new_snapshot_overlay(bs, errp);

        if (!overlay) {
            bdrv_unref(bs);
            goto out;
        }
        bs = overlay;
    }
    if (bs) {
        blk = blk_new(name, bs);
        blk_set_enable_write_cache(blk, cm->wce);
        if (!d.iface || !strcmp(d.iface, "virtio")) {
            *device = g_strdup_printf("virtio-blk-device,drive=%s", name);
        }
        if (unit >= 0) {
            pflash_drives[unit] = g_strdup(name);
        }
    }
out:
    drive_opts_free(&d);
    return blk;
}

BlockDriverState *blockdev_new(const char *optstr, GError **errp)
{
    /* JSON syntax, as libvirt writes -blockdev. */
    g_autofree char *text =
        optstr[0] == '{' ? qemu_opts_from_json(optstr, errp) : g_strdup(optstr);
    GPtrArray *opts = text ? qemu_opts_parse(text, NULL, errp) : NULL;
    g_autoptr(GHashTable) h = NULL;

    if (!opts) {
        return NULL;
    }
    h = qemu_opts_to_hash(opts);
    qemu_opts_free(opts);
    if (!g_hash_table_contains(h, "node-name")) {
        error_setg(errp, "Parameter 'node-name' is missing");
        return NULL;
    }
    return bdrv_open_opts(h, errp);
}
