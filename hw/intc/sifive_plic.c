/*
 * SiFive Platform-Level Interrupt Controller, after the RISC-V PLIC
 * specification.
 *
 * Register map (all registers 32 bits, 4-byte accesses only), with the
 * bases and strides taken from the properties:
 *   priority-base + 4 * (id - 1)         source priority, WARL
 *   pending-base + 4 * w                 pending bits of ids 32w..32w+31, RO
 *   enable-base + ctx * enable-stride + 4 * w   enable bits of a context
 *   context-base + ctx * context-stride + 0     priority threshold, WARL
 *   context-base + ctx * context-stride + 4     claim (read) / complete (write)
 *
 * Each source goes through a level-triggered gateway: while the source is
 * asserted and not in service, its pending bit is set. A claim clears the
 * pending bit and puts the source in service; no new request is forwarded
 * until the completion, after which a source that is still asserted becomes
 * pending again. A pending bit stays set if the source deasserts before the
 * claim.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/intc/sifive_plic.h"

#define CONTEXT_THRESHOLD 0x0
#define CONTEXT_CLAIM     0x4
#define CONTEXT_SIZE      0x8

static bool plic_bit(const uint32_t *map, uint32_t id)
{
    return (map[id / 32] >> (id % 32)) & 1;
}

static void plic_set_bit(uint32_t *map, uint32_t id, bool v)
{
    if (v) {
        map[id / 32] |= 1u << (id % 32);
    } else {
        map[id / 32] &= ~(1u << (id % 32));
    }
}

/* The bits of bitmap word w that name existing sources (1..num_sources-1). */
static uint32_t plic_word_mask(SiFivePLICState *s, uint32_t w)
{
    uint32_t mask = UINT32_MAX;
    uint32_t first = w * 32;

    if (first + 32 > s->num_sources) {
        mask = (1u << (s->num_sources - first)) - 1;
    }
    if (w == 0) {
        mask &= ~1u;
    }
    return mask;
}

/* WARL: a power-of-two range keeps the low bits, any other is clamped. */
static uint32_t plic_legalize_priority(SiFivePLICState *s, uint32_t v)
{
    uint32_t max = s->num_priorities;

    if ((max & (max + 1)) == 0) {
        return v & max;
    }
    return MIN(v, max);
}

/*
 * The source a claim by ctx would return: the pending, enabled source of
 * highest priority above the threshold, the lowest id among equals; 0 if
 * there is none.
 */
static uint32_t plic_best_source(SiFivePLICState *s, uint32_t ctx)
{
    const uint32_t *enable = &s->enable[ctx * s->num_words];
    uint32_t best = 0;
    uint32_t best_prio = s->threshold[ctx];

    for (uint32_t w = 0; w < s->num_words; w++) {
        uint32_t bits = s->pending[w] & enable[w];

        while (bits) {
            uint32_t id = w * 32 + __builtin_ctz(bits);

            bits &= bits - 1;
            if (s->priority[id] > best_prio) {
                best_prio = s->priority[id];
                best = id;
            }
        }
    }
    return best;
}

static void plic_update(SiFivePLICState *s)
{
    for (uint32_t ctx = 0; ctx < s->num_contexts; ctx++) {
        qemu_set_irq(s->outputs[ctx], plic_best_source(s, ctx) != 0);
    }
}

/* Gateway: forward a request for an asserted source not in service. */
static void plic_gateway(SiFivePLICState *s, uint32_t id)
{
    if (plic_bit(s->level, id) && !plic_bit(s->claimed, id)) {
        plic_set_bit(s->pending, id, true);
    }
}

static void plic_irq_request(void *opaque, int n, int level)
{
    SiFivePLICState *s = opaque;

    if (n <= 0 || (uint32_t)n >= s->num_sources) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: no source %d\n", __func__, n);
        return;
    }
    plic_set_bit(s->level, n, level != 0);
    plic_gateway(s, n);
    plic_update(s);
}

static uint32_t plic_claim(SiFivePLICState *s, uint32_t ctx)
{
    uint32_t id = plic_best_source(s, ctx);

    if (id) {
        plic_set_bit(s->pending, id, false);
        plic_set_bit(s->claimed, id, true);
        plic_update(s);
    }
    return id;
}

static void plic_complete(SiFivePLICState *s, uint32_t ctx, uint32_t id)
{
    /* Ids that are not enabled for the context are silently ignored. */
    if (id == 0 || id >= s->num_sources ||
        !plic_bit(&s->enable[ctx * s->num_words], id)) {
        return;
    }
    plic_set_bit(s->claimed, id, false);
    plic_gateway(s, id);
    plic_update(s);
}

/*
 * Decoding. Each helper returns true and fills its out-parameters when
 * addr falls in its block; realize checked that the blocks do not overlap.
 */
static bool plic_decode_priority(SiFivePLICState *s, hwaddr addr, uint32_t *id)
{
    if (addr < s->priority_base) {
        return false;
    }
    addr -= s->priority_base;
    if (addr >= (uint64_t)(s->num_sources - 1) * 4) {
        return false;
    }
    *id = addr / 4 + 1;
    return true;
}

static bool plic_decode_pending(SiFivePLICState *s, hwaddr addr, uint32_t *w)
{
    if (addr < s->pending_base ||
        addr - s->pending_base >= (uint64_t)s->num_words * 4) {
        return false;
    }
    *w = (addr - s->pending_base) / 4;
    return true;
}

static bool plic_decode_enable(SiFivePLICState *s, hwaddr addr, uint32_t *ctx,
                               uint32_t *w)
{
    hwaddr off;

    if (addr < s->enable_base) {
        return false;
    }
    off = addr - s->enable_base;
    if (off / s->enable_stride >= s->num_contexts ||
        off % s->enable_stride >= (uint64_t)s->num_words * 4) {
        return false;
    }
    *ctx = off / s->enable_stride;
    *w = (off % s->enable_stride) / 4;
    return true;
}

static bool plic_decode_context(SiFivePLICState *s, hwaddr addr, uint32_t *ctx,
                                uint32_t *reg)
{
    hwaddr off;

    if (addr < s->context_base) {
        return false;
    }
    off = addr - s->context_base;
    if (off / s->context_stride >= s->num_contexts ||
        off % s->context_stride >= CONTEXT_SIZE) {
        return false;
    }
    *ctx = off / s->context_stride;
    *reg = off % s->context_stride;
    return true;
}

static uint64_t sifive_plic_read(void *opaque, hwaddr addr, unsigned size)
{
    SiFivePLICState *s = opaque;
    uint32_t id, w, ctx, reg;

    if (addr % 4 == 0) {
        if (plic_decode_priority(s, addr, &id)) {
            return s->priority[id];
        }
        if (plic_decode_pending(s, addr, &w)) {
            return s->pending[w];
        }
        if (plic_decode_enable(s, addr, &ctx, &w)) {
            return s->enable[ctx * s->num_words + w];
        }
        if (plic_decode_context(s, addr, &ctx, &reg)) {
            switch (reg) {
            case CONTEXT_THRESHOLD:
                return s->threshold[ctx];
            case CONTEXT_CLAIM:
                return plic_claim(s, ctx);
            }
        }
    }
    qemu_log_mask(LOG_GUEST_ERROR, "%s: invalid register 0x%" HWADDR_PRIx "\n",
                  __func__, addr);
    return 0;
}

static void sifive_plic_write(void *opaque, hwaddr addr, uint64_t val,
                              unsigned size)
{
    SiFivePLICState *s = opaque;
    uint32_t id, w, ctx, reg;

    if (addr % 4 == 0) {
        if (plic_decode_priority(s, addr, &id)) {
            s->priority[id] = plic_legalize_priority(s, val);
            plic_update(s);
            return;
        }
        if (plic_decode_pending(s, addr, &w)) {
            qemu_log_mask(LOG_GUEST_ERROR, "%s: pending word %u is read-only\n",
                          __func__, w);
            return;
        }
        if (plic_decode_enable(s, addr, &ctx, &w)) {
            s->enable[ctx * s->num_words + w] = val & plic_word_mask(s, w);
            plic_update(s);
            return;
        }
        if (plic_decode_context(s, addr, &ctx, &reg)) {
            switch (reg) {
            case CONTEXT_THRESHOLD:
                s->threshold[ctx] = plic_legalize_priority(s, val);
                plic_update(s);
                return;
            case CONTEXT_CLAIM:
                plic_complete(s, ctx, val);
                return;
            }
        }
    }
    qemu_log_mask(LOG_GUEST_ERROR,
                  "%s: invalid register 0x%" HWADDR_PRIx " value 0x%" PRIx64
                  "\n",
                  __func__, addr, val);
}

static const MemoryRegionOps sifive_plic_ops = {
    .read = sifive_plic_read,
    .write = sifive_plic_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = {
        .min_access_size = 4,
        .max_access_size = 4,
    },
};

static void sifive_plic_reset(DeviceState *dev)
{
    SiFivePLICState *s = SIFIVE_PLIC(dev);

    memset(s->priority, 0, s->num_sources * sizeof(uint32_t));
    memset(s->threshold, 0, s->num_contexts * sizeof(uint32_t));
    memset(s->enable, 0,
           (size_t)s->num_contexts * s->num_words * sizeof(uint32_t));
    memset(s->pending, 0, s->num_words * sizeof(uint32_t));
    memset(s->claimed, 0, s->num_words * sizeof(uint32_t));
    plic_update(s);
}

/* "MS,MS" -> one context per letter, in order. */
static bool plic_parse_hart_config(SiFivePLICState *s, GError **errp)
{
    g_auto(GStrv) harts = NULL;
    GArray *ctxs;
    guint n;

    if (!s->hart_config || !s->hart_config[0]) {
        error_setg(errp, "hart-config must list the modes of each hart");
        return false;
    }
    harts = g_strsplit(s->hart_config, ",", -1);
    n = g_strv_length(harts);
    if ((uint64_t)s->hartid_base + n - 1 > UINT32_MAX) {
        error_setg(errp, "hartid-base %u with %u harts overflows",
                   s->hartid_base, n);
        return false;
    }
    ctxs = g_array_new(FALSE, FALSE, sizeof(SiFivePLICContext));
    for (guint i = 0; i < n; i++) {
        const char *modes = harts[i];

        if (!modes[0]) {
            error_setg(errp, "hart-config '%s': hart %u has no mode",
                       s->hart_config, i);
            goto fail;
        }
        for (const char *c = modes; *c; c++) {
            SiFivePLICContext ctx = { .hartid = s->hartid_base + i,
                                      .mode = *c };

            if (*c != 'M' && *c != 'S') {
                error_setg(errp,
                           "hart-config '%s': invalid mode '%c' "
                           "(expected M or S)",
                           s->hart_config, *c);
                goto fail;
            }
            if (strchr(c + 1, *c)) {
                error_setg(errp, "hart-config '%s': hart %u lists %c twice",
                           s->hart_config, i, *c);
                goto fail;
            }
            g_array_append_val(ctxs, ctx);
        }
    }
    if (ctxs->len > SIFIVE_PLIC_MAX_CONTEXTS) {
        error_setg(errp, "hart-config '%s': %u contexts, at most %u",
                   s->hart_config, ctxs->len, SIFIVE_PLIC_MAX_CONTEXTS);
        goto fail;
    }
    s->num_contexts = ctxs->len;
    s->contexts = (SiFivePLICContext *)g_array_free(ctxs, FALSE);
    return true;

fail:
    g_array_free(ctxs, TRUE);
    return false;
}

typedef struct PLICBlock {
    const char *name;
    uint64_t start, end; /* [start, end) */
} PLICBlock;

static bool plic_check_layout(SiFivePLICState *s, GError **errp)
{
    uint64_t words = (uint64_t)s->num_words * 4;
    uint64_t last = s->num_contexts - 1;
    PLICBlock blocks[] = {
        { "priority", s->priority_base,
          s->priority_base + (uint64_t)(s->num_sources - 1) * 4 },
        { "pending", s->pending_base, s->pending_base + words },
        { "enable", s->enable_base,
          s->enable_base + last * s->enable_stride + words },
        { "context", s->context_base,
          s->context_base + last * s->context_stride + CONTEXT_SIZE },
    };
    const struct {
        const char *name;
        uint32_t v;
    } aligned[] = {
        { "priority-base", s->priority_base },
        { "pending-base", s->pending_base },
        { "enable-base", s->enable_base },
        { "enable-stride", s->enable_stride },
        { "context-base", s->context_base },
        { "context-stride", s->context_stride },
    };

    for (size_t i = 0; i < ARRAY_SIZE(aligned); i++) {
        if (aligned[i].v % 4) {
            error_setg(errp, "%s 0x%x is not a multiple of 4", aligned[i].name,
                       aligned[i].v);
            return false;
        }
    }
    if (s->enable_stride < words) {
        error_setg(errp,
                   "enable-stride 0x%x is below the 0x%" PRIx64
                   " bytes of enable bits for %u sources",
                   s->enable_stride, words, s->num_sources);
        return false;
    }
    if (s->context_stride < CONTEXT_SIZE) {
        error_setg(errp, "context-stride 0x%x is below %u", s->context_stride,
                   CONTEXT_SIZE);
        return false;
    }
    if (s->aperture_size == 0 || s->aperture_size % 4) {
        error_setg(errp, "aperture-size 0x%x is not a non-zero multiple of 4",
                   s->aperture_size);
        return false;
    }
    for (size_t i = 0; i < ARRAY_SIZE(blocks); i++) {
        if (blocks[i].end > s->aperture_size) {
            error_setg(errp,
                       "%s registers [0x%" PRIx64 ", 0x%" PRIx64
                       ") exceed aperture-size 0x%x",
                       blocks[i].name, blocks[i].start, blocks[i].end,
                       s->aperture_size);
            return false;
        }
        for (size_t j = 0; j < i; j++) {
            if (blocks[i].start < blocks[j].end &&
                blocks[j].start < blocks[i].end &&
                blocks[i].start < blocks[i].end &&
                blocks[j].start < blocks[j].end) {
                error_setg(errp, "%s and %s registers overlap", blocks[j].name,
                           blocks[i].name);
                return false;
            }
        }
    }
    return true;
}

static void sifive_plic_realize(DeviceState *dev, GError **errp)
{
    SiFivePLICState *s = SIFIVE_PLIC(dev);

    if (s->num_sources < 1 || s->num_sources > SIFIVE_PLIC_MAX_SOURCES) {
        error_setg(errp, "num-sources %u is not in 1..%u", s->num_sources,
                   SIFIVE_PLIC_MAX_SOURCES);
        return;
    }
    if (s->num_priorities < 1) {
        error_setg(errp, "num-priorities must be at least 1");
        return;
    }
    if (!plic_parse_hart_config(s, errp)) {
        return;
    }
    s->num_words = (s->num_sources + 31) / 32;
    if (!plic_check_layout(s, errp)) {
        g_clear_pointer(&s->contexts, g_free);
        return;
    }

    s->priority = g_new0(uint32_t, s->num_sources);
    s->threshold = g_new0(uint32_t, s->num_contexts);
    s->enable = g_new0(uint32_t, (size_t)s->num_contexts * s->num_words);
    s->pending = g_new0(uint32_t, s->num_words);
    s->claimed = g_new0(uint32_t, s->num_words);
    s->level = g_new0(uint32_t, s->num_words);
    s->outputs = g_new0(qemu_irq, s->num_contexts);

    memory_region_init_io(&s->mmio, OBJECT(s), &sifive_plic_ops, s,
                          TYPE_SIFIVE_PLIC, s->aperture_size);
    sysbus_init_mmio(SYS_BUS_DEVICE(s), &s->mmio);
    qdev_init_gpio_in(dev, plic_irq_request, s->num_sources);
    qdev_init_gpio_out(dev, s->outputs, s->num_contexts);
}

static void sifive_plic_finalize(Object *obj)
{
    SiFivePLICState *s = SIFIVE_PLIC(obj);

    if (s->mmio.name) { /* realized */
        memory_region_destroy(&s->mmio);
    }
    g_free(s->contexts);
    g_free(s->priority);
    g_free(s->threshold);
    g_free(s->enable);
    g_free(s->pending);
    g_free(s->claimed);
    g_free(s->level);
    g_free(s->outputs);
}

static const Property sifive_plic_props[] = {
    DEFINE_PROP_STRING("hart-config", SiFivePLICState, hart_config),
    DEFINE_PROP_UINT32("hartid-base", SiFivePLICState, hartid_base, 0),
    DEFINE_PROP_UINT32("num-sources", SiFivePLICState, num_sources, 0),
    DEFINE_PROP_UINT32("num-priorities", SiFivePLICState, num_priorities, 0),
    DEFINE_PROP_UINT32("priority-base", SiFivePLICState, priority_base, 0x4),
    DEFINE_PROP_UINT32("pending-base", SiFivePLICState, pending_base, 0x1000),
    DEFINE_PROP_UINT32("enable-base", SiFivePLICState, enable_base, 0x2000),
    DEFINE_PROP_UINT32("enable-stride", SiFivePLICState, enable_stride, 0x80),
    DEFINE_PROP_UINT32("context-base", SiFivePLICState, context_base, 0x200000),
    DEFINE_PROP_UINT32("context-stride", SiFivePLICState, context_stride,
                       0x1000),
    DEFINE_PROP_UINT32("aperture-size", SiFivePLICState, aperture_size, 0),
    DEFINE_PROP_END_OF_LIST(),
};

static void sifive_plic_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->desc = "SiFive platform-level interrupt controller";
    dc->realize = sifive_plic_realize;
    dc->reset = sifive_plic_reset;
    device_class_set_props(dc, sifive_plic_props);
}

static const TypeInfo sifive_plic_info = {
    .name = TYPE_SIFIVE_PLIC,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(SiFivePLICState),
    .instance_finalize = sifive_plic_finalize,
    .class_init = sifive_plic_class_init,
};

static void sifive_plic_register_types(void)
{
    type_register_static(&sifive_plic_info);
}

type_init(sifive_plic_register_types)
