/*
 * The NS16550A UART: its core (SerialState, serial.c), embedded by the
 * front ends "serial-mm" (memory mapped, serial-mm.c) and "isa-serial"
 * (I/O ports, serial-isa.c).
 */
#ifndef HW_CHAR_SERIAL_H
#define HW_CHAR_SERIAL_H

#include "hw/sysbus.h"
#include "chardev/char.h"
#include "qemu/timer.h"

#define TYPE_SERIAL_MM "serial-mm"
OBJECT_DECLARE_SIMPLE_TYPE(SerialMMState, SERIAL_MM)
#define TYPE_ISA_SERIAL "isa-serial"

/* Depth of the receive and transmit FIFOs. */
#define UART_FIFO_DEPTH 16

/* Register numbers (the front end maps them to addresses). */
enum {
    UART_RBR = 0, /* read, DLAB=0: receiver buffer */
    UART_THR = 0, /* write, DLAB=0: transmitter holding */
    UART_DLL = 0, /* DLAB=1: divisor latch, low byte */
    UART_IER = 1, /* DLAB=0: interrupt enable */
    UART_DLM = 1, /* DLAB=1: divisor latch, high byte */
    UART_IIR = 2, /* read: interrupt identification */
    UART_FCR = 2, /* write: FIFO control */
    UART_LCR = 3, /* line control */
    UART_MCR = 4, /* modem control */
    UART_LSR = 5, /* line status */
    UART_MSR = 6, /* modem status */
    UART_SCR = 7, /* scratch */
    UART_NUM_REGS = 8,
};

/* IER */
#define UART_IER_ERBFI 0x01 /* received data available (and timeout) */
#define UART_IER_ETBEI 0x02 /* transmitter holding register empty */
#define UART_IER_ELSI  0x04 /* receiver line status */
#define UART_IER_EDSSI 0x08 /* modem status */
#define UART_IER_MASK  0x0f

/* IIR: bit 0 clear means an interrupt is pending; bits 3:1 say which. */
#define UART_IIR_NO_INT 0x01
#define UART_IIR_MSI    0x00 /* modem status */
#define UART_IIR_THRI   0x02 /* transmitter holding register empty */
#define UART_IIR_RDI    0x04 /* received data available */
#define UART_IIR_RLSI   0x06 /* receiver line status */
#define UART_IIR_CTI    0x0c /* character timeout */
#define UART_IIR_ID     0x0f
#define UART_IIR_FIFO   0xc0 /* FIFOs enabled */

/* FCR */
#define UART_FCR_FIFO_EN  0x01
#define UART_FCR_RX_RESET 0x02
#define UART_FCR_TX_RESET 0x04
#define UART_FCR_DMA_MODE 0x08
#define UART_FCR_TRIGGER  0xc0 /* receiver trigger: 1, 4, 8 or 14 bytes */

/* LCR */
#define UART_LCR_WLS   0x03 /* word length: 5 + value bits */
#define UART_LCR_STB   0x04 /* 1.5 (5-bit words) or 2 stop bits */
#define UART_LCR_PEN   0x08 /* parity enable */
#define UART_LCR_BREAK 0x40 /* set break */
#define UART_LCR_DLAB  0x80 /* divisor latch access */

/* MCR */
#define UART_MCR_DTR  0x01
#define UART_MCR_RTS  0x02
#define UART_MCR_OUT1 0x04
#define UART_MCR_OUT2 0x08
#define UART_MCR_LOOP 0x10
#define UART_MCR_MASK 0x1f

/* LSR */
#define UART_LSR_DR     0x01 /* data ready */
#define UART_LSR_OE     0x02 /* overrun error */
#define UART_LSR_PE     0x04 /* parity error */
#define UART_LSR_FE     0x08 /* framing error */
#define UART_LSR_BI     0x10 /* break interrupt */
#define UART_LSR_THRE   0x20 /* transmitter holding register empty */
#define UART_LSR_TEMT   0x40 /* transmitter empty */
#define UART_LSR_FIFOE  0x80 /* error in the receiver FIFO */
#define UART_LSR_ERRORS (UART_LSR_OE | UART_LSR_PE | UART_LSR_FE | UART_LSR_BI)

/* MSR */
#define UART_MSR_DCTS   0x01 /* CTS changed */
#define UART_MSR_DDSR   0x02 /* DSR changed */
#define UART_MSR_TERI   0x04 /* RI went from on to off */
#define UART_MSR_DDCD   0x08 /* DCD changed */
#define UART_MSR_DELTAS 0x0f
#define UART_MSR_CTS    0x10
#define UART_MSR_DSR    0x20
#define UART_MSR_RI     0x40
#define UART_MSR_DCD    0x80
#define UART_MSR_INPUTS 0xf0

typedef struct SerialState {
    qemu_irq irq;
    CharBackend chr;   /* property "chardev" of the front end */
    uint32_t baudbase; /* bit rate at divisor 1: the input clock / 16 */

    uint16_t divider;
    uint8_t ier;
    uint8_t fcr; /* only FIFO_EN, DMA_MODE and TRIGGER are kept */
    uint8_t lcr;
    uint8_t mcr;
    uint8_t lsr; /* sticky bits only: the errors and FIFOE */
    uint8_t msr; /* input lines in bits 7:4, deltas in bits 3:0 */
    uint8_t scr;
    uint8_t rbr; /* the last byte read, returned when nothing is there */

    /*
     * The receiver: a ring of UART_FIFO_DEPTH bytes, of which only one is
     * used while the FIFOs are disabled (then it is the RBR). rx_break
     * marks bytes that stand for a received break.
     */
    uint8_t rx_buf[UART_FIFO_DEPTH];
    bool rx_break[UART_FIFO_DEPTH];
    unsigned rx_head;
    unsigned rx_count;

    bool thr_ipending;     /* THRE interrupt armed and not yet cleared */
    bool timeout_ipending; /* character timeout interrupt */
    QEMUTimer fifo_timeout;
} SerialState;

/* For the front ends: at instance init, realize, unrealize and reset. */
void serial_init(SerialState *s);
bool serial_realize(SerialState *s, const char *devname, GError **errp);
void serial_unrealize(SerialState *s);
void serial_reset(SerialState *s);
/* Register reg (UART_RBR..UART_SCR) as the guest reads or writes it. */
uint8_t serial_read(SerialState *s, unsigned reg);
void serial_write(SerialState *s, unsigned reg, uint8_t v);

struct SerialMMState {
    SysBusDevice parent_obj;
    MemoryRegion mmio;
    uint8_t regshift; /* registers are 1 << regshift bytes apart */
    SerialState serial;
};

#endif
