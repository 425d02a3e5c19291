/*
 * Commands of the table-loader script (see the header). Layout of the
 * 128-byte command: le32 command, then per command:
 *   ALLOCATE (1):     char file[56], le32 align, u8 zone
 *   ADD_POINTER (2):  char dest_file[56], char src_file[56], le32 offset,
 *                     u8 size
 *   ADD_CHECKSUM (3): char file[56], le32 offset, le32 start, le32 length
 */
#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "hw/acpi/bios-linker-loader.h"
#include "hw/nvram/fw_cfg.h"

enum {
    CMD_ALLOCATE = 1,
    CMD_ADD_POINTER = 2,
    CMD_ADD_CHECKSUM = 3,
};

/* A zeroed command at the end of cmds; returns it. */
static uint8_t *cmd_new(GByteArray *cmds, uint32_t command)
{
    static const uint8_t zero[BIOS_LINKER_LOADER_CMD_SIZE];
    uint8_t *c;

    g_byte_array_append(cmds, zero, sizeof(zero));
    c = cmds->data + cmds->len - BIOS_LINKER_LOADER_CMD_SIZE;
    stl_le_p(c, command);
    return c;
}

static void put_name(uint8_t *dst, const char *name)
{
    g_assert(strlen(name) < FW_CFG_MAX_FILE_PATH);
    memcpy(dst, name, strlen(name));
}

void bios_linker_loader_alloc(GByteArray *cmds, const char *file,
                              uint32_t align, uint8_t zone)
{
    uint8_t *c = cmd_new(cmds, CMD_ALLOCATE);

    g_assert(align && !(align & (align - 1)));
    put_name(c + 4, file);
    stl_le_p(c + 4 + FW_CFG_MAX_FILE_PATH, align);
    c[8 + FW_CFG_MAX_FILE_PATH] = zone;
}

void bios_linker_loader_add_pointer(GByteArray *cmds, const char *dest_file,
                                    uint32_t offset, uint8_t size,
                                    const char *src_file)
{
    uint8_t *c = cmd_new(cmds, CMD_ADD_POINTER);

    g_assert(size == 1 || size == 2 || size == 4 || size == 8);
    put_name(c + 4, dest_file);
    put_name(c + 4 + FW_CFG_MAX_FILE_PATH, src_file);
    stl_le_p(c + 4 + 2 * FW_CFG_MAX_FILE_PATH, offset);
    c[8 + 2 * FW_CFG_MAX_FILE_PATH] = size;
}

void bios_linker_loader_add_checksum(GByteArray *cmds, const char *file,
                                     uint32_t start, uint32_t len,
                                     uint32_t offset)
{
    uint8_t *c = cmd_new(cmds, CMD_ADD_CHECKSUM);

    put_name(c + 4, file);
    stl_le_p(c + 4 + FW_CFG_MAX_FILE_PATH, offset);
    stl_le_p(c + 8 + FW_CFG_MAX_FILE_PATH, start);
    stl_le_p(c + 12 + FW_CFG_MAX_FILE_PATH, len);
}
