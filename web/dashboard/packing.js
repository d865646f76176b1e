// @ts-check
// The packing list's Print button: a file of its own, as the page's CSP allows no inline script.
document.getElementById('print')?.addEventListener('click', () => window.print());
