// The prerendered dialog is open but not modal; showModal() makes it modal: focus moves to its autofocus element (Keep
// my session), the page behind is inert, and Escape closes it. Closing it in any way (Escape) leaves the session as it
// was and takes ?confirm= off the address, so a reload does not ask again.
export function showModal(dialog) {
    if (!dialog || dialog.matches(':modal')) return;
    dialog.close();
    dialog.addEventListener('close', () => history.replaceState(null, '', '/labs'), { once: true });
    dialog.showModal();
}
