// One xterm.js terminal streamed over the terminal hub (/hubs/terminal). Output arrives as binary messages
// (base64 in SignalR's JSON protocol) and goes to xterm as bytes, so UTF-8 split across messages is decoded by
// xterm itself. Messages wait here and go to xterm up to 128 KiB ahead of its parser; after xterm has parsed one, its
// bytes are acknowledged: the daemon sends no more than 1 MiB ahead (Terminals/FlowControl.cs), so a flood cannot swamp the
// browser. An empty message is a flush: the pty dropped its pending output on a ^C, so the messages still waiting
// here are dropped too (and acknowledged), and the prompt is drawn after at most the 128 KiB xterm holds.
import { Terminal } from '/lib/xterm/xterm.mjs';
import { FitAddon } from '/lib/addon-fit/addon-fit.mjs';
import { WebLinksAddon } from '/lib/addon-web-links/addon-web-links.mjs';

const ACK_EVERY_BYTES = 32 * 1024;
const ACK_AFTER_MS = 100;
// What xterm may hold unparsed: after a ^C at most this is drawn before the prompt (about 20 ms of parsing).
const IN_XTERM_BYTES = 128 * 1024;

// The student's font size (A-/A+ beside the terminals, TerminalFontSize.razor), one for every terminal of the page,
// remembered by the browser.
const FONT_SIZES = [10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 28];
const DEFAULT_FONT_SIZE = 14;
const FONT_SIZE_KEY = 'containerlab.terminal.fontSize';
const terminals = new Set();

/** The remembered font size in px, or the default if none (or one not offered) is stored. */
export function fontSize() {
    let stored = NaN;
    try { stored = Number(localStorage.getItem(FONT_SIZE_KEY)); } catch { }
    return FONT_SIZES.includes(stored) ? stored : DEFAULT_FONT_SIZE;
}

/** Moves the font size of every terminal <step> sizes up (positive) or down; returns the new size in px. */
export function changeFontSize(step) {
    const index = Math.min(FONT_SIZES.length - 1, Math.max(0, FONT_SIZES.indexOf(fontSize()) + step));
    const size = FONT_SIZES[index];
    try { localStorage.setItem(FONT_SIZE_KEY, String(size)); } catch { }
    for (const terminal of terminals) terminal.setFontSize(size);
    return size;
}

let hubPromise;

/**
 * One hub connection per page, shared by every terminal, reconnecting on its own. The Start pages open it before there
 * is a session, and the lab page's ticket then names the session to it (TerminalTickets.cs). It belongs to that one
 * session, so it ends with the page's last terminal: after an enhanced navigation (away from /lab, a new session
 * started by Start's form post) the page connects anew.
 */
function hub() {
    hubPromise ??= (async () => {
        const connection = new signalR.HubConnectionBuilder()
            .withUrl('/hubs/terminal')
            .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 10000, 10000, 10000, 10000])
            .build();
        await connection.start();
        return connection;
    })();
    return hubPromise;
}

function releaseHub() {
    const closing = hubPromise;
    hubPromise = undefined;
    closing?.then((connection) => connection.stop()).catch(() => { });
}

/**
 * Called as soon as a page with a terminal or a Start button is in the document (App.razor): the hub's negotiate and
 * WebSocket run while the student reads the page, or alongside the circuit's, instead of after it.
 */
export function connect() {
    hub().catch(() => { });
}

// Terminals opened from the prerendered page, by "node/terminal", until the circuit's TerminalView adopts them.
const early = new Map();

/**
 * Called with connect(): opens the visible terminal of the prerendered page at once, so the prompt shows
 * while the circuit is still starting (it used to wait for the circuit's first render: 240-600 ms, docs/PERFORMANCE.md).
 * Blazor's first interactive render replaces the prerendered markup; the terminal follows into the new element at
 * once, and TerminalView's open() then adopts it instead of opening a second one.
 */
export function mountPrerendered() {
    const mount = () => {
        for (const element of document.querySelectorAll('.terminal-view[data-node][data-terminal]:not([hidden])')) {
            if (element.childElementCount > 0) continue; // the circuit was first: TerminalView has opened it already
            const key = `${element.dataset.node}/${element.dataset.terminal}`;
            if (!early.has(key)) early.set(key, create(element, element.dataset.node, element.dataset.terminal, true).then((handle) => { handle.show(false); return handle; }));
        }
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount, { once: true });
    else mount();
}

function decode(base64) {
    const text = atob(base64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
}

function encodeBinary(data) {
    // xterm's onBinary gives a string whose chars are bytes (0-255).
    return btoa(data);
}

/** TerminalView's terminal: the one opened from the prerendered page if there is one, moved into <element>; else a new one. */
export async function open(element, node, terminal) {
    const key = `${node}/${terminal}`;
    const opened = early.get(key);
    if (opened) {
        early.delete(key);
        const handle = await opened;
        handle.adopt(element);
        return handle;
    }
    return create(element, node, terminal);
}

/**
 * An instructor's view of a student's terminal (the hub's Watch): the student's screen at the student's size, read-only
 * until setTyping(true) after the student accepted help (the hub refuses the keys before that, whatever the page does).
 */
export function watch(element, classId, learner, node, terminal, columns, rows) {
    return create(element, node, terminal, false, watchChannel(classId, learner, node, terminal, columns, rows));
}

/**
 * How a terminal talks to the hub. The student's own: by node and terminal, sized to its element, and typed into by the
 * guide's Run buttons. A watch: by class, student, node and terminal, at the student's size, never resizing theirs.
 */
function ownChannel(node, terminal) {
    return {
        output: (c) => c.stream('Output', node, terminal, ticket()),
        input: (c, data) => c.send('Input', node, terminal, data),
        inputBytes: (c, data) => c.send('InputBytes', node, terminal, encodeBinary(data)),
        ack: (c, bytes) => c.send('Ack', node, terminal, bytes),
        resize: (c, cols, rows) => c.send('Resize', node, terminal, cols, rows),
        size: null,
        runButtons: true,
    };
}

function watchChannel(classId, learner, node, terminal, columns, rows) {
    return {
        output: (c) => c.stream('Watch', classId, learner, node, terminal),
        input: (c, data) => c.invoke('HelpInput', classId, learner, node, terminal, data),
        inputBytes: null,
        ack: (c, bytes) => c.send('WatchAck', classId, learner, node, terminal, bytes),
        resize: null,
        size: { cols: columns, rows },
        runButtons: false,
    };
}

// Terminals being created (between their start and their handle): the hub they wait for must not be released.
let opening = 0;

/** The lab page's terminal ticket (Lab.razor): names the session to a hub connection opened before the session existed. */
function ticket() {
    return document.getElementById('terminal-ticket')?.dataset.ticket ?? null;
}

async function create(element, node, terminal, prerendered = false, channel = ownChannel(node, terminal)) {
    opening++;
    try {
        return await createTerminal(element, node, terminal, prerendered, channel);
    } finally {
        opening--;
    }
}

async function createTerminal(element, node, terminal, prerendered, channel) {
    let host = element; // the element the terminal lives in: the prerendered one, then TerminalView's (moveTo)
    const term = new Terminal({
        cursorBlink: true,
        fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
        fontSize: fontSize(),
        // xterm's DOM renderer clips every row to its cell (overflow: hidden), and the cell is only as tall as the
        // font's rounded ascent + descent. DejaVu Sans Mono, what chromium picks for this stack on Linux, draws '_'
        // at the very bottom of its descent, so at 14 px it fell entirely below the row: `limit_in_bytes` read as
        // `limit in bytes` (xterm.js issue 4067). A taller cell centres the text in it and leaves the glyph about
        // 10% of the font size of room below the baseline's descent, at every size and zoom.
        lineHeight: 1.2,
        scrollback: 5000,
        allowProposedApi: false,
        // A watch shows the student's screen cell for cell: their size, and no keys until they accept help.
        ...(channel.size ? { cols: channel.size.cols, rows: channel.size.rows, disableStdin: true } : {}),
    });
    // A watch keeps the student's size: fitting it to the instructor's element would wrap their lines differently.
    const fit = channel.size ? { fit() { } } : new FitAddon();
    if (!channel.size) term.loadAddon(fit);
    term.loadAddon(new WebLinksAddon());
    term.open(element);
    if (element.offsetParent !== null) fit.fit();
    const observer = new ResizeObserver(() => { if (host.offsetParent !== null) fit.fit(); });
    observer.observe(host);

    // Whether the student's keys go to this terminal, kept across a move: removing the focused textarea from the page
    // blurs it, and that blur is not the student's.
    let focused = false;
    term.textarea.addEventListener('focus', () => { focused = true; });
    term.textarea.addEventListener('blur', () => queueMicrotask(() => { if (term.textarea.isConnected) focused = false; }));
    // xterm keeps working when its element moves: the screen, the selection and the hub's stream stay as they are.
    const moveTo = (element) => {
        if (element === host) return;
        element.appendChild(term.element);
        observer.unobserve(host);
        host = element;
        observer.observe(host);
        if (host.offsetParent !== null) fit.fit();
        if (focused) term.focus();
    };
    let successor = null;
    if (prerendered) {
        // The circuit's first render replaces the prerendered markup, this terminal's element included. Its successor is
        // adopted in the same task as that render (a MutationObserver runs before the next event), so no key the student
        // types in between is lost; TerminalView's open() then finds the terminal already in its element.
        successor = new MutationObserver(() => {
            if (host.isConnected) return;
            const next = [...document.querySelectorAll('.terminal-view')].find((e) => e.dataset.node === node && e.dataset.terminal === terminal);
            if (next) { successor.disconnect(); moveTo(next); }
        });
        successor.observe(document.body, { childList: true, subtree: true });
    }

    const connection = await hub();
    let pending = 0, timer = 0, disposed = false, subscription = null;

    const acknowledge = () => {
        timer = 0;
        if (pending > 0) {
            const bytes = pending;
            pending = 0;
            channel.ack(connection, bytes).catch(() => { });
        }
    };

    const parsed = (bytes) => {
        pending += bytes;
        if (pending >= ACK_EVERY_BYTES) acknowledge();
        else if (!timer) timer = setTimeout(acknowledge, ACK_AFTER_MS);
    };

    const subscribe = () => {
        // xterm gets up to IN_XTERM_BYTES ahead of its parser (so it never waits for the next message); the rest waits
        // here, where a flush can still drop it.
        const waiting = [];
        let inXterm = 0;
        const feed = () => {
            while (inXterm < IN_XTERM_BYTES && waiting.length > 0) {
                const bytes = waiting.shift();
                inXterm += bytes.length;
                term.write(bytes, () => { inXterm -= bytes.length; parsed(bytes.length); feed(); });
            }
        };
        subscription = channel.output(connection).subscribe({
            next: (message) => {
                const bytes = decode(message);
                if (bytes.length === 0) {
                    parsed(waiting.splice(0).reduce((sum, dropped) => sum + dropped.length, 0));
                    host.dataset.flushes = String(Number(host.dataset.flushes ?? 0) + 1); // seen by the Ctrl-C test
                    return;
                }
                waiting.push(bytes);
                feed();
            },
            complete: () => { if (!disposed) term.write('\r\n\x1b[2m[the shell ended]\x1b[0m\r\n'); },
            error: (error) => { if (!disposed) term.write(`\r\n\x1b[31m[${error.message.replace(/^.*HubException: /, '')}]\x1b[0m\r\n`); },
        });
        channel.resize?.(connection, term.cols, term.rows).catch(() => { });
    };
    subscribe();
    // After a network loss the hub reconnects; the daemon replays the recent screen, so start from a clean terminal.
    connection.onreconnected(() => { if (!disposed) { term.reset(); subscribe(); } });

    // Ctrl-C must stay SIGINT, so copy and paste are Ctrl+Shift+C / Ctrl+Shift+V (as in GNOME Terminal);
    // plain Ctrl+V and the browser's paste also work (xterm.js handles the paste event itself).
    term.attachCustomKeyEventHandler((event) => {
        if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey) return true;
        if (event.code === 'KeyC' && term.hasSelection()) {
            navigator.clipboard?.writeText(term.getSelection()).catch(() => { });
            return false;
        }
        if (event.code === 'KeyV') {
            navigator.clipboard?.readText().then((text) => term.paste(text)).catch(() => { });
            return false;
        }
        return true;
    });
    // A refusal (a watch whose help was withdrawn meanwhile) is said in the terminal, once per refusal reason.
    let refused = '';
    const sent = (sending) => sending.then(() => { refused = ''; }).catch((error) => {
        const reason = String(error?.message ?? '').replace(/^.*HubException: /, '');
        if (channel.size && reason && reason !== refused) { refused = reason; term.write(`\r\n\x1b[33m[${reason}]\x1b[0m\r\n`); }
    });
    term.onData((data) => sent(channel.input(connection, data)));
    if (channel.inputBytes) term.onBinary((data) => sent(channel.inputBytes(connection, data)));
    if (channel.resize) term.onResize(({ cols, rows }) => channel.resize(connection, cols, rows).catch(() => { }));
    // A guided lab's Run button types its code into whichever terminal is showing (LabGuide.razor.js).
    const typed = (event) => {
        if (host.offsetParent === null || typeof event.detail !== 'string') return;
        channel.input(connection, event.detail).catch(() => { });
        term.focus();
    };
    if (channel.runButtons) document.addEventListener('containerlab:type', typed);

    const handle = {
        // A terminal the student switches to takes the focus; one that appears on its own (the page loading, the circuit
        // starting, both at moments the student does not see) takes it only if nothing else has it yet.
        show(takeFocus = true) {
            fit.fit();
            if (takeFocus || !document.activeElement || document.activeElement === document.body) term.focus();
            host.dataset.shown = 'true'; // the circuit has shown it (a test of the focus waits for this)
        },
        setFontSize(size) {
            term.options.fontSize = size;
            if (host.offsetParent !== null) fit.fit();
        },
        adopt: moveTo,
        /** A watch: whether the instructor's keys go to the student's terminal (the student accepted help). */
        setTyping(typing) {
            term.options.disableStdin = !typing;
            host.dataset.typing = String(typing);
            if (typing) term.focus();
        },
        dispose() {
            terminals.delete(handle);
            disposed = true;
            document.removeEventListener('containerlab:type', typed);
            observer.disconnect();
            successor?.disconnect();
            subscription?.dispose();
            term.dispose();
            if (terminals.size === 0 && early.size === 0 && opening === 0) releaseHub();
        },
    };
    terminals.add(handle);
    return handle;
}
