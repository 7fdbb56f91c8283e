// The terminal every bench contender page shows: the options and addons of the web's TerminalView.razor.js, a fixed
// size (the driver passes the web terminal's cols/rows, so every contender renders the same grid), and the web's
// acknowledgement scheme (every 32 KiB parsed, or 100 ms after the first unacknowledged byte).
import { Terminal } from '/lib/xterm/xterm.mjs';
import { FitAddon } from '/lib/addon-fit/addon-fit.mjs';
import { WebLinksAddon } from '/lib/addon-web-links/addon-web-links.mjs';

const ACK_EVERY_BYTES = 32 * 1024;
const ACK_AFTER_MS = 100;

export function createTerminal(element, cols, rows) {
    const term = new Terminal({
        cursorBlink: true,
        fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
        fontSize: 14,
        scrollback: 5000,
        allowProposedApi: false,
        cols,
        rows,
    });
    term.loadAddon(new FitAddon());
    term.loadAddon(new WebLinksAddon());
    term.open(element);
    term.focus();
    return term;
}

/** Returns parsed(bytes): call it from term.write's callback; it calls send(bytes) as the web's page does. */
export function acknowledger(send) {
    let pending = 0, timer = 0;
    const acknowledge = () => {
        timer = 0;
        if (pending > 0) {
            const bytes = pending;
            pending = 0;
            send(bytes);
        }
    };
    return (bytes) => {
        pending += bytes;
        if (pending >= ACK_EVERY_BYTES) acknowledge();
        else if (!timer) timer = setTimeout(acknowledge, ACK_AFTER_MS);
    };
}

/** The web's base64 decoding (TerminalView.razor.js). */
export function decode(base64) {
    const text = atob(base64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
}
