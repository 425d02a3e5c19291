/*
 * The NS16550A UART's core: its eight byte-wide registers, read and written
 * by number by a front end (serial-mm.c on a memory bus, serial-isa.c on
 * I/O ports). Transmission
 * takes no time: a byte written to the THR goes to the chardev at once (or,
 * in loopback mode, to the receiver), so the THR and transmitter are always
 * empty. Received bytes come from the chardev into a 16-byte FIFO (one byte,
 * the RBR, while the FIFOs are disabled).
 *
 * The modem inputs of the virtual line are DCD, DSR and CTS asserted and RI
 * off; in loopback mode they follow DTR, RTS, OUT1 and OUT2 and the delta
 * bits and modem status interrupt work from them as the datasheet says.
 * While in loopback mode the receiver takes nothing from the chardev: its
 * input waits in the backend until loopback is left.
 *
 * The character timeout interrupt follows the datasheet: with the FIFOs
 * enabled and bytes in the receiver FIFO, it fires once four character
 * times of QEMU_CLOCK_VIRTUAL pass without a byte being received or read.
 *
 * Reset values are the datasheet's, except MCR: it resets to OUT2 (0x08)
 * as QEMU's does, and the divisor latch (which the datasheet leaves
 * undefined) resets to 12.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qapi/error.h"
#include "hw/char/serial.h"
#include "hw/irq.h"

#define SERIAL_RESET_DIVIDER 12

/* The modem input lines of the virtual line outside loopback mode. */
#define SERIAL_LINE_INPUTS (UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS)

static bool serial_fifo_enabled(SerialState *s)
{
    return s->fcr & UART_FCR_FIFO_EN;
}

static bool serial_loopback(SerialState *s)
{
    return s->mcr & UART_MCR_LOOP;
}

static unsigned serial_rx_capacity(SerialState *s)
{
    return serial_fifo_enabled(s) ? UART_FIFO_DEPTH : 1;
}

static unsigned serial_rx_trigger(SerialState *s)
{
    static const unsigned levels[4] = { 1, 4, 8, 14 };

    return levels[(s->fcr & UART_FCR_TRIGGER) >> 6];
}

/* The interrupt to report in IIR bits 3:0, by the datasheet's priority. */
static uint8_t serial_iir_id(SerialState *s)
{
    if ((s->ier & UART_IER_ELSI) && (s->lsr & UART_LSR_ERRORS)) {
        return UART_IIR_RLSI;
    }
    if (s->ier & UART_IER_ERBFI) {
        if (s->rx_count > 0 &&
            (!serial_fifo_enabled(s) || s->rx_count >= serial_rx_trigger(s))) {
            return UART_IIR_RDI;
        }
        if (s->timeout_ipending) {
            return UART_IIR_CTI;
        }
    }
    if ((s->ier & UART_IER_ETBEI) && s->thr_ipending) {
        return UART_IIR_THRI;
    }
    if ((s->ier & UART_IER_EDSSI) && (s->msr & UART_MSR_DELTAS)) {
        return UART_IIR_MSI;
    }
    return UART_IIR_NO_INT;
}

static void serial_update_irq(SerialState *s)
{
    qemu_set_irq(s->irq, serial_iir_id(s) != UART_IIR_NO_INT);
}

/* Four character times at the current line settings, in ns. */
static int64_t serial_timeout_ns(SerialState *s)
{
    unsigned word = 5 + (s->lcr & UART_LCR_WLS);
    /* Count in half bits: 1.5 stop bits exist for 5-bit words. */
    unsigned half_bits = 2 * (1 + word + !!(s->lcr & UART_LCR_PEN));
    /* A divisor of 0 is not allowed; time it as the fastest rate. */
    uint64_t divider = s->divider ? s->divider : 1;

    if (s->lcr & UART_LCR_STB) {
        half_bits += word == 5 ? 3 : 4;
    } else {
        half_bits += 2;
    }
    return (int64_t)(4 * half_bits * divider * NANOSECONDS_PER_SECOND /
                     (2 * (uint64_t)s->baudbase));
}

/* A byte was received or read: the timeout starts again. */
static void serial_restart_timeout(SerialState *s)
{
    if (serial_fifo_enabled(s) && s->rx_count > 0) {
        timer_mod(&s->fifo_timeout,
                  qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + serial_timeout_ns(s));
    } else {
        timer_del(&s->fifo_timeout);
    }
}

static void serial_fifo_timeout(void *opaque)
{
    SerialState *s = opaque;

    if (serial_fifo_enabled(s) && s->rx_count > 0) {
        s->timeout_ipending = true;
        serial_update_irq(s);
    }
}

static void serial_rx_clear(SerialState *s)
{
    s->rx_head = 0;
    s->rx_count = 0;
    s->lsr &= ~UART_LSR_FIFOE;
    s->timeout_ipending = false;
    timer_del(&s->fifo_timeout);
}

static bool serial_rx_has_break(SerialState *s)
{
    for (unsigned i = 0; i < s->rx_count; i++) {
        if (s->rx_break[(s->rx_head + i) % UART_FIFO_DEPTH]) {
            return true;
        }
    }
    return false;
}

/*
 * The receiver shift register completed a byte. With the FIFO full the byte
 * is lost; without FIFOs it overwrites the unread RBR. Both are overruns.
 * The caller updates the IRQ.
 */
static void serial_receive_byte(SerialState *s, uint8_t ch, bool brk)
{
    unsigned pos;

    if (s->rx_count == serial_rx_capacity(s)) {
        s->lsr |= UART_LSR_OE;
        if (serial_fifo_enabled(s)) {
            return;
        }
        pos = s->rx_head;
    } else {
        pos = (s->rx_head + s->rx_count) % UART_FIFO_DEPTH;
        s->rx_count++;
    }
    s->rx_buf[pos] = ch;
    s->rx_break[pos] = brk;
    if (brk) {
        if (pos == s->rx_head) {
            s->lsr |= UART_LSR_BI;
        }
        if (serial_fifo_enabled(s)) {
            s->lsr |= UART_LSR_FIFOE;
        }
    }
    serial_restart_timeout(s);
}

static int serial_can_receive(void *opaque)
{
    SerialState *s = opaque;

    if (serial_loopback(s)) {
        return 0;
    }
    return serial_rx_capacity(s) - s->rx_count;
}

static void serial_receive(void *opaque, const uint8_t *buf, int size)
{
    SerialState *s = opaque;

    for (int i = 0; i < size; i++) {
        serial_receive_byte(s, buf[i], false);
    }
    serial_update_irq(s);
}

static void serial_event(void *opaque, QEMUChrEvent event)
{
    SerialState *s = opaque;

    /* A break arrives as a zero byte marked with BI. */
    if (event == CHR_EVENT_BREAK && !serial_loopback(s)) {
        serial_receive_byte(s, 0, true);
        serial_update_irq(s);
    }
}

static void serial_accept_input(SerialState *s)
{
    if (qemu_chr_fe_backend_connected(&s->chr)) {
        qemu_chr_fe_accept_input(&s->chr);
    }
}

static uint8_t serial_read_rbr(SerialState *s)
{
    if (s->rx_count == 0) {
        return s->rbr;
    }
    s->rbr = s->rx_buf[s->rx_head];
    s->rx_head = (s->rx_head + 1) % UART_FIFO_DEPTH;
    s->rx_count--;
    if (s->rx_count > 0 && s->rx_break[s->rx_head]) {
        s->lsr |= UART_LSR_BI;
    }
    s->timeout_ipending = false;
    serial_restart_timeout(s);
    serial_accept_input(s);
    return s->rbr;
}

static uint8_t serial_read_iir(SerialState *s)
{
    uint8_t id = serial_iir_id(s);

    /* Reading the IIR clears a THRE interrupt it reports. */
    if (id == UART_IIR_THRI) {
        s->thr_ipending = false;
    }
    return id | (serial_fifo_enabled(s) ? UART_IIR_FIFO : 0);
}

static uint8_t serial_read_lsr(SerialState *s)
{
    uint8_t v = s->lsr | UART_LSR_THRE | UART_LSR_TEMT;

    if (s->rx_count > 0) {
        v |= UART_LSR_DR;
    }
    /* Reading clears the errors; FIFOE stays while a break is queued. */
    s->lsr &= ~(UART_LSR_ERRORS | UART_LSR_FIFOE);
    if (serial_fifo_enabled(s) && serial_rx_has_break(s)) {
        s->lsr |= UART_LSR_FIFOE;
    }
    return v;
}

uint8_t serial_read(SerialState *s, unsigned reg)
{
    uint8_t v;

    switch (reg) {
    case UART_RBR: /* and DLL */
        v = (s->lcr & UART_LCR_DLAB) ? s->divider & 0xff : serial_read_rbr(s);
        break;
    case UART_IER: /* and DLM */
        v = (s->lcr & UART_LCR_DLAB) ? s->divider >> 8 : s->ier;
        break;
    case UART_IIR:
        v = serial_read_iir(s);
        break;
    case UART_LCR:
        v = s->lcr;
        break;
    case UART_MCR:
        v = s->mcr;
        break;
    case UART_LSR:
        v = serial_read_lsr(s);
        break;
    case UART_MSR:
        v = s->msr;
        s->msr &= ~UART_MSR_DELTAS;
        break;
    case UART_SCR:
        v = s->scr;
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: bad register %u\n", __func__, reg);
        return 0;
    }
    serial_update_irq(s);
    return v;
}

static void serial_write_thr(SerialState *s, uint8_t ch)
{
    if (serial_loopback(s)) {
        serial_receive_byte(s, ch, false);
    } else if (qemu_chr_fe_backend_connected(&s->chr)) {
        /* The byte is lost if the host side fails, as on a real line. */
        qemu_chr_fe_write_all(&s->chr, &ch, 1);
    }
    /* Writing the THR clears THRE; the byte leaves and THRE is back. */
    s->thr_ipending = true;
}

static void serial_write_ier(SerialState *s, uint8_t v)
{
    uint8_t enabled = (v & ~s->ier) & UART_IER_MASK;

    s->ier = v & UART_IER_MASK;
    /* Enabling ETBEI while the THR is empty (it always is) raises THRE. */
    if (enabled & UART_IER_ETBEI) {
        s->thr_ipending = true;
    }
}

static void serial_write_fcr(SerialState *s, uint8_t v)
{
    /*
     * Changing FIFO enable empties both FIFOs; an emptied transmitter
     * raises THRE again.
     */
    if ((v ^ s->fcr) & UART_FCR_FIFO_EN) {
        serial_rx_clear(s);
        serial_accept_input(s);
        s->thr_ipending = true;
    }
    /* The other bits are only written together with FIFO enable. */
    if (!(v & UART_FCR_FIFO_EN)) {
        s->fcr = 0;
        return;
    }
    s->fcr = v & (UART_FCR_FIFO_EN | UART_FCR_DMA_MODE | UART_FCR_TRIGGER);
    if (v & UART_FCR_RX_RESET) {
        serial_rx_clear(s);
        serial_accept_input(s);
    }
    if (v & UART_FCR_TX_RESET) {
        /* The transmit FIFO is always empty; THRE is raised anew. */
        s->thr_ipending = true;
    }
}

/* Recompute the modem inputs; a changed line sets its delta bit. */
static void serial_update_msr(SerialState *s)
{
    uint8_t old = s->msr & UART_MSR_INPUTS;
    uint8_t now = SERIAL_LINE_INPUTS;
    uint8_t changed;

    if (serial_loopback(s)) {
        now = 0;
        if (s->mcr & UART_MCR_DTR) {
            now |= UART_MSR_DSR;
        }
        if (s->mcr & UART_MCR_RTS) {
            now |= UART_MSR_CTS;
        }
        if (s->mcr & UART_MCR_OUT1) {
            now |= UART_MSR_RI;
        }
        if (s->mcr & UART_MCR_OUT2) {
            now |= UART_MSR_DCD;
        }
    }
    changed = old ^ now;
    if (changed & UART_MSR_CTS) {
        s->msr |= UART_MSR_DCTS;
    }
    if (changed & UART_MSR_DSR) {
        s->msr |= UART_MSR_DDSR;
    }
    if (changed & UART_MSR_DCD) {
        s->msr |= UART_MSR_DDCD;
    }
    if ((old & UART_MSR_RI) && !(now & UART_MSR_RI)) {
        s->msr |= UART_MSR_TERI;
    }
    s->msr = (s->msr & UART_MSR_DELTAS) | now;
}

static void serial_write_mcr(SerialState *s, uint8_t v)
{
    bool was_loopback = serial_loopback(s);

    s->mcr = v & UART_MCR_MASK;
    serial_update_msr(s);
    if (was_loopback && !serial_loopback(s)) {
        serial_accept_input(s);
    }
}

void serial_write(SerialState *s, unsigned reg, uint8_t v)
{
    switch (reg) {
    case UART_THR: /* and DLL */
        if (s->lcr & UART_LCR_DLAB) {
            s->divider = (s->divider & 0xff00) | v;
        } else {
            serial_write_thr(s, v);
        }
        break;
    case UART_IER: /* and DLM */
        if (s->lcr & UART_LCR_DLAB) {
            s->divider = (s->divider & 0x00ff) | (v << 8);
        } else {
            serial_write_ier(s, v);
        }
        break;
    case UART_FCR:
        serial_write_fcr(s, v);
        break;
    case UART_LCR:
        /* Set break has no effect: the chardev cannot carry a break. */
        s->lcr = v;
        break;
    case UART_MCR:
        serial_write_mcr(s, v);
        break;
    case UART_LSR:
    case UART_MSR:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: write 0x%02x to read-only register %u\n", __func__,
                      v, reg);
        break;
    case UART_SCR:
        s->scr = v;
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: bad register %u\n", __func__, reg);
        return;
    }
    serial_update_irq(s);
}

void serial_init(SerialState *s)
{
    timer_init_ns(&s->fifo_timeout, QEMU_CLOCK_VIRTUAL, serial_fifo_timeout, s);
}

bool serial_realize(SerialState *s, const char *devname, GError **errp)
{
    if (s->baudbase == 0) {
        error_setg(errp, "%s: baudbase must not be 0", devname);
        return false;
    }
    if (qemu_chr_fe_backend_connected(&s->chr)) {
        qemu_chr_fe_set_handlers(&s->chr, serial_can_receive, serial_receive,
                                 serial_event, s);
    }
    return true;
}

void serial_unrealize(SerialState *s)
{
    timer_del(&s->fifo_timeout);
    if (qemu_chr_fe_backend_connected(&s->chr)) {
        qemu_chr_fe_set_handlers(&s->chr, NULL, NULL, NULL, NULL);
    }
}

void serial_reset(SerialState *s)
{
    s->divider = SERIAL_RESET_DIVIDER;
    s->ier = 0;
    s->fcr = 0;
    s->lcr = 0;
    s->mcr = UART_MCR_OUT2;
    s->lsr = 0;
    s->msr = SERIAL_LINE_INPUTS;
    s->scr = 0;
    s->rbr = 0;
    serial_rx_clear(s);
    s->thr_ipending = false;
    serial_update_irq(s);
    serial_accept_input(s);
}
