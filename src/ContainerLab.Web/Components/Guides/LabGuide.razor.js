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

export function attach(root) {
    root.addEventListener('click', (event) => {
        const button = event.target.closest('.code-block button');
        if (button) {
            const code = button.closest('.code-block').dataset.code ?? '';
            if (button.classList.contains('code-run')) {
                document.dispatchEvent(new CustomEvent('containerlab:type', { detail: code.endsWith('\n') ? code : code + '\n' }));
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
