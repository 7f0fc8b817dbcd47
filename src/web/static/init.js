// Progressive enhancement only: every page works without this file.
import { initAll } from '/govuk/govuk-frontend.min.js';
import { initAll as initMoj } from '/moj/moj-frontend.min.js';

initAll();
initMoj();

// A long job's page (an SSDA903 check or import) shows its progress without reloading, and
// reloads once the job is done. Without JavaScript the page has a link to refresh it.
for (const panel of document.querySelectorAll('[data-poll-url]')) {
  const text = panel.querySelector('[data-progress-text]');
  const poll = async () => {
    try {
      const response = await fetch(panel.dataset.pollUrl, { headers: { accept: 'application/json' } });
      if (!response.ok) return;
      const state = await response.json();
      if (state.status !== 'running') return window.location.reload();
      if (state.text && text) text.textContent = state.text;
    } catch {
      // A missed poll is retried on the next tick.
    }
    setTimeout(poll, 1500);
  };
  setTimeout(poll, 1500);
}
