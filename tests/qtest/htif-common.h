/*
 * What the HTIF qtests share: the HTIF at its fixed address on -M spike
 * with no ELF symbols (fromhost at 0x1000000, tohost at 0x1000008, as QEMU
 * 7.2 has them), the command encoding, and a machine whose console goes to
 * a file the test reads back.
 */
#ifndef HTIF_COMMON_H
#define HTIF_COMMON_H

#include <glib/gstdio.h>
#include "libqtest.h"

#define TOHOST   0x1000008
#define FROMHOST 0x1000000

#define CMD(dev, cmd, payload) \
    (((uint64_t)(dev) << 56) | ((uint64_t)(cmd) << 48) | (payload))

typedef struct Htif {
    QTestState *qts;
    char *dir;
    char *serial; /* the console's output file */
} Htif;

static Htif *htif_start(void)
{
    Htif *h = g_new0(Htif, 1);
    g_autofree char *args = NULL;

    h->dir = g_dir_make_tmp("htif-test-XXXXXX", NULL);
    g_assert(h->dir);
    h->serial = g_build_filename(h->dir, "serial.txt", NULL);
    args = g_strdup_printf("-M spike -serial file:%s", h->serial);
    h->qts = qtest_init(args);
    return h;
}

/* Quit (unless already gone) and return what the console printed. */
static char *htif_stop(Htif *h, bool quit)
{
    char *out = NULL;

    if (quit) {
        qtest_quit(h->qts);
    }
    g_assert_true(g_file_get_contents(h->serial, &out, NULL, NULL));
    g_unlink(h->serial);
    g_rmdir(h->dir);
    g_free(h->serial);
    g_free(h->dir);
    g_free(h);
    return out;
}

#endif
