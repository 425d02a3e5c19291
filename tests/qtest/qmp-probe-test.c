/*
 * What libvirt asks of a binary when it probes it and starts a domain:
 * query-qmp-schema agrees with the commands the server accepts, the
 * object model's listings, the small queries, memory backends, JSON
 * -object/-device, -uuid, -rtc base= and -machine none. Everything here
 * is QEMU 7.2 behaviour, so it runs against Debian's binary too.
 */
#include "libqtest.h"
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A command written with single quotes, for legibility. */
static JsonObject *qmp(QTestState *qts, const char *text)
{
    g_autofree char *json = g_strdelimit(g_strdup(text), "'", '"');

    return qtest_qmp(qts, "%s", json);
}

static JsonArray *return_array(JsonObject *reply)
{
    g_assert_false(qmp_has_error(reply));
    return json_object_get_array_member(reply, "return");
}

static JsonObject *return_object(JsonObject *reply)
{
    g_assert_false(qmp_has_error(reply));
    return json_object_get_object_member(reply, "return");
}

static void assert_error(JsonObject *reply, const char *cls, const char *desc)
{
    g_assert_true(qmp_has_error(reply));
    g_assert_cmpstr(qmp_error_class(reply), ==, cls);
    if (desc) {
        JsonObject *err = json_object_get_object_member(reply, "error");

        g_assert_cmpstr(json_object_get_string_member(err, "desc"), ==, desc);
    }
    json_object_unref(reply);
}

/* The element of arr whose member key is value, or NULL. */
static JsonObject *find_by(JsonArray *arr, const char *key, const char *value)
{
    for (guint i = 0; i < json_array_get_length(arr); i++) {
        JsonObject *o = json_array_get_object_element(arr, i);

        if (json_object_has_member(o, key) &&
            !g_strcmp0(json_object_get_string_member(o, key), value)) {
            return o;
        }
    }
    return NULL;
}

static void check_type_known(GHashTable *names, JsonObject *info,
                             const char *member)
{
    if (json_object_has_member(info, member)) {
        const char *t = json_object_get_string_member(info, member);

        if (!g_hash_table_contains(names, t)) {
            g_error("%s: %s '%s' is not in the schema",
                    json_object_get_string_member(info, "name"), member, t);
        }
    }
}

/*
 * Every command the server lists is introspectable and the reverse, and
 * every type the schema refers to is defined in it.
 */
static void test_schema_matches_commands(void)
{
    QTestState *qts = qtest_init("-M none");
    JsonObject *schema_reply = qmp(qts, "{'execute': 'query-qmp-schema'}");
    JsonObject *cmds_reply = qmp(qts, "{'execute': 'query-commands'}");
    JsonArray *schema = return_array(schema_reply);
    JsonArray *cmds = return_array(cmds_reply);
    g_autoptr(GHashTable) names = g_hash_table_new(g_str_hash, g_str_equal);
    guint ncmds = 0;

    for (guint i = 0; i < json_array_get_length(schema); i++) {
        JsonObject *info = json_array_get_object_element(schema, i);

        g_hash_table_add(names,
                         (gpointer)json_object_get_string_member(info, "name"));
    }
    for (guint i = 0; i < json_array_get_length(schema); i++) {
        JsonObject *info = json_array_get_object_element(schema, i);
        const char *meta = json_object_get_string_member(info, "meta-type");

        check_type_known(names, info, "arg-type");
        check_type_known(names, info, "ret-type");
        check_type_known(names, info, "element-type");
        if (!strcmp(meta, "object")) {
            JsonArray *m = json_object_get_array_member(info, "members");

            for (guint j = 0; j < json_array_get_length(m); j++) {
                check_type_known(names, json_array_get_object_element(m, j),
                                 "type");
            }
        }
        if (!strcmp(meta, "command")) {
            const char *name = json_object_get_string_member(info, "name");

            ncmds++;
            if (!find_by(cmds, "name", name)) {
                g_error("%s is in query-qmp-schema, not query-commands", name);
            }
        }
    }
    for (guint i = 0; i < json_array_get_length(cmds); i++) {
        const char *name = json_object_get_string_member(
            json_array_get_object_element(cmds, i), "name");
        JsonObject *info = find_by(schema, "name", name);

        if (!info || strcmp(json_object_get_string_member(info, "meta-type"),
                            "command")) {
            g_error("%s is in query-commands, not query-qmp-schema", name);
        }
    }
    g_assert_cmpuint(ncmds, ==, json_array_get_length(cmds));
    /* What libvirt looks up: the probe fails without these. */
    g_assert_nonnull(find_by(schema, "name", "query-qmp-schema"));
    g_assert_nonnull(find_by(schema, "name", "qom-list-properties"));
    g_assert_nonnull(find_by(schema, "name", "SHUTDOWN"));
    json_object_unref(schema_reply);
    json_object_unref(cmds_reply);
    qtest_quit(qts);
}

/* The dispatcher checks an argument against its declared type. */
static void test_schema_types_enforced(void)
{
    QTestState *qts = qtest_init("-M none");

    assert_error(qmp(qts, "{'execute': 'qom-list-types', 'arguments': "
                          "{'abstract': 'yes'}}"),
                 "GenericError",
                 "Invalid parameter type for 'abstract', expected: boolean");
    assert_error(qmp(qts, "{'execute': 'qom-list', 'arguments': {}}"),
                 "GenericError", "Parameter 'path' is missing");
    assert_error(qmp(qts, "{'execute': 'query-target', 'arguments': "
                          "{'x': 1}}"),
                 "GenericError", "Parameter 'x' is unexpected");
    qtest_quit(qts);
}

static void test_qom_listings(void)
{
    QTestState *qts = qtest_init("-M virt");
    JsonObject *reply, *info;
    JsonArray *arr;

    reply = qmp(qts, "{'execute': 'qom-list-types', 'arguments': "
                     "{'implements': 'device'}}");
    arr = return_array(reply);
    info = find_by(arr, "name", "virtio-rng-device");
    g_assert_nonnull(info);
    g_assert_cmpstr(json_object_get_string_member(info, "parent"), ==,
                    "virtio-device");
    g_assert_null(find_by(arr, "name", "memory-backend-ram"));
    json_object_unref(reply);

    reply = qmp(qts, "{'execute': 'qom-list-types', 'arguments': "
                     "{'implements': 'memory-backend'}}");
    arr = return_array(reply);
    g_assert_nonnull(find_by(arr, "name", "memory-backend-file"));
    g_assert_nonnull(find_by(arr, "name", "memory-backend-memfd"));
    g_assert_nonnull(find_by(arr, "name", "memory-backend-ram"));
    json_object_unref(reply);

    reply = qmp(qts, "{'execute': 'qom-list-properties', 'arguments': "
                     "{'typename': 'memory-backend-file'}}");
    arr = return_array(reply);
    info = find_by(arr, "name", "mem-path");
    g_assert_nonnull(info);
    g_assert_cmpstr(json_object_get_string_member(info, "type"), ==, "string");
    info = find_by(arr, "name", "size");
    g_assert_nonnull(info);
    g_assert_cmpstr(json_object_get_string_member(info, "type"), ==, "int");
    g_assert_nonnull(find_by(arr, "name", "type"));
    g_assert_nonnull(find_by(arr, "name", "share"));
    json_object_unref(reply);

    reply = qmp(qts, "{'execute': 'device-list-properties', "
                     "'arguments': {'typename': 'virtio-rng-device'}}");
    g_assert_false(qmp_has_error(reply));
    json_object_unref(reply);
    assert_error(qmp(qts, "{'execute': 'device-list-properties', "
                          "'arguments': {'typename': 'nope'}}"),
                 "DeviceNotFound", NULL);
    assert_error(qmp(qts, "{'execute': 'qom-list-properties', "
                          "'arguments': {'typename': 'nope'}}"),
                 "DeviceNotFound", NULL);
    assert_error(qmp(qts, "{'execute': 'device-list-properties', "
                          "'arguments': {'typename': "
                          "'memory-backend-ram'}}"),
                 "GenericError", NULL);

    reply = qmp(qts, "{'execute': 'qom-list', 'arguments': "
                     "{'path': '/machine'}}");
    arr = return_array(reply);
    info = find_by(arr, "name", "type");
    g_assert_nonnull(info);
    g_assert_cmpstr(json_object_get_string_member(info, "type"), ==, "string");
    json_object_unref(reply);
    reply = qmp(qts, "{'execute': 'qom-get', 'arguments': "
                     "{'path': '/machine', 'property': 'type'}}");
    g_assert_cmpstr(json_object_get_string_member(reply, "return"), ==,
                    "virt-machine");
    json_object_unref(reply);
    assert_error(qmp(qts, "{'execute': 'qom-list', 'arguments': "
                          "{'path': '/nope'}}"),
                 "DeviceNotFound", "Device '/nope' not found");
    qtest_quit(qts);
}

static void test_small_queries(void)
{
    QTestState *qts =
        qtest_init("-M virt -uuid 4B2EF5B8-0D6C-4E45-9A4A-4B1E8A7C5D10 "
                   "-chardev null,id=probe0");
    JsonObject *reply, *info;
    JsonArray *arr;

    reply = qmp(qts, "{'execute': 'query-target'}");
    g_assert_cmpstr(json_object_get_string_member(return_object(reply), "arch"),
                    ==, "riscv64");
    json_object_unref(reply);
    reply = qmp(qts, "{'execute': 'query-uuid'}");
    g_assert_cmpstr(json_object_get_string_member(return_object(reply), "UUID"),
                    ==, "4b2ef5b8-0d6c-4e45-9a4a-4b1e8a7c5d10");
    json_object_unref(reply);
    reply = qmp(qts, "{'execute': 'query-kvm'}");
    info = return_object(reply);
    g_assert_true(json_object_has_member(info, "enabled"));
    g_assert_false(json_object_get_boolean_member(info, "enabled"));
    json_object_unref(reply);

    reply = qmp(qts, "{'execute': 'query-chardev'}");
    info = find_by(return_array(reply), "label", "probe0");
    g_assert_nonnull(info);
    g_assert_cmpstr(json_object_get_string_member(info, "filename"), ==,
                    "null");
    g_assert_false(json_object_get_boolean_member(info, "frontend-open"));
    json_object_unref(reply);

    reply = qmp(qts, "{'execute': 'query-iothreads'}");
    g_assert_cmpuint(json_array_get_length(return_array(reply)), ==, 0);
    json_object_unref(reply);
    reply = qmp(qts, "{'execute': 'query-tpm-types'}");
    return_array(reply);
    json_object_unref(reply);

    reply = qmp(qts, "{'execute': 'query-command-line-options', "
                     "'arguments': {'option': 'boot-opts'}}");
    arr = return_array(reply);
    g_assert_cmpuint(json_array_get_length(arr), ==, 1);
    info = json_array_get_object_element(arr, 0);
    info = find_by(json_object_get_array_member(info, "parameters"), "name",
                   "strict");
    g_assert_nonnull(info);
    g_assert_cmpstr(json_object_get_string_member(info, "type"), ==, "boolean");
    json_object_unref(reply);
    assert_error(qmp(qts, "{'execute': 'query-command-line-options', "
                          "'arguments': {'option': 'nope'}}"),
                 "GenericError", "invalid option name: nope");

    /* libvirt's start sequence turns MIGRATION events on. */
    reply = qmp(qts, "{'execute': 'migrate-set-capabilities', "
                     "'arguments': {'capabilities': [{'capability': "
                     "'events', 'state': true}]}}");
    g_assert_false(qmp_has_error(reply));
    json_object_unref(reply);
    reply = qmp(qts, "{'execute': 'query-migrate-capabilities'}");
    info = find_by(return_array(reply), "capability", "events");
    g_assert_true(json_object_get_boolean_member(info, "state"));
    json_object_unref(reply);
    qtest_quit(qts);
}

/* -object memory-backend-*: the memory exists with the asked size. */
static void test_memory_backends(void)
{
    g_autofree char *dir = g_dir_make_tmp("qmp-probe-XXXXXX", NULL);
    g_autofree char *file = g_build_filename(dir, "ram", NULL);
    QTestState *qts = qtest_initf(
        "-M virt -object memory-backend-ram,id=r0,size=2M "
        "-object memory-backend-file,id=f0,size=4M,mem-path=%s,share=on "
        "-object '{\"qom-type\": \"memory-backend-memfd\", \"id\": \"m0\", "
        "\"size\": 1048576}'",
        file);
    struct stat st;
    JsonObject *reply;

    g_assert_cmpint(stat(file, &st), ==, 0);
    g_assert_cmpint(st.st_size, ==, 4 << 20);
    reply = qmp(qts, "{'execute': 'qom-get', 'arguments': "
                     "{'path': '/objects/m0', 'property': 'size'}}");
    g_assert_cmpint(json_object_get_int_member(reply, "return"), ==, 1 << 20);
    json_object_unref(reply);
    reply = qmp(qts, "{'execute': 'qom-get', 'arguments': "
                     "{'path': '/objects/f0', 'property': 'share'}}");
    g_assert_true(json_object_get_boolean_member(reply, "return"));
    json_object_unref(reply);
    qtest_quit(qts);
    unlink(file);
    rmdir(dir);
}

/* -device in JSON, as libvirt writes it. */
/* qom-get of a bool on /machine/peripheral/rng0: 0, 1, or -1 on error. */
static int rng0_flag(QTestState *qts, const char *prop)
{
    g_autofree char *cmd = g_strdup_printf(
        "{'execute': 'qom-get', 'arguments': "
        "{'path': '/machine/peripheral/rng0', 'property': '%s'}}",
        prop);
    JsonObject *reply = qmp(qts, cmd);
    int v = json_object_has_member(reply, "error")
                ? -1
                : json_object_get_boolean_member(reply, "return");

    json_object_unref(reply);
    return v;
}

static void test_json_device(void)
{
    QTestState *qts = qtest_init(
        "-M virt -device '{\"driver\": \"virtio-rng-device\", \"id\": "
        "\"rng0\"}'");
    JsonObject *reply = qmp(qts, "{'execute': 'qom-list', 'arguments': "
                                 "{'path': '/machine/peripheral'}}");
    JsonObject *info = find_by(return_array(reply), "name", "rng0");

    g_assert_nonnull(info);
    g_assert_cmpstr(json_object_get_string_member(info, "type"), ==,
                    "child<virtio-rng-device>");
    json_object_unref(reply);
    /* Every device's flags, and a property its class defines. */
    g_assert_cmpint(rng0_flag(qts, "realized"), ==, 1);
    g_assert_cmpint(rng0_flag(qts, "hotplugged"), ==, 0);
    g_assert_cmpint(rng0_flag(qts, "iommu_platform"), ==, 0);
    g_assert_cmpint(rng0_flag(qts, "no-such-property"), ==, -1);
    qtest_quit(qts);
}

/* What libvirt reads about disks before it starts the guest. */
static void test_block_queries(void)
{
    g_autofree char *dir = g_dir_make_tmp("qmp-probe-XXXXXX", NULL);
    g_autofree char *img = g_build_filename(dir, "d.img", NULL);
    QTestState *qts;
    JsonObject *reply, *info, *inserted;

    g_assert_true(g_file_set_contents(img, "", 0, NULL));
    g_assert_cmpint(truncate(img, 1 << 20), ==, 0);
    qts = qtest_initf("-M virt -drive file=%s,format=raw,if=none,id=d0 "
                      "-blockdev driver=file,node-name=n0,filename=%s,"
                      "read-only=on -blockdev '{\"driver\": \"file\", "
                      "\"node-name\": \"n1\", \"filename\": \"%s\", "
                      "\"auto-read-only\": true, "
                      "\"cache\": {\"no-flush\": true}}'",
                      img, img, img);
    reply = qmp(qts, "{'execute': 'query-block'}");
    info = find_by(return_array(reply), "device", "d0");
    g_assert_nonnull(info);
    inserted = json_object_get_object_member(info, "inserted");
    g_assert_cmpstr(json_object_get_string_member(inserted, "drv"), ==, "raw");
    g_assert_false(json_object_get_boolean_member(inserted, "ro"));
    g_assert_cmpint(
        json_object_get_int_member(
            json_object_get_object_member(inserted, "image"), "virtual-size"),
        ==, 1 << 20);
    json_object_unref(reply);

    reply = qmp(qts, "{'execute': 'query-named-block-nodes', 'arguments': "
                     "{'flat': true}}");
    info = find_by(return_array(reply), "node-name", "n0");
    g_assert_nonnull(info);
    g_assert_cmpstr(json_object_get_string_member(info, "drv"), ==, "file");
    g_assert_true(json_object_get_boolean_member(info, "ro"));
    g_assert_cmpstr(json_object_get_string_member(info, "file"), ==, img);
    /* JSON -blockdev, nested objects as dotted keys (cache.no-flush). */
    info = find_by(return_array(reply), "node-name", "n1");
    g_assert_nonnull(info);
    g_assert_true(json_object_get_boolean_member(
        json_object_get_object_member(info, "cache"), "no-flush"));
    json_object_unref(reply);

    /* The -device containers exist even with no -device. */
    reply = qmp(qts, "{'execute': 'qom-list', 'arguments': "
                     "{'path': '/machine/peripheral'}}");
    return_array(reply);
    json_object_unref(reply);
    qtest_quit(qts);
    unlink(img);
    rmdir(dir);
}

/*
 * -add-fd: libvirt opens a disk itself and passes the descriptors (one
 * read-write, one read-only: QEMU opens both) as /dev/fdset/N.
 */
static void test_add_fd(void)
{
    g_autofree char *dir = g_dir_make_tmp("qmp-probe-XXXXXX", NULL);
    g_autofree char *img = g_build_filename(dir, "d.img", NULL);
    int rw, ro;
    QTestState *qts;
    JsonObject *reply, *set, *inserted;
    JsonArray *fds;

    g_assert_true(g_file_set_contents(img, "", 0, NULL));
    g_assert_cmpint(truncate(img, 1 << 20), ==, 0);
    /* Inherited by the emulator: no O_CLOEXEC. */
    rw = open(img, O_RDWR);
    ro = open(img, O_RDONLY);
    g_assert_cmpint(rw, >, 2);
    g_assert_cmpint(ro, >, 2);
    qts = qtest_initf("-M virt -add-fd fd=%d,set=3,opaque=rw "
                      "-add-fd fd=%d,set=3,opaque=ro "
                      "-drive file=/dev/fdset/3,format=raw,if=none,id=d0",
                      rw, ro);
    reply = qmp(qts, "{'execute': 'query-fdsets'}");
    g_assert_cmpuint(json_array_get_length(return_array(reply)), ==, 1);
    set = json_array_get_object_element(return_array(reply), 0);
    g_assert_cmpint(json_object_get_int_member(set, "fdset-id"), ==, 3);
    fds = json_object_get_array_member(set, "fds");
    g_assert_cmpuint(json_array_get_length(fds), ==, 2);
    g_assert_cmpstr(json_object_get_string_member(
                        json_array_get_object_element(fds, 0), "opaque"),
                    ==, "rw");
    json_object_unref(reply);
    reply = qmp(qts, "{'execute': 'query-block'}");
    inserted = json_object_get_object_member(
        find_by(return_array(reply), "device", "d0"), "inserted");
    g_assert_cmpstr(json_object_get_string_member(inserted, "file"), ==,
                    "/dev/fdset/3");
    g_assert_false(json_object_get_boolean_member(inserted, "ro"));
    json_object_unref(reply);
    qtest_quit(qts);
    close(rw);
    close(ro);
    unlink(img);
    rmdir(dir);
}

/* -machine none: nothing but the monitor, as libvirt probes. */
static void test_machine_none(void)
{
    QTestState *qts = qtest_init("-M none -nodefaults");
    JsonObject *reply = qmp(qts, "{'execute': 'query-machines'}");

    g_assert_nonnull(find_by(return_array(reply), "name", "none"));
    json_object_unref(reply);
    reply = qmp(qts, "{'execute': 'qom-get', 'arguments': "
                     "{'path': '/machine', 'property': 'type'}}");
    g_assert_cmpstr(json_object_get_string_member(reply, "return"), ==,
                    "none-machine");
    json_object_unref(reply);
    qtest_quit(qts);
}

/* -rtc base=DATE moves the goldfish RTC's time there (UTC). */
static void test_rtc_base(void)
{
    QTestState *qts = qtest_init("-M virt -rtc base=2006-06-17T16:01:21");
    uint64_t lo = qtest_readl(qts, 0x101000);
    uint64_t hi = qtest_readl(qts, 0x101004);
    int64_t secs = (int64_t)((hi << 32 | lo) / 1000000000ULL);

    /* 1150560081 is 2006-06-17T16:01:21Z; allow for a slow start-up. */
    g_assert_cmpint(secs, >=, 1150560081);
    g_assert_cmpint(secs, <, 1150560081 + 60);
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/qmp-probe/schema-matches-commands",
                   test_schema_matches_commands);
    qtest_add_func("/qmp-probe/schema-types-enforced",
                   test_schema_types_enforced);
    qtest_add_func("/qmp-probe/qom-listings", test_qom_listings);
    qtest_add_func("/qmp-probe/small-queries", test_small_queries);
    qtest_add_func("/qmp-probe/memory-backends", test_memory_backends);
    qtest_add_func("/qmp-probe/json-device", test_json_device);
    qtest_add_func("/qmp-probe/machine-none", test_machine_none);
    qtest_add_func("/qmp-probe/block-queries", test_block_queries);
    qtest_add_func("/qmp-probe/rtc-base", test_rtc_base);
    qtest_add_func("/qmp-probe/add-fd", test_add_fd);
    return g_test_run();
}
