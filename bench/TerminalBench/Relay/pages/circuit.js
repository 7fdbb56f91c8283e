// The circuit contender's terminal (CircuitTerminal.razor.cs calls open, then write/writeBytes per output message).
import { createTerminal, acknowledger, decode } from '/terminal.js';

export function open(element, dotnet, cols, rows) {
    const term = createTerminal(element, cols, rows);
    const parsed = acknowledger((bytes) => dotnet.invokeMethodAsync('Ack', bytes).catch(() => { }));
    term.onData((data) => dotnet.invokeMethodAsync('Input', data).catch(() => { }));
    return {
        write(base64) {
            const bytes = decode(base64);
            term.write(bytes, () => parsed(bytes.length));
        },
        writeBytes(bytes) {
            term.write(bytes, () => parsed(bytes.length));
        },
        dispose() { term.dispose(); },
    };
}
