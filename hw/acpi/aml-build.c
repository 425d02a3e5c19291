/*
 * AML and resource descriptor writers (ACPI 6.4 chapters 20 and 6.4);
 * see include/hw/acpi/aml-build.h for how they are used.
 */
#include "qemu/osdep.h"
#include "hw/acpi/aml-build.h"

#define AML_BYTE_PFX   0x0a
#define AML_WORD_PFX   0x0b
#define AML_DWORD_PFX  0x0c
#define AML_QWORD_PFX  0x0e
#define AML_DUAL_NAME  0x2e
#define AML_MULTI_NAME 0x2f

void acpi_put_le(GByteArray *t, uint64_t v, unsigned n)
{
    g_assert(n <= 8);
    for (unsigned i = 0; i < n; i++) {
        uint8_t b = v >> (i * 8);

        g_byte_array_append(t, &b, 1);
    }
}

void aml_op(GByteArray *t, uint8_t op)
{
    g_byte_array_append(t, &op, 1);
}

void aml_int(GByteArray *t, uint64_t v)
{
    if (v <= AML_ONE) {
        aml_op(t, v ? AML_ONE : AML_ZERO);
    } else if (v <= UINT8_MAX) {
        aml_op(t, AML_BYTE_PFX);
        acpi_put_le(t, v, 1);
    } else if (v <= UINT16_MAX) {
        aml_op(t, AML_WORD_PFX);
        acpi_put_le(t, v, 2);
    } else if (v <= UINT32_MAX) {
        aml_op(t, AML_DWORD_PFX);
        acpi_put_le(t, v, 4);
    } else {
        aml_op(t, AML_QWORD_PFX);
        acpi_put_le(t, v, 8);
    }
}

/* A NameSeg (20.2.2): a lead character, up to three more, '_' padded. */
static void aml_name_seg(GByteArray *t, const char *seg, size_t len)
{
    g_assert(len >= 1 && len <= 4 &&
             (g_ascii_isupper(seg[0]) || seg[0] == '_'));
    for (size_t i = 0; i < 4; i++) {
        char c = i < len ? seg[i] : '_';

        g_assert(g_ascii_isupper(c) || g_ascii_isdigit(c) || c == '_');
        aml_op(t, c);
    }
}

void aml_name(GByteArray *t, const char *path)
{
    g_auto(GStrv) segs = NULL;
    unsigned n;

    while (*path == '\\' || *path == '^') {
        aml_op(t, *path++);
    }
    segs = g_strsplit(path, ".", -1);
    n = g_strv_length(segs);
    if (!*path) {
        aml_op(t, 0); /* NullName */
        return;
    }
    if (n == 2) {
        aml_op(t, AML_DUAL_NAME);
    } else if (n > 2) {
        g_assert(n <= 255);
        aml_op(t, AML_MULTI_NAME);
        aml_op(t, n);
    }
    for (unsigned i = 0; i < n; i++) {
        aml_name_seg(t, segs[i], strlen(segs[i]));
    }
}

/* Three letters (5 bits each, 'A' is 1) and four hex digits (6.1.5). */
void aml_eisaid(GByteArray *t, const char *id)
{
    uint32_t letters = 0, digits;

    g_assert(strlen(id) == 7);
    for (int i = 0; i < 3; i++) {
        g_assert(g_ascii_isupper(id[i]));
        letters = (letters << 5) | (id[i] - '@');
    }
    digits = strtoul(id + 3, NULL, 16);
    /* Stored big-endian: the letters' 15 bits, then the digits. */
    aml_op(t, AML_DWORD_PFX);
    aml_op(t, letters >> 8);
    aml_op(t, letters);
    aml_op(t, digits >> 8);
    aml_op(t, digits);
}

/*
 * A PkgLength (20.2.4) of v: one byte up to 0x3f; else a lead byte with
 * the count of bytes that follow (bits 7:6) and v's low nibble, then the
 * rest of v, little-endian.
 */
static unsigned aml_pkglen_encode(uint32_t v, uint8_t out[4])
{
    unsigned extra = v < 0x40 ? 0 : v < 0x1000 ? 1 : v < 0x100000 ? 2 : 3;

    g_assert(v < 0x10000000);
    if (!extra) {
        out[0] = v;
        return 1;
    }
    out[0] = (extra << 6) | (v & 0xf);
    for (unsigned i = 0; i < extra; i++) {
        out[1 + i] = v >> (4 + 8 * i);
    }
    return extra + 1;
}

/* The opcode now; the PkgLength goes at the returned mark on close. */
static size_t aml_open(GByteArray *t, uint8_t op, bool ext)
{
    if (ext) {
        aml_op(t, AML_EXT_OP);
    }
    aml_op(t, op);
    return t->len;
}

void aml_close(GByteArray *t, size_t mark)
{
    uint32_t body = t->len - mark;
    uint8_t enc[4];
    unsigned n = aml_pkglen_encode(body + 1, enc);

    /* The length counts its own bytes: one more may be needed. */
    if (aml_pkglen_encode(body + n, enc) != n) {
        n = aml_pkglen_encode(body + n + 1, enc);
    }
    g_byte_array_set_size(t, t->len + n);
    memmove(t->data + mark + n, t->data + mark, body);
    memcpy(t->data + mark, enc, n);
}

size_t aml_scope_open(GByteArray *t, const char *name)
{
    size_t mark = aml_open(t, AML_SCOPE_OP, false);

    aml_name(t, name);
    return mark;
}

size_t aml_device_open(GByteArray *t, const char *name)
{
    size_t mark = aml_open(t, AML_EXT_DEVICE_OP, true);

    aml_name(t, name);
    return mark;
}

/* Not serialized, sync level 0 (MethodFlags, 19.6.85). */
size_t aml_method_open(GByteArray *t, const char *name, unsigned nargs)
{
    size_t mark = aml_open(t, AML_METHOD_OP, false);

    g_assert(nargs <= 7);
    aml_name(t, name);
    aml_op(t, nargs);
    return mark;
}

size_t aml_if_open(GByteArray *t)
{
    return aml_open(t, AML_IF_OP, false);
}

size_t aml_else_open(GByteArray *t)
{
    return aml_open(t, AML_ELSE_OP, false);
}

size_t aml_package_open(GByteArray *t, unsigned nelems)
{
    size_t mark = aml_open(t, AML_PACKAGE_OP, false);

    g_assert(nelems <= 255);
    aml_op(t, nelems);
    return mark;
}

size_t aml_field_open(GByteArray *t, const char *region, uint8_t flags)
{
    size_t mark = aml_open(t, AML_EXT_FIELD_OP, true);

    aml_name(t, region);
    aml_op(t, flags);
    return mark;
}

/* NamedField: a NameSeg and its width in bits, encoded as a PkgLength. */
void aml_field_unit(GByteArray *t, const char *name, unsigned bits)
{
    uint8_t enc[4];

    g_assert(!strchr(name, '.') && name[0] != '\\' && name[0] != '^');
    aml_name_seg(t, name, strlen(name));
    g_byte_array_append(t, enc, aml_pkglen_encode(bits, enc));
}

void aml_buffer(GByteArray *t, const GByteArray *bytes)
{
    size_t mark = aml_open(t, AML_BUFFER_OP, false);

    aml_int(t, bytes->len);
    g_byte_array_append(t, bytes->data, bytes->len);
    aml_close(t, mark);
}

void aml_name_begin(GByteArray *t, const char *name)
{
    aml_op(t, AML_NAME_OP);
    aml_name(t, name);
}

void aml_name_int(GByteArray *t, const char *name, uint64_t v)
{
    aml_name_begin(t, name);
    aml_int(t, v);
}

void aml_name_eisaid(GByteArray *t, const char *name, const char *id)
{
    aml_name_begin(t, name);
    aml_eisaid(t, id);
}

void aml_name_buffer(GByteArray *t, const char *name, const GByteArray *bytes)
{
    aml_name_begin(t, name);
    aml_buffer(t, bytes);
}

void aml_op_region(GByteArray *t, const char *name, uint8_t space,
                   uint64_t offset, uint64_t len)
{
    aml_op(t, AML_EXT_OP);
    aml_op(t, AML_EXT_REGION_OP);
    aml_name(t, name);
    aml_op(t, space);
    aml_int(t, offset);
    aml_int(t, len);
}

/* Resource descriptors */

void aml_res_io(GByteArray *r, uint16_t base, uint8_t len)
{
    aml_op(r, 0x47);
    aml_op(r, 1); /* 16-bit decode */
    acpi_put_le(r, base, 2);
    acpi_put_le(r, base, 2);
    aml_op(r, 1); /* alignment */
    aml_op(r, len);
}

void aml_res_irq(GByteArray *r, uint16_t mask)
{
    aml_op(r, 0x22);
    acpi_put_le(r, mask, 2);
}

void aml_res_ext_irq(GByteArray *r, uint8_t flags, const uint32_t *irqs,
                     unsigned n)
{
    g_assert(n >= 1 && n <= 255);
    aml_op(r, 0x89);
    acpi_put_le(r, 2 + 4 * n, 2);
    aml_op(r, flags);
    aml_op(r, n);
    for (unsigned i = 0; i < n; i++) {
        acpi_put_le(r, irqs[i], 4);
    }
}

void aml_res_word(GByteArray *r, uint8_t type, uint8_t tflags, uint16_t min,
                  uint16_t max)
{
    aml_op(r, 0x88);
    acpi_put_le(r, 13, 2);
    aml_op(r, type);
    aml_op(r, 0x0c); /* _MIF, _MAF */
    aml_op(r, tflags);
    acpi_put_le(r, 0, 2); /* granularity */
    acpi_put_le(r, min, 2);
    acpi_put_le(r, max, 2);
    acpi_put_le(r, 0, 2); /* translation */
    acpi_put_le(r, max - min + 1, 2);
}

void aml_res_dword_mem(GByteArray *r, uint32_t min, uint32_t max)
{
    aml_op(r, 0x87);
    acpi_put_le(r, 23, 2);
    aml_op(r, 0);    /* memory */
    aml_op(r, 0x0c); /* _MIF, _MAF */
    aml_op(r, 0x03); /* cacheable, read/write */
    acpi_put_le(r, 0, 4);
    acpi_put_le(r, min, 4);
    acpi_put_le(r, max, 4);
    acpi_put_le(r, 0, 4);
    acpi_put_le(r, max - min + 1, 4);
}

/* Checksum 0: none is given (6.4.2.9). */
void aml_res_end(GByteArray *r)
{
    aml_op(r, 0x79);
    aml_op(r, 0);
}
