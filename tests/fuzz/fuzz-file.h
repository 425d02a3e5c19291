/*
 * The fuzzers of file formats hand the input to the code under test as a
 * file, as the command line does: an in-memory file (memfd) rewritten for
 * each input, opened by path.
 */
#ifndef TESTS_FUZZ_FUZZ_FILE_H
#define TESTS_FUZZ_FUZZ_FILE_H

#include "qemu/osdep.h"

/* Make the file; returns its path (lives as long as the process). */
const char *fuzz_file_init(void);
/* Replace the file's contents with data. */
void fuzz_file_set(const uint8_t *data, size_t size);

#endif
