// @ts-check
// Stream targets with on/off switches, channel health, the outbox and the config error banner.
import { api, badge, countdown, el } from './api.js';
import { bitrateText, ingestFigures, keyframeWarning } from './stream-health.js';

/** @typedef {import('./api.js').AdminState} AdminState */

/**
 * One of the dashboard's elements; every id asked for is in dashboard/index.html.
 * @param {string} id
 */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @param {import('./api.js').ChannelState} s */
const channelText = (s) => {
  if (s.state === 'retrying') return `retrying in ${countdown(s.nextAttemptAt - Date.now())} (${s.lastError})`;
  if (s.state === 'disabled') return `disabled: ${s.reason}`;
  // Connected but unable to do part of its job (a Twitch bot that is not a moderator cannot delete or time out).
  if (s.state === 'connected' && s.warning) return `connected — ${s.warning}`;
  return s.state;
};

/**
 * What OBS sends, while it sends: the figures a platform would judge the stream by, and a warning
 * about the one they refuse (keyframes too far apart) before the seller finds out from a platform.
 * @param {import('./api.js').MediaStatus['ingest'] | undefined} ingest
 */
const ingestLines = (ingest) => {
  const state = el('li', { class: 'muted ingest', 'data-ingest': ingest?.state ?? 'unknown', text: `Ingest: ${ingest?.state ?? 'unknown'}` });
  if (!ingest?.live) return [state];
  const warning = keyframeWarning(ingest.keyframeIntervalMs);
  return [
    state,
    el('li', { class: 'ingest-figures', text: ingestFigures(ingest) }),
    ...(warning ? [el('li', { class: 'error', 'data-warning': 'keyframes', text: warning })] : []),
  ];
};

/** @param {(text: string, bad?: boolean) => void} notify */
export function statusPanels(notify) {
  /**
   * @param {string} target
   * @param {boolean} enabled
   */
  const toggle = async (target, enabled) => {
    try {
      await api(`/api/media/targets/${encodeURIComponent(target)}`, { enabled });
      notify(`${target} ${enabled ? 'on' : 'off'}`);
    } catch (err) {
      notify(`Switching ${target} failed: ${/** @type {Error} */ (err).message}`, true);
    }
  };

  return {
    /** @param {AdminState} s */
    state(s) {
      /** @type {Partial<AdminState['show']>} */
      const show = s.show ?? {};
      $('title').textContent = show.name ? `${show.name} · dashboard` : 'showcart dashboard';
      $('show-state').textContent = show.state === 'live' ? 'LIVE' : 'off air';
      $('show-state').className = `pill ${show.state ?? ''}`;

      const error = s.config?.lastError;
      const warnings = s.config?.warnings ?? [];
      $('config-error').hidden = !error && warnings.length === 0;
      // One problem per line (the banner keeps line breaks): a file with several mistakes reads as a list.
      $('config-error').textContent = error
        ? `The show file was not reloaded:\n${error}`
        : warnings.length > 0
          ? `Reloaded with warnings:\n${warnings.join('\n')}`
          : '';

      const targets = s.media?.targets ?? [];
      $('targets').replaceChildren(
        ...(s.media ? ingestLines(s.media.ingest) : [el('li', { class: 'muted', text: 'Streaming is off in this run.' })]),
        ...targets.map((t) =>
          el(
            'li',
            { class: `target ${t.state}`, 'data-target': t.name },
            el(
              'label',
              {},
              el('input', { type: 'checkbox', checked: t.enabled, onchange: (ev) => toggle(t.name, /** @type {HTMLInputElement} */ (ev.target).checked) }),
              ` ${t.name}`,
            ),
            el('span', { class: `state ${t.state}`, text: t.state }),
            el('span', { class: 'muted', text: t.state === 'live' ? `${bitrateText(t.bitrateKbps)} · up ${countdown(t.uptimeMs)}` : (t.lastError ?? '') }),
          ),
        ),
      );

      $('channels').replaceChildren(
        ...(s.channels ?? []).map((c) =>
          el(
            'li',
            { class: `channel ${c.status.state}`, 'data-channel': c.platform },
            badge(c.platform),
            el('span', { class: `state ${c.status.state}`, text: channelText(c.status) }),
            el('span', { class: 'muted', text: (c.rooms ?? []).join(', ') }),
          ),
        ),
        ...(s.skipped ?? []).map((c) =>
          el('li', { class: 'channel skipped' }, badge(c.platform), el('span', { class: 'muted', text: `skipped: ${c.reason}` })),
        ),
      );

      const outbox = Object.entries(s.outbox ?? {}).map(([platform, p]) => {
        const dropped = Object.values(p.dropped ?? {}).reduce((n, x) => n + x, 0);
        return `${platform}: ${p.sent} sent, ${p.queued} queued${dropped ? `, ${dropped} dropped` : ''}`;
      });
      $('outbox').textContent = outbox.length ? `Outbox — ${outbox.join(' · ')}` : '';
    },
  };
}
