/*
 * Writing ACPI tables and AML (ACPI 6.4 chapter 20) into a GByteArray.
 *
 * AML is prefix-encoded: an expression is its opcode followed by its
 * operands, so callers append them in that order (aml_op(), then the
 * operands: aml_int(), aml_name(), AML_LOCAL(n), ...). Objects that carry
 * a PkgLength (Scope, Device, Method, If, Else, Buffer, Package, Field)
 * are opened with one of the aml_*_open() calls, which return a mark, and
 * closed with aml_close(mark) once their body is appended: the length is
 * inserted then. They nest.
 *
 * Resource descriptors (6.4) for _CRS and _PRS buffers are appended with
 * aml_res_*() to a GByteArray of their own, ended by aml_res_end() and
 * wrapped with aml_buffer().
 */
#ifndef HW_ACPI_AML_BUILD_H
#define HW_ACPI_AML_BUILD_H

#include "qemu/osdep.h"

/* n (at most 8) bytes of v, little-endian */
void acpi_put_le(GByteArray *t, uint64_t v, unsigned n);

/* Opcodes (20.3); the AML_EXT_* ones follow the ExtOpPrefix 0x5b. */
enum {
    AML_ZERO = 0x00,
    AML_ONE = 0x01,
    AML_NAME_OP = 0x08,
    AML_SCOPE_OP = 0x10,
    AML_BUFFER_OP = 0x11,
    AML_PACKAGE_OP = 0x12,
    AML_METHOD_OP = 0x14,
    AML_LOCAL0 = 0x60, /* Local0-Local7: 0x60-0x67 */
    AML_ARG0 = 0x68,   /* Arg0-Arg6: 0x68-0x6e */
    AML_STORE_OP = 0x70,
    AML_AND_OP = 0x7b,
    AML_OR_OP = 0x7d,
    AML_DEREF_OF_OP = 0x83,
    AML_INDEX_OP = 0x88,
    AML_LEQUAL_OP = 0x93,
    AML_LLESS_OP = 0x95,
    AML_IF_OP = 0xa0,
    AML_ELSE_OP = 0xa1,
    AML_RETURN_OP = 0xa4,
    AML_ONES = 0xff,
    AML_EXT_OP = 0x5b,
    AML_EXT_REGION_OP = 0x80,
    AML_EXT_FIELD_OP = 0x81,
    AML_EXT_DEVICE_OP = 0x82,
};
#define AML_LOCAL(n) (AML_LOCAL0 + (n))
#define AML_ARG(n)   (AML_ARG0 + (n))
/* A Target that stores nowhere (20.2.2 NullName) */
#define AML_NO_TARGET 0x00

/* Operation region spaces (19.6.100) and field flags (19.6.48) */
enum { AML_SPACE_SYSTEM_IO = 1, AML_SPACE_PCI_CONFIG = 2 };
enum { AML_FIELD_BYTE_ACC = 1 };

/* An opcode, local, arg or other one-byte term. */
void aml_op(GByteArray *t, uint8_t op);
/* An integer in its shortest encoding: Zero, One, Ones or a constant. */
void aml_int(GByteArray *t, uint64_t v);
/*
 * A NameString (20.2.2): dot-separated segments of up to four characters
 * (padded with '_'), optionally after a '\' or '^' prefixes:
 * "\\_SB.PCI0.ISA", "^LNKA", "_HID".
 */
void aml_name(GByteArray *t, const char *path);
/* An EISA id such as "PNP0A03" as its compressed DWORD (6.1.5). */
void aml_eisaid(GByteArray *t, const char *id);
/* A Buffer object holding bytes. */
void aml_buffer(GByteArray *t, const GByteArray *bytes);

/* Name (name, value) with an integer, an EISA id or a buffer. */
void aml_name_int(GByteArray *t, const char *name, uint64_t v);
void aml_name_eisaid(GByteArray *t, const char *name, const char *id);
void aml_name_buffer(GByteArray *t, const char *name, const GByteArray *bytes);
/* Name (name, value): its value is appended next (a Package, say). */
void aml_name_begin(GByteArray *t, const char *name);

/* Objects with a PkgLength: open, append the body, close. */
size_t aml_scope_open(GByteArray *t, const char *name);
size_t aml_device_open(GByteArray *t, const char *name);
size_t aml_method_open(GByteArray *t, const char *name, unsigned nargs);
/* If: the predicate goes first in the body, then the terms. */
size_t aml_if_open(GByteArray *t);
size_t aml_else_open(GByteArray *t);
size_t aml_package_open(GByteArray *t, unsigned nelems);
/* Field (region, flags) { name, bits; ... }: aml_field_unit() each. */
size_t aml_field_open(GByteArray *t, const char *region, uint8_t flags);
void aml_field_unit(GByteArray *t, const char *name, unsigned bits);
void aml_close(GByteArray *t, size_t mark);

/* OperationRegion (name, space, offset, len) */
void aml_op_region(GByteArray *t, const char *name, uint8_t space,
                   uint64_t offset, uint64_t len);

/* Resource descriptors (6.4) */
/* I/O Port (6.4.2.5): 16-bit decode, len ports from base. */
void aml_res_io(GByteArray *r, uint16_t base, uint8_t len);
/* IRQ (6.4.2.1) without flags: edge, active high, exclusive. */
void aml_res_irq(GByteArray *r, uint16_t mask);
/* Extended Interrupt (6.4.3.6), a consumer; flags as in the descriptor. */
enum {
    AML_IRQ_CONSUMER = 1 << 0,
    AML_IRQ_EDGE = 1 << 1,
    AML_IRQ_ACTIVE_LOW = 1 << 2,
    AML_IRQ_SHARED = 1 << 3,
};
#define AML_RES_EXT_IRQ_NUM 5 /* offset of the first interrupt number */
void aml_res_ext_irq(GByteArray *r, uint8_t flags, const uint32_t *irqs,
                     unsigned n);
/* Word Address Space (6.4.3.5.3), a producer with fixed min/max. */
void aml_res_word(GByteArray *r, uint8_t type, uint8_t tflags, uint16_t min,
                  uint16_t max);
/* DWord Address Space (6.4.3.5.2): cacheable read/write memory. */
void aml_res_dword_mem(GByteArray *r, uint32_t min, uint32_t max);
/* End Tag (6.4.2.9) */
void aml_res_end(GByteArray *r);

#endif
