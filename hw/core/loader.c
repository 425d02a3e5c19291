/*
 * Image loaders: raw files, ELF64 RISC-V executables and fixed blobs.
 *
 * Whatever is loaded becomes a ROM blob: the bytes are kept here and are
 * written to guest memory at once and again on every system reset.
 * Writes go through address_space_write_rom(), so blobs land in ROM too.
 *
 * An image file is user input. A load is checked in full before anything
 * is written: the ELF headers, every segment's place in the file, address
 * arithmetic that could wrap, that each destination is RAM or ROM, and
 * that no two blobs overlap. Errors name the file and the problem.
 */
#include "qemu/osdep.h"

#include <elf.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exec/memory.h"
#include "hw/loader.h"
#include "sysemu/runstate.h"

typedef struct Rom {
    char *name;    /* for messages: "FILE" or "FILE (segment N)" */
    hwaddr addr;   /* guest-physical start */
    uint64_t size; /* bytes covered in the guest; > 0, addr + size no wrap */
    GBytes *data;  /* the first bytes; the rest of size is zero-filled */
    bool pending;  /* not committed yet (overlap messages name it first) */
} Rom;

/* Committed blobs, in the order they were added; NULL until the first. */
static GPtrArray *roms;

static Rom *rom_new(char *name, hwaddr addr, uint64_t size, GBytes *data)
{
    Rom *rom = g_new0(Rom, 1);

    g_assert(size > 0 && g_bytes_get_size(data) <= size);
    rom->name = name;
    rom->addr = addr;
    rom->size = size;
    rom->data = data;
    rom->pending = true;
    return rom;
}

static void rom_free(gpointer p)
{
    Rom *rom = p;

    g_free(rom->name);
    g_bytes_unref(rom->data);
    g_free(rom);
}

static hwaddr rom_last(const Rom *rom)
{
    return rom->addr + (rom->size - 1);
}

/* Write the blob to guest memory; false if some byte was not accepted. */
static bool rom_write(const Rom *rom)
{
    static const uint8_t zeros[4096];
    gsize len;
    const void *bytes = g_bytes_get_data(rom->data, &len);
    MemTxResult res = MEMTX_OK;
    uint64_t done;

    if (len) {
        res |= address_space_write_rom(&address_space_memory, rom->addr, bytes,
                                       len);
    }
    for (done = len; done < rom->size;) {
        uint64_t chunk = MIN(rom->size - done, sizeof(zeros));

        res |= address_space_write_rom(&address_space_memory, rom->addr + done,
                                       zeros, chunk);
        done += chunk;
    }
    return res == MEMTX_OK;
}

/* Each byte of the destination must be RAM or ROM. */
static bool rom_check_backed(const Rom *rom, GError **errp)
{
    hwaddr addr = rom->addr;
    uint64_t left = rom->size;

    while (left) {
        MemoryRegionSection sec =
            address_space_lookup(&address_space_memory, addr);
        uint64_t step;

        if (!sec.mr || !memory_region_is_ram(sec.mr) || sec.len == 0) {
            error_setg(errp,
                       "%s: 0x%" HWADDR_PRIx "..0x%" HWADDR_PRIx
                       " is not inside RAM or ROM (0x%" HWADDR_PRIx " is not)",
                       rom->name, rom->addr, rom_last(rom), addr);
            return false;
        }
        step = MIN(sec.len, left);
        addr += step;
        left -= step;
    }
    return true;
}

/*
 * How many bytes from addr are not RAM or ROM (at most size). An ELF
 * linked with -Ttext puts its headers in a segment that starts below the
 * memory it is meant for; QEMU drops that part, and so do we (loudly).
 */
static uint64_t unbacked_head(hwaddr addr, uint64_t size)
{
    uint64_t skip = 0;

    while (skip < size) {
        MemoryRegionSection sec =
            address_space_lookup(&address_space_memory, addr + skip);

        if (sec.mr && memory_region_is_ram(sec.mr)) {
            break;
        }
        skip += MIN(sec.len, size - skip);
    }
    return skip;
}

static gint rom_cmp_addr(gconstpointer a, gconstpointer b)
{
    const Rom *ra = *(Rom *const *)a;
    const Rom *rb = *(Rom *const *)b;

    return ra->addr < rb->addr ? -1 : ra->addr > rb->addr;
}

/*
 * No two blobs, committed or pending, may share a byte. Sorted by start,
 * an overlap anywhere shows up between neighbours.
 */
static bool rom_check_overlaps(GPtrArray *pending, GError **errp)
{
    g_autoptr(GPtrArray) all = g_ptr_array_new();
    guint i;

    for (i = 0; roms && i < roms->len; i++) {
        g_ptr_array_add(all, g_ptr_array_index(roms, i));
    }
    for (i = 0; i < pending->len; i++) {
        g_ptr_array_add(all, g_ptr_array_index(pending, i));
    }
    g_ptr_array_sort(all, rom_cmp_addr);
    for (i = 1; i < all->len; i++) {
        const Rom *a = g_ptr_array_index(all, i - 1);
        const Rom *b = g_ptr_array_index(all, i);

        if (rom_last(a) >= b->addr) {
            const Rom *new = b->pending ? b : a;
            const Rom *old = new == a ? b : a;

            error_setg(errp,
                       "%s: 0x%" HWADDR_PRIx "..0x%" HWADDR_PRIx
                       " overlaps %s at 0x%" HWADDR_PRIx "..0x%" HWADDR_PRIx,
                       new->name, new->addr, rom_last(new), old->name,
                       old->addr, rom_last(old));
            return false;
        }
    }
    return true;
}

static void rom_reset(void *opaque)
{
    guint i;

    for (i = 0; i < roms->len; i++) {
        const Rom *rom = g_ptr_array_index(roms, i);

        if (!rom_write(rom)) {
            warn_report("%s: could not restore 0x%" HWADDR_PRIx
                        "..0x%" HWADDR_PRIx " on reset",
                        rom->name, rom->addr, rom_last(rom));
        }
    }
}

/*
 * Check the pending blobs, then write them and keep them for reset. Takes
 * the pending array (and its blobs) in every case.
 */
static bool rom_commit(GPtrArray *pending, GError **errp)
{
    guint i;

    for (i = 0; i < pending->len; i++) {
        if (!rom_check_backed(g_ptr_array_index(pending, i), errp)) {
            g_ptr_array_unref(pending);
            return false;
        }
    }
    if (!rom_check_overlaps(pending, errp)) {
        g_ptr_array_unref(pending);
        return false;
    }
    if (!roms) {
        roms = g_ptr_array_new_with_free_func(rom_free);
        qemu_register_reset(rom_reset, NULL);
    }
    g_ptr_array_set_free_func(pending, NULL);
    for (i = 0; i < pending->len; i++) {
        Rom *rom = g_ptr_array_index(pending, i);
        bool written;

        rom->pending = false;
        written = rom_write(rom);
        /* Backing was checked above, so the write cannot miss. */
        g_assert(written);
        g_ptr_array_add(roms, rom);
    }
    g_ptr_array_unref(pending);
    return true;
}

static GPtrArray *rom_pending_new(void)
{
    return g_ptr_array_new_with_free_func(rom_free);
}

/* A blob may not wrap around the end of the address space. */
static bool rom_range_ok(const char *name, hwaddr addr, uint64_t size,
                         GError **errp)
{
    if (size - 1 > HWADDR_MAX - addr) {
        error_setg(errp,
                   "%s: 0x%" PRIx64 " bytes at 0x%" HWADDR_PRIx
                   " run past the end of the address space",
                   name, size, addr);
        return false;
    }
    return true;
}

bool rom_add_blob_fixed(const char *name, const void *blob, size_t len,
                        hwaddr addr, GError **errp)
{
    GPtrArray *pending;

    if (len == 0) {
        return true;
    }
    if (!rom_range_ok(name, addr, len, errp)) {
        return false;
    }
    pending = rom_pending_new();
    g_ptr_array_add(pending,
                    rom_new(g_strdup(name), addr, len, g_bytes_new(blob, len)));
    return rom_commit(pending, errp);
}

void rom_clear(void)
{
    if (roms) {
        g_ptr_array_set_size(roms, 0);
    }
}

GBytes *loader_read_file(const char *filename, GError **errp)
{
    struct stat st;
    uint8_t *buf;
    size_t size, done = 0;
    int fd = open(filename, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        error_setg(errp, "%s: %s", filename, g_strerror(errno));
        return NULL;
    }
    if (fstat(fd, &st) < 0) {
        error_setg(errp, "%s: %s", filename, g_strerror(errno));
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        error_setg(errp, "%s: not a regular file", filename);
        close(fd);
        return NULL;
    }
    if (st.st_size < 0 || (uint64_t)st.st_size > SIZE_MAX - 1) {
        error_setg(errp, "%s: file too large", filename);
        close(fd);
        return NULL;
    }
    size = st.st_size;
    buf = g_try_malloc(size + 1);
    if (!buf) {
        error_setg(errp, "%s: cannot allocate %zu bytes to read it", filename,
                   size);
        close(fd);
        return NULL;
    }
    while (done < size) {
        ssize_t n = read(fd, buf + done, size - done);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            error_setg(errp, "%s: %s", filename, g_strerror(errno));
            g_free(buf);
            close(fd);
            return NULL;
        }
        if (n == 0) {
            break; /* the file shrank: take what is there */
        }
        done += n;
    }
    close(fd);
    return g_bytes_new_take(buf, done);
}

bool loader_file_is_elf(const char *filename)
{
    uint8_t magic[SELFMAG];
    bool ret = false;
    int fd = open(filename, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        return false;
    }
    if (read(fd, magic, SELFMAG) == SELFMAG) {
        ret = memcmp(magic, ELFMAG, SELFMAG) == 0;
    }
    close(fd);
    return ret;
}

int64_t load_image_targphys(const char *filename, hwaddr addr,
                            uint64_t max_size, GError **errp)
{
    g_autoptr(GBytes) data = loader_read_file(filename, errp);
    GPtrArray *pending;
    size_t size;

    if (!data) {
        return -1;
    }
    size = g_bytes_get_size(data);
    if (size > max_size) {
        error_setg(errp,
                   "%s: image too large (%zu bytes, at most %" PRIu64
                   " fit at 0x%" HWADDR_PRIx ")",
                   filename, size, max_size, addr);
        return -1;
    }
    if (size == 0) {
        return 0;
    }
    if (!rom_range_ok(filename, addr, size, errp)) {
        return -1;
    }
    pending = rom_pending_new();
    g_ptr_array_add(pending,
                    rom_new(g_strdup(filename), addr, size, g_bytes_ref(data)));
    if (!rom_commit(pending, errp)) {
        return -1;
    }
    return size;
}

/*
 * ELF64. Headers are read with memcpy and converted from little-endian,
 * so neither host byte order nor file alignment matters.
 */
typedef struct ElfFile {
    const char *filename;
    const uint8_t *data;
    size_t size;
    Elf64_Ehdr eh; /* host byte order */
} ElfFile;

static bool elf_in_file(const ElfFile *ef, uint64_t off, uint64_t len)
{
    return off <= ef->size && len <= ef->size - off;
}

static bool elf_open(ElfFile *ef, const char *filename, GBytes *bytes,
                     GError **errp)
{
    Elf64_Ehdr *eh = &ef->eh;
    gsize size;

    ef->filename = filename;
    ef->data = g_bytes_get_data(bytes, &size);
    ef->size = size;
    if (size < SELFMAG || memcmp(ef->data, ELFMAG, SELFMAG) != 0) {
        error_setg(errp, "%s: not an ELF file (bad magic)", filename);
        return false;
    }
    if (size < sizeof(*eh)) {
        error_setg(errp, "%s: truncated ELF header", filename);
        return false;
    }
    memcpy(eh, ef->data, sizeof(*eh));
    if (eh->e_ident[EI_CLASS] != ELFCLASS64) {
        error_setg(errp, "%s: not a 64-bit ELF file (class %u)", filename,
                   eh->e_ident[EI_CLASS]);
        return false;
    }
    if (eh->e_ident[EI_DATA] != ELFDATA2LSB) {
        error_setg(errp, "%s: not a little-endian ELF file", filename);
        return false;
    }
    if (eh->e_ident[EI_VERSION] != EV_CURRENT) {
        error_setg(errp, "%s: unknown ELF version %u", filename,
                   eh->e_ident[EI_VERSION]);
        return false;
    }
    eh->e_type = GUINT16_FROM_LE(eh->e_type);
    eh->e_machine = GUINT16_FROM_LE(eh->e_machine);
    eh->e_version = GUINT32_FROM_LE(eh->e_version);
    eh->e_entry = GUINT64_FROM_LE(eh->e_entry);
    eh->e_phoff = GUINT64_FROM_LE(eh->e_phoff);
    eh->e_shoff = GUINT64_FROM_LE(eh->e_shoff);
    eh->e_flags = GUINT32_FROM_LE(eh->e_flags);
    eh->e_ehsize = GUINT16_FROM_LE(eh->e_ehsize);
    eh->e_phentsize = GUINT16_FROM_LE(eh->e_phentsize);
    eh->e_phnum = GUINT16_FROM_LE(eh->e_phnum);
    eh->e_shentsize = GUINT16_FROM_LE(eh->e_shentsize);
    eh->e_shnum = GUINT16_FROM_LE(eh->e_shnum);
    eh->e_shstrndx = GUINT16_FROM_LE(eh->e_shstrndx);
    if (eh->e_machine != EM_RISCV) {
        error_setg(errp, "%s: ELF machine %u is not RISC-V (%u)", filename,
                   eh->e_machine, EM_RISCV);
        return false;
    }
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN) {
        error_setg(errp, "%s: ELF type %u is not an executable", filename,
                   eh->e_type);
        return false;
    }
    return true;
}

/* Program header i; the table was checked to lie inside the file. */
static void elf_phdr(const ElfFile *ef, unsigned i, Elf64_Phdr *ph)
{
    memcpy(ph, ef->data + ef->eh.e_phoff + (uint64_t)i * sizeof(*ph),
           sizeof(*ph));
    ph->p_type = GUINT32_FROM_LE(ph->p_type);
    ph->p_flags = GUINT32_FROM_LE(ph->p_flags);
    ph->p_offset = GUINT64_FROM_LE(ph->p_offset);
    ph->p_vaddr = GUINT64_FROM_LE(ph->p_vaddr);
    ph->p_paddr = GUINT64_FROM_LE(ph->p_paddr);
    ph->p_filesz = GUINT64_FROM_LE(ph->p_filesz);
    ph->p_memsz = GUINT64_FROM_LE(ph->p_memsz);
    ph->p_align = GUINT64_FROM_LE(ph->p_align);
}

/* Section header i; the table was checked to lie inside the file. */
static void elf_shdr(const ElfFile *ef, unsigned i, Elf64_Shdr *sh)
{
    memcpy(sh, ef->data + ef->eh.e_shoff + (uint64_t)i * sizeof(*sh),
           sizeof(*sh));
    sh->sh_name = GUINT32_FROM_LE(sh->sh_name);
    sh->sh_type = GUINT32_FROM_LE(sh->sh_type);
    sh->sh_flags = GUINT64_FROM_LE(sh->sh_flags);
    sh->sh_addr = GUINT64_FROM_LE(sh->sh_addr);
    sh->sh_offset = GUINT64_FROM_LE(sh->sh_offset);
    sh->sh_size = GUINT64_FROM_LE(sh->sh_size);
    sh->sh_link = GUINT32_FROM_LE(sh->sh_link);
    sh->sh_info = GUINT32_FROM_LE(sh->sh_info);
    sh->sh_addralign = GUINT64_FROM_LE(sh->sh_addralign);
    sh->sh_entsize = GUINT64_FROM_LE(sh->sh_entsize);
}

static bool elf_check_phdrs(const ElfFile *ef, GError **errp)
{
    const Elf64_Ehdr *eh = &ef->eh;

    if (eh->e_phnum == 0) {
        error_setg(errp, "%s: ELF file has no program headers", ef->filename);
        return false;
    }
    if (eh->e_phentsize != sizeof(Elf64_Phdr)) {
        error_setg(errp, "%s: ELF program header size %u, expected %zu",
                   ef->filename, eh->e_phentsize, sizeof(Elf64_Phdr));
        return false;
    }
    if (!elf_in_file(ef, eh->e_phoff,
                     (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr))) {
        error_setg(errp, "%s: ELF program headers lie outside the file",
                   ef->filename);
        return false;
    }
    return true;
}

bool load_elf(const char *filename, ElfTranslateFn translate, void *opaque,
              uint64_t *entry, uint64_t *lowaddr, uint64_t *highaddr,
              GError **errp)
{
    g_autoptr(GBytes) bytes = loader_read_file(filename, errp);
    GPtrArray *pending;
    ElfFile ef;
    uint64_t low = UINT64_MAX, high = 0, ent;
    bool entry_mapped = false;
    unsigned i;

    if (!bytes || !elf_open(&ef, filename, bytes, errp) ||
        !elf_check_phdrs(&ef, errp)) {
        return false;
    }
    ent = ef.eh.e_entry;
    pending = rom_pending_new();
    for (i = 0; i < ef.eh.e_phnum; i++) {
        Elf64_Phdr ph;
        hwaddr addr;
        uint64_t skip;
        g_autofree char *name = NULL;

        elf_phdr(&ef, i, &ph);
        if (ph.p_type != PT_LOAD || ph.p_memsz == 0) {
            continue;
        }
        name = g_strdup_printf("%s (segment %u)", filename, i);
        if (ph.p_filesz > ph.p_memsz) {
            error_setg(errp,
                       "%s: file size 0x%" PRIx64
                       " exceeds memory size 0x%" PRIx64,
                       name, (uint64_t)ph.p_filesz, (uint64_t)ph.p_memsz);
            goto fail;
        }
        if (!elf_in_file(&ef, ph.p_offset, ph.p_filesz)) {
            error_setg(errp,
                       "%s: data at offset 0x%" PRIx64 " size 0x%" PRIx64
                       " lies outside the file (0x%zx bytes)",
                       name, (uint64_t)ph.p_offset, (uint64_t)ph.p_filesz,
                       ef.size);
            goto fail;
        }
        addr = translate ? translate(opaque, ph.p_paddr) : ph.p_paddr;
        if (!rom_range_ok(name, addr, ph.p_memsz, errp)) {
            goto fail;
        }
        skip = unbacked_head(addr, ph.p_memsz);
        if (skip && skip < ph.p_memsz) {
            warn_report("%s: 0x%" HWADDR_PRIx "..0x%" HWADDR_PRIx
                        " is not RAM or ROM: not loaded",
                        name, addr, addr + skip - 1);
            addr += skip;
            ph.p_offset += skip;
            ph.p_filesz = ph.p_filesz > skip ? ph.p_filesz - skip : 0;
            ph.p_memsz -= skip;
            ph.p_vaddr += skip;
            ph.p_paddr += skip;
        }
        if (!entry_mapped && ef.eh.e_entry >= ph.p_vaddr &&
            ef.eh.e_entry - ph.p_vaddr < ph.p_memsz) {
            ent = ph.p_paddr + (ef.eh.e_entry - ph.p_vaddr);
            entry_mapped = true;
        }
        low = MIN(low, addr);
        high = MAX(high, addr + (ph.p_memsz - 1));
        g_ptr_array_add(
            pending, rom_new(g_steal_pointer(&name), addr, ph.p_memsz,
                             g_bytes_new(ef.data + ph.p_offset, ph.p_filesz)));
    }
    if (pending->len == 0) {
        error_setg(errp, "%s: ELF file has no loadable segments", filename);
        goto fail;
    }
    if (!rom_commit(pending, errp)) {
        return false;
    }
    if (entry) {
        *entry = translate ? translate(opaque, ent) : ent;
    }
    if (lowaddr) {
        *lowaddr = low;
    }
    if (highaddr) {
        /* high is the last byte; one past it wraps only at 2^64 */
        *highaddr = high + 1;
    }
    return true;

fail:
    g_ptr_array_unref(pending);
    return false;
}

/* Look for name in the SHT_SYMTAB section sh; 1 found, 0 not, -1 error. */
static int elf_symtab_lookup(const ElfFile *ef, unsigned idx,
                             const Elf64_Shdr *sh, const char *name,
                             uint64_t *addr, GError **errp)
{
    size_t namelen = strlen(name);
    const uint8_t *strtab;
    Elf64_Shdr str;
    uint64_t nsyms, j;

    if (sh->sh_entsize != sizeof(Elf64_Sym)) {
        error_setg(
            errp, "%s: section %u: symbol size %" PRIu64 ", expected %zu",
            ef->filename, idx, (uint64_t)sh->sh_entsize, sizeof(Elf64_Sym));
        return -1;
    }
    if (!elf_in_file(ef, sh->sh_offset, sh->sh_size)) {
        error_setg(errp, "%s: section %u lies outside the file", ef->filename,
                   idx);
        return -1;
    }
    if (sh->sh_link == 0 || sh->sh_link >= ef->eh.e_shnum) {
        error_setg(errp, "%s: section %u: bad string table index %u",
                   ef->filename, idx, sh->sh_link);
        return -1;
    }
    elf_shdr(ef, sh->sh_link, &str);
    if (str.sh_type != SHT_STRTAB ||
        !elf_in_file(ef, str.sh_offset, str.sh_size)) {
        error_setg(errp, "%s: section %u: bad string table", ef->filename,
                   sh->sh_link);
        return -1;
    }
    strtab = ef->data + str.sh_offset;
    nsyms = sh->sh_size / sizeof(Elf64_Sym);
    for (j = 0; j < nsyms; j++) {
        Elf64_Sym sym;

        memcpy(&sym, ef->data + sh->sh_offset + j * sizeof(sym), sizeof(sym));
        sym.st_name = GUINT32_FROM_LE(sym.st_name);
        sym.st_shndx = GUINT16_FROM_LE(sym.st_shndx);
        sym.st_value = GUINT64_FROM_LE(sym.st_value);
        if (sym.st_shndx == SHN_UNDEF || sym.st_name >= str.sh_size) {
            continue;
        }
        /* The name and its terminating NUL must lie inside the table. */
        if (str.sh_size - sym.st_name > namelen &&
            memcmp(strtab + sym.st_name, name, namelen + 1) == 0) {
            *addr = sym.st_value;
            return 1;
        }
    }
    return 0;
}

bool load_elf_find_symbol(const char *filename, const char *name,
                          uint64_t *addr, GError **errp)
{
    g_autoptr(GBytes) bytes = loader_read_file(filename, errp);
    const Elf64_Ehdr *eh;
    bool have_symtab = false;
    ElfFile ef;
    unsigned i;

    if (!bytes || !elf_open(&ef, filename, bytes, errp)) {
        return false;
    }
    eh = &ef.eh;
    if (eh->e_shoff == 0 || eh->e_shnum == 0) {
        error_setg(errp, "%s: ELF file has no section headers", filename);
        return false;
    }
    if (eh->e_shentsize != sizeof(Elf64_Shdr)) {
        error_setg(errp, "%s: ELF section header size %u, expected %zu",
                   filename, eh->e_shentsize, sizeof(Elf64_Shdr));
        return false;
    }
    if (!elf_in_file(&ef, eh->e_shoff,
                     (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr))) {
        error_setg(errp, "%s: ELF section headers lie outside the file",
                   filename);
        return false;
    }
    for (i = 0; i < eh->e_shnum; i++) {
        Elf64_Shdr sh;
        int found;

        elf_shdr(&ef, i, &sh);
        if (sh.sh_type != SHT_SYMTAB) {
            continue;
        }
        have_symtab = true;
        found = elf_symtab_lookup(&ef, i, &sh, name, addr, errp);
        if (found) {
            return found > 0;
        }
    }
    if (!have_symtab) {
        error_setg(errp, "%s: ELF file has no symbol table", filename);
    } else {
        error_setg(errp, "%s: symbol '%s' not found", filename, name);
    }
    return false;
}
