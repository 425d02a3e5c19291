/*
 * -object secret,id=ID,data=TEXT | file=PATH[,format=raw|base64]:
 * a secret other objects refer to by id (as libvirt passes them).
 */
#ifndef CRYPTO_SECRET_H
#define CRYPTO_SECRET_H

#include "qemu/osdep.h"

#define TYPE_QCRYPTO_SECRET "secret"

/* The secret's bytes (NUL-terminated copy; *len without the NUL). */
uint8_t *qcrypto_secret_lookup(const char *id, size_t *len, GError **errp);

#endif
