// The keys the tree handles itself (WAI-ARIA tree view pattern) must not also scroll the page. Blazor cannot decide
// preventDefault per key, so this listener does, for tree items only; it goes away with the element.
const handled = new Set([' ', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End']);

export function keepKeysInTree(tree) {
    tree?.addEventListener('keydown', event => {
        if (handled.has(event.key) && event.target.getAttribute('role') === 'treeitem') {
            event.preventDefault();
        }
    });
}
