// On a narrow screen the workspace shows one of its parts at a time (app.css): the terminal, the guide with the nodes,
// or the kernel panels, chosen with the tabs above them. Plain DOM on document-level listeners, no circuit: the tabs work
// from the prerendered page on, and across Blazor's re-renders (which leave attributes they did not render alone). The
// circuit's first render is not a re-render: it replaces the prerendered workspace, so a part chosen before the circuit
// came (a phone's student taps Kernel while it connects) is chosen again on the new element.
let installed = false;
let chosen = null;
let replaced = null;

export function init() {
    const parent = document.querySelector('.workspace')?.parentElement;
    chosen = null; // a new page (or an enhanced navigation to one) starts on the terminal
    replaced?.disconnect();
    replaced = new MutationObserver(() => {
        const fresh = parent.querySelector(':scope > .workspace');
        if (chosen && fresh && fresh.dataset.pane !== chosen) mark(fresh, chosen);
    });
    if (parent) replaced.observe(parent, { childList: true });
    if (installed) return;
    installed = true;
    document.addEventListener('click', (event) => {
        const tab = event.target.closest?.('.pane-tabs [data-pane-target]');
        if (tab) { show(tab.closest('.workspace'), tab.dataset.paneTarget); return; }
        const skip = event.target.closest?.('.workspace [data-skip-to]');
        if (skip) {
            show(skip.closest('.workspace'), 'kernel');
            document.getElementById(skip.dataset.skipTo)?.focus();
            return;
        }
        // A guide's link to a kernel panel (LabGuide.razor.js scrolls to it after this, in the bubbling phase).
        if (event.target.closest?.('.workspace a[href^="panel:"]')) show(event.target.closest('.workspace'), 'kernel');
    }, { capture: true });
    // A Run button types into the visible terminal only (TerminalView.razor.js): show it first.
    document.addEventListener('containerlab:type', () => show(document.querySelector('.workspace'), 'terminal'), { capture: true });
    // Arrow keys move between the tabs (the ARIA tabs pattern); Tab leaves the tab list.
    document.addEventListener('keydown', (event) => {
        const tab = event.target.closest?.('.pane-tabs [data-pane-target]');
        if (!tab || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
        const tabs = [...tab.parentElement.querySelectorAll('[data-pane-target]')];
        const next = tabs[(tabs.indexOf(tab) + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
        show(tab.closest('.workspace'), next.dataset.paneTarget);
        next.focus();
        event.preventDefault();
    });
}

function show(workspace, pane) {
    if (!workspace) return;
    chosen = pane;
    mark(workspace, pane);
}

function mark(workspace, pane) {
    workspace.dataset.pane = pane;
    for (const tab of workspace.querySelectorAll('.pane-tabs [data-pane-target]')) {
        const selected = tab.dataset.paneTarget === pane;
        tab.setAttribute('aria-selected', selected ? 'true' : 'false');
        tab.tabIndex = selected ? 0 : -1;
    }
}
