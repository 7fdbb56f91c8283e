// bench/start's baseline page: xterm.js loaded with the page; Start creates a node (POST /start) and attaches it over a
// raw WebSocket. The least a Start button can do: one request, one socket, no navigation.
import { createTerminal, acknowledger } from '/terminal.js';

const button = document.getElementById('start');
button.addEventListener('click', async () => {
    button.disabled = true;
    const response = await fetch('/start', { method: 'POST' });
    const sandbox = await response.text();
    const term = createTerminal(document.getElementById('terminal'), 113, 45);
    const socket = new WebSocket(`ws://${location.host}/ws?sandbox=${encodeURIComponent(sandbox)}`);
    socket.binaryType = 'arraybuffer';
    const parsed = acknowledger((bytes) => socket.send(`ack ${bytes}`));
    const encoder = new TextEncoder();
    socket.onopen = () => socket.send(`resize ${term.cols} ${term.rows}`);
    socket.onmessage = (event) => {
        const bytes = new Uint8Array(event.data);
        term.write(bytes, () => parsed(bytes.length));
    };
    term.onData((data) => socket.send(encoder.encode(data)));
});
window.__startReady = true;
