/*
 * The secret object: inline and file data, raw and base64, and the errors
 * a user can cause.
 */
#include "qemu/osdep.h"
#include "crypto/secret.h"
#include "qom/object_interfaces.h"

static Object *add_secret(const char *id, GError **errp, ...)
{
    GHashTable *props = g_hash_table_new(g_str_hash, g_str_equal);
    const char *key;
    va_list ap;
    Object *obj;

    va_start(ap, errp);
    while ((key = va_arg(ap, const char *))) {
        g_hash_table_insert(props, (gpointer)key, va_arg(ap, char *));
    }
    va_end(ap);
    obj = user_creatable_add(TYPE_QCRYPTO_SECRET, id, props, errp);
    g_hash_table_unref(props);
    return obj;
}

static void test_inline_and_base64(void)
{
    g_autoptr(GError) err = NULL;
    g_autofree uint8_t *v = NULL, *w = NULL;
    size_t len;

    g_assert_nonnull(add_secret("s-raw", &err, "data", "letmein", NULL));
    v = qcrypto_secret_lookup("s-raw", &len, &err);
    g_assert_cmpstr((char *)v, ==, "letmein");
    g_assert_cmpuint(len, ==, 7);
    g_assert_nonnull(add_secret("s-b64", &err, "data", "aGVsbG8=", "format",
                                "base64", NULL));
    w = qcrypto_secret_lookup("s-b64", &len, &err);
    g_assert_cmpstr((char *)w, ==, "hello");
}

static void test_file(void)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *dir = g_dir_make_tmp("secret-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "pw", NULL);
    g_autofree uint8_t *v = NULL;
    size_t len;

    g_assert_true(g_file_set_contents(path, "from-file", -1, NULL));
    g_assert_nonnull(add_secret("s-file", &err, "file", path, NULL));
    v = qcrypto_secret_lookup("s-file", &len, &err);
    g_assert_cmpstr((char *)v, ==, "from-file");
    unlink(path);
    rmdir(dir);
}

static void expect_error(const char *id, const char *needle, ...)
{
    g_autoptr(GError) err = NULL;
    GHashTable *props = g_hash_table_new(g_str_hash, g_str_equal);
    const char *key;
    va_list ap;

    va_start(ap, needle);
    while ((key = va_arg(ap, const char *))) {
        g_hash_table_insert(props, (gpointer)key, va_arg(ap, char *));
    }
    va_end(ap);
    g_assert_null(user_creatable_add(TYPE_QCRYPTO_SECRET, id, props, &err));
    g_hash_table_unref(props);
    g_assert_nonnull(err);
    if (!strstr(err->message, needle)) {
        g_error("expected '%s' in '%s'", needle, err->message);
    }
}

static void test_errors(void)
{
    g_autoptr(GError) err = NULL;

    expect_error("e1", "Either 'data' or 'file'", NULL);
    expect_error("e2", "Either 'data' or 'file'", "data", "x", "file", "/x",
                 NULL);
    expect_error("e3", "does not accept value 'hex'", "data", "x", "format",
                 "hex", NULL);
    expect_error("e4", "Invalid base64", "data", "a!b", "format", "base64",
                 NULL);
    expect_error("e5", "Unable to read", "file", "/nonexistent/x", NULL);
    expect_error("e6", "Property 'secret.bogus' not found", "bogus", "1", NULL);
    expect_error("9bad", "expects an identifier", "data", "x", NULL);
    g_assert_nonnull(add_secret("dup", &err, "data", "x", NULL));
    expect_error("dup", "duplicate", "data", "y", NULL);
    g_assert_null(qcrypto_secret_lookup("nope", &(size_t){ 0 }, &err));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/secret/inline-and-base64", test_inline_and_base64);
    g_test_add_func("/secret/file", test_file);
    g_test_add_func("/secret/errors", test_errors);
    return g_test_run();
}
