/*
 * Code loaded by a disk read runs as loaded: a virtio-blk read (virtio 1.2
 * section 5.2.6) over a page the hart has executed before must drop the
 * blocks translated from that page, as a store from a hart does. The
 * device writes guest RAM itself (no store goes through the hart), and
 * FENCE.I flushes nothing in our engine, so stale blocks would return the
 * old value here.
 *
 * Needs a virtio-blk-device on a modern virtio-mmio transport (run with
 * -global virtio-mmio.force-legacy=false) on a scratch disk of 1 KiB or
 * more; the program writes the disk before it reads it.
 */
#include "testlib.h"

#define VIRTIO_BASE  0x10001000UL
#define VIRTIO_SLOTS 8
#define VIRTIO_SIZE  0x1000UL

/* virtio-mmio registers (4.2.2) */
#define MMIO_MAGIC         0x000
#define MMIO_VERSION       0x004
#define MMIO_DEVICE_ID     0x008
#define MMIO_DRV_FEAT      0x020
#define MMIO_DRV_FEAT_SEL  0x024
#define MMIO_QUEUE_SEL     0x030
#define MMIO_QUEUE_NUM     0x038
#define MMIO_QUEUE_READY   0x044
#define MMIO_QUEUE_NOTIFY  0x050
#define MMIO_STATUS        0x070
#define MMIO_QUEUE_DESC    0x080
#define MMIO_QUEUE_DRIVER  0x090
#define MMIO_QUEUE_DEVICE  0x0a0
#define VIRTIO_MAGIC       0x74726976
#define VIRTIO_ID_BLOCK    2
#define STATUS_ACK         1
#define STATUS_DRIVER      2
#define STATUS_DRIVER_OK   4
#define STATUS_FEATURES_OK 8
#define DESC_F_NEXT        1
#define DESC_F_WRITE       2
#define QUEUE_SIZE         8

#define T_IN  0
#define T_OUT 1

#define INSN_ADDI_A0(imm) (((u32)(imm) << 20) | (10u << 7) | 0x13u)
#define INSN_RET          0x00008067u /* jalr x0, 0(ra) */

typedef u64 (*fn_t)(void);

struct desc {
    u64 addr;
    u32 len;
    unsigned short flags, next;
};

static struct {
    struct desc desc[QUEUE_SIZE];
    unsigned short avail[3 + QUEUE_SIZE];
} ring __attribute__((aligned(4096)));
static struct {
    unsigned short flags, idx;
    struct {
        u32 id, len;
    } elem[QUEUE_SIZE];
} used __attribute__((aligned(4096)));

/* The page that runs, then is overwritten by the disk; and the source. */
static u32 code[1024] __attribute__((aligned(4096)));
static u32 data[128] __attribute__((aligned(4096)));
static struct {
    u32 type, reserved;
    u64 sector;
} hdr;
static volatile unsigned char status;

static u64 find_blk(void)
{
    for (u64 i = 0; i < VIRTIO_SLOTS; i++) {
        u64 b = VIRTIO_BASE + i * VIRTIO_SIZE;

        if (mmio_read32(b + MMIO_MAGIC) == VIRTIO_MAGIC &&
            mmio_read32(b + MMIO_DEVICE_ID) == VIRTIO_ID_BLOCK) {
            CHECK_EQ(mmio_read32(b + MMIO_VERSION), 2);
            return b;
        }
    }
    CHECK(0); /* no virtio-blk-device */
    return 0;
}

/* A 64-bit address register pair (Low, High): 32-bit accesses (4.2.2.2). */
static void write_addr(u64 reg, u64 addr)
{
    mmio_write32(reg, (u32)addr);
    mmio_write32(reg + 4, (u32)(addr >> 32));
}

/* 3.1.1: reset, negotiate VERSION_1 only, one queue, DRIVER_OK. */
static void blk_init(u64 b)
{
    mmio_write32(b + MMIO_STATUS, 0);
    mmio_write32(b + MMIO_STATUS, STATUS_ACK | STATUS_DRIVER);
    mmio_write32(b + MMIO_DRV_FEAT_SEL, 1);
    mmio_write32(b + MMIO_DRV_FEAT, 1); /* VIRTIO_F_VERSION_1 (bit 32) */
    mmio_write32(b + MMIO_DRV_FEAT_SEL, 0);
    mmio_write32(b + MMIO_DRV_FEAT, 0);
    mmio_write32(b + MMIO_STATUS,
                 STATUS_ACK | STATUS_DRIVER | STATUS_FEATURES_OK);
    CHECK(mmio_read32(b + MMIO_STATUS) & STATUS_FEATURES_OK);
    mmio_write32(b + MMIO_QUEUE_SEL, 0);
    mmio_write32(b + MMIO_QUEUE_NUM, QUEUE_SIZE);
    write_addr(b + MMIO_QUEUE_DESC, (u64)ring.desc);
    write_addr(b + MMIO_QUEUE_DRIVER, (u64)ring.avail);
    write_addr(b + MMIO_QUEUE_DEVICE, (u64)&used);
    mmio_write32(b + MMIO_QUEUE_READY, 1);
    mmio_write32(b + MMIO_STATUS, STATUS_ACK | STATUS_DRIVER |
                                      STATUS_FEATURES_OK | STATUS_DRIVER_OK);
}

/* One request of one 512-byte sector at buf; polls the used ring. */
static unsigned char blk_request(u64 b, u32 type, void *buf)
{
    static unsigned short next_avail;
    unsigned short want = used.idx + 1;

    hdr.type = type;
    hdr.sector = 0;
    status = 0xee;
    ring.desc[0] = (struct desc){ (u64)&hdr, 16, DESC_F_NEXT, 1 };
    ring.desc[1] =
        (struct desc){ (u64)buf, 512,
                       DESC_F_NEXT | (type == T_IN ? DESC_F_WRITE : 0), 2 };
    ring.desc[2] = (struct desc){ (u64)&status, 1, DESC_F_WRITE, 0 };
    ring.avail[2 + next_avail % QUEUE_SIZE] = 0;
    __asm__ volatile("fence rw, rw" ::: "memory");
    ring.avail[1] = ++next_avail;
    __asm__ volatile("fence rw, rw" ::: "memory");
    mmio_write32(b + MMIO_QUEUE_NOTIFY, 0);
    while (*(volatile unsigned short *)&used.idx != want) {
    }
    __asm__ volatile("fence rw, rw" ::: "memory");
    return status;
}

int main(void)
{
    u64 b = find_blk();

    blk_init(b);
    /* Run `li a0, 1; ret` until its block is surely translated. */
    code[0] = INSN_ADDI_A0(1);
    code[1] = INSN_RET;
    __asm__ volatile("fence.i" ::: "memory");
    for (int i = 0; i < 100; i++) {
        CHECK_EQ(((fn_t)code)(), 1);
    }
    /* Put `li a0, 2; ret` on the disk, and read it over the code. */
    data[0] = INSN_ADDI_A0(2);
    data[1] = INSN_RET;
    CHECK_EQ(blk_request(b, T_OUT, data), 0);
    CHECK_EQ(blk_request(b, T_IN, code), 0);
    CHECK_EQ(code[0], INSN_ADDI_A0(2));
    __asm__ volatile("fence.i" ::: "memory");
    CHECK_EQ(((fn_t)code)(), 2);
    return 0;
}
