/*
 * QMP's view of the block layer: query-named-block-nodes (every node with
 * a node-name) and query-block (every backend and what it has inserted),
 * in QEMU's BlockDeviceInfo / BlockInfo shapes. I/O throttling does not
 * exist here, so its limits are all 0 (unlimited), as QEMU reports them
 * when unset.
 */
#include "qemu/osdep.h"
#include "monitor/qmp-cmds.h"
#include "monitor/qmp-commands.gen.h"
#include "block/block.h"
#include "hw/qdev-core.h"
#include "sysemu/block-backend.h"

static JsonObject *image_info(BlockDriverState *bs)
{
    JsonObject *img = json_object_new();
    int64_t len = bdrv_getlength(bs);

    json_object_set_string_member(img, "filename",
                                  bs->filename ? bs->filename : "");
    json_object_set_string_member(img, "format", bs->drv->format_name);
    json_object_set_int_member(img, "virtual-size", len > 0 ? len : 0);
    if (bs->backing && bs->backing->filename) {
        json_object_set_string_member(img, "backing-filename",
                                      bs->backing->filename);
    }
    return img;
}

static int backing_depth(BlockDriverState *bs)
{
    int depth = 0;

    for (BlockDriverState *b = bs->backing; b; b = b->backing) {
        depth++;
    }
    return depth;
}

static JsonObject *device_info(BlockDriverState *bs, bool writeback)
{
    static const char *const limits[] = { "bps",  "bps_rd",  "bps_wr",
                                          "iops", "iops_rd", "iops_wr" };
    JsonObject *info = json_object_new();
    JsonObject *cache = json_object_new();

    json_object_set_string_member(info, "file",
                                  bs->filename ? bs->filename : "");
    if (bs->node_name) {
        json_object_set_string_member(info, "node-name", bs->node_name);
    }
    json_object_set_boolean_member(info, "ro", bs->read_only);
    json_object_set_string_member(info, "drv", bs->drv->format_name);
    if (bs->backing && bs->backing->filename) {
        json_object_set_string_member(info, "backing_file",
                                      bs->backing->filename);
    }
    json_object_set_int_member(info, "backing_file_depth", backing_depth(bs));
    json_object_set_boolean_member(info, "encrypted", false);
    json_object_set_string_member(info, "detect_zeroes", "off");
    for (size_t i = 0; i < G_N_ELEMENTS(limits); i++) {
        json_object_set_int_member(info, limits[i], 0);
    }
    json_object_set_object_member(info, "image", image_info(bs));
    json_object_set_boolean_member(cache, "writeback", writeback);
    json_object_set_boolean_member(cache, "direct", bs->direct);
    json_object_set_boolean_member(cache, "no-flush", bs->no_flush);
    json_object_set_object_member(info, "cache", cache);
    json_object_set_int_member(info, "write_threshold", 0);
    return info;
}

static void add_node(BlockDriverState *bs, void *opaque)
{
    json_array_add_object_element(opaque, device_info(bs, true));
}

JsonNode *qmp_query_named_block_nodes(JsonObject *args, GError **errp)
{
    JsonArray *arr = json_array_new();

    /* flat=on lists no children inline; ours never does, so both agree. */
    bdrv_foreach_named(add_node, arr);
    return qmp_node_from_array(arr);
}

static void add_backend(BlockBackend *blk, void *opaque)
{
    JsonObject *info = json_object_new();
    DeviceState *dev = blk_get_attached_dev(blk);

    json_object_set_string_member(info, "device", blk_name(blk));
    if (dev) {
        g_autofree char *path = object_get_canonical_path(OBJECT(dev));

        json_object_set_string_member(info, "qdev", path);
    }
    json_object_set_boolean_member(info, "locked", false);
    json_object_set_boolean_member(info, "removable", false);
    json_object_set_string_member(info, "type", "unknown");
    if (blk_bs(blk)) {
        json_object_set_object_member(
            info, "inserted",
            device_info(blk_bs(blk), blk_enable_write_cache(blk)));
    }
    json_array_add_object_element(opaque, info);
}

JsonNode *qmp_query_block(JsonObject *args, GError **errp)
{
    JsonArray *arr = json_array_new();

    blk_foreach(add_backend, arr);
    return qmp_node_from_array(arr);
}
