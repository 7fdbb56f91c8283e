// The browser's part of the chain: from the student's click (or submit) on an element marked data-chain-request to
// the moment the chain panel shows that request's answer, on the browser's own clock. The click is noted on the
// document in the capture phase, before Blazor sends it; the answer is the panel's data-trace changing, read on the
// next animation frame so that the drawing is in the time.
const pending = new Map(); // kind ("limits", "node") -> performance.now() of the click
let listening = false;

function note(event) {
    const marked = event.target instanceof Element ? event.target.closest('[data-chain-request]') : null;
    if (marked && !(marked instanceof HTMLButtonElement && marked.disabled)) {
        pending.set(marked.dataset.chainRequest, performance.now());
    }
}

export function measureBrowser(panel, dotnet) {
    if (!listening) {
        document.addEventListener('click', note, true);
        document.addEventListener('submit', note, true);
        listening = true;
    }
    panel.dataset.measuring = 'true'; // from now on a click is timed (a test waits for this)
    let seen = panel.dataset.trace ?? '';
    const observer = new MutationObserver(() => {
        if (!panel.isConnected) {
            observer.disconnect();
            return;
        }
        const trace = panel.dataset.trace ?? '';
        if (trace === seen || trace === '') {
            return;
        }
        seen = trace;
        const clicked = pending.get(panel.dataset.traceKind);
        if (clicked === undefined) {
            return; // not asked from this page (another tab of the session): nothing to time
        }
        pending.delete(panel.dataset.traceKind);
        requestAnimationFrame(() => {
            dotnet.invokeMethodAsync('BrowserMeasured', Number(trace), performance.now() - clicked).catch(() => { });
        });
    });
    observer.observe(panel, { attributes: true, attributeFilter: ['data-trace'] });
}
