// The baseline's page: xterm.js on a raw WebSocket (binary output frames, binary keystrokes, "ack N" / "resize C R" text).
import { createTerminal, acknowledger } from '/terminal.js';

const query = new URLSearchParams(location.search);
const term = createTerminal(document.getElementById('terminal'), Number(query.get('cols') ?? 80), Number(query.get('rows') ?? 24));
const socket = new WebSocket(`ws://${location.host}/ws?sandbox=${encodeURIComponent(query.get('sandbox') ?? '')}`);
socket.binaryType = 'arraybuffer';
const parsed = acknowledger((bytes) => socket.send(`ack ${bytes}`));
const encoder = new TextEncoder();

socket.onopen = () => socket.send(`resize ${term.cols} ${term.rows}`);
socket.onmessage = (event) => {
    const bytes = new Uint8Array(event.data);
    term.write(bytes, () => parsed(bytes.length));
};
socket.onclose = () => term.write('\r\n[relay closed]\r\n');
term.onData((data) => socket.send(encoder.encode(data)));
term.onBinary((data) => socket.send(Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff)));
