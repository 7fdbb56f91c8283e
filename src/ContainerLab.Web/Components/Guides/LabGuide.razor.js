// Clicks inside a step's text: Run types the code into the visible terminal, Copy puts it on the clipboard, a
// panel: link scrolls the kernel panel it names into view and highlights it. The step's HTML comes from the server
// already escaped; nothing here evaluates it.
const PANELS = {
    namespaces: '.namespaces-panel', processes: '.processes-panel', cgroup: '.cgroup-panel',
    overlay: '.overlay-panel', startup: '.startup-panel', network: '.network-panel',
};

function pointAt(target) {
    const [panel, part] = target.split('/');
    const selector = PANELS[panel];
    if (!selector) return;
    let element = document.querySelector(selector);
    if (part && element) element = element.querySelector(`[data-kind="${CSS.escape(part)}"]`) ?? element;
    if (!element) return;
    element.scrollIntoView({ behavior: 'smooth', block: 'center' });
    element.classList.add('pointed-at');
    setTimeout(() => element.classList.remove('pointed-at'), 2500);
}

// The step's node first (a lab of several nodes: lab 7's VM step types into vm1's console), then the keystrokes: the
// terminal that is shown takes them (TerminalView.razor.js). Selecting is the node list's own button, so the workspace
// follows as if the student had clicked it; its terminal is shown once the circuit has rendered (at most 5 s here).
async function typeInto(node, text) {
    const shown = () => document.querySelector(`.terminal-view[data-node="${CSS.escape(node)}"]:not([hidden])`);
    if (node && !shown()) {
        document.querySelector(`.node-list li[data-node="${CSS.escape(node)}"] button.node`)?.click();
        for (let waited = 0; !shown() && waited < 5000; waited += 50)
            await new Promise(resolve => setTimeout(resolve, 50));
    }
    document.dispatchEvent(new CustomEvent('containerlab:type', { detail: text }));
}

// One listener on the document, for every guide this page shows now or later: installed as the page loads (App.razor),
// so a Run button works on the prerendered page too, not only once the circuit has rendered the guide and imported this
// module (a click in between did nothing). The guide calls it again after its first render; that adds nothing.
let attached = false;

export function attach() {
    if (attached) return;
    attached = true;
    document.addEventListener('click', (event) => {
        if (!event.target.closest?.('.lab-guide')) return;
        const button = event.target.closest('.code-block button');
        if (button) {
            const code = button.closest('.code-block').dataset.code ?? '';
            if (button.classList.contains('code-run')) {
                typeInto(button.closest('.lab-step')?.dataset.node, code.endsWith('\n') ? code : code + '\n');
            } else {
                navigator.clipboard?.writeText(code).then(() => {
                    button.textContent = 'Copied';
                    setTimeout(() => { button.textContent = 'Copy'; }, 1500);
                }).catch(() => { });
            }
            return;
        }
        const link = event.target.closest('a[href^="panel:"]');
        if (link) {
            event.preventDefault();
            pointAt(link.getAttribute('href').slice('panel:'.length));
        }
    });
}
