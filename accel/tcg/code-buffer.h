/*
 * The buffer translated host code lives in: one memfd mapped twice, once
 * writable (where the translator writes and jumps are patched) and once
 * executable, so no page is ever writable and executable at once (W^X).
 * Code is allocated upwards; when the buffer is full everything is
 * dropped at once (tb_flush) and allocation starts again at the bottom.
 */
#ifndef ACCEL_TCG_CODE_BUFFER_H
#define ACCEL_TCG_CODE_BUFFER_H

#include "qemu/osdep.h"

/* Map a buffer of size bytes; false with *errp if the host refuses. */
bool code_buffer_init(size_t size, GError **errp);
bool code_buffer_ready(void);
/* Where the next code goes (writable view) and how many bytes are left. */
uint8_t *code_buffer_next(size_t *room);
/* Commit len bytes written at code_buffer_next(). */
void code_buffer_commit(size_t len);
/* What was committed so far stays (the entry trampoline). */
void code_buffer_keep(void);
/* Start again from the bottom (after every block was dropped). */
void code_buffer_reset(void);
/* Executable address of a byte in the writable view. */
void *code_buffer_rx(const uint8_t *rw);
/* The difference rx - rw of the two views. */
ptrdiff_t code_buffer_rx_delta(void);

#endif
