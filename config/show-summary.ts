import { isUnlimitedStock, type ShowConfig } from './schema/index.js';
import { natsForDisplay } from './schema/scale.js';

/** What a community manager wants to see before going live: what is for sale, when, and where. */
export function summarizeShow(config: ShowConfig, env: NodeJS.ProcessEnv = process.env): string {
  const currency = config.show.currency;
  const out: string[] = [`Show "${config.show.name}" (${config.show.id}), timezone ${config.show.timezone}${config.show.private ? ', private' : ''}`];

  out.push(`Products (${config.products.length}):`);
  for (const p of config.products) {
    const units = (n: number | undefined) => (n !== undefined && isUnlimitedStock(n) ? 'unlimited' : String(n));
    const stock = p.variants ? p.variants.map((v) => `${v.name}: ${units(v.stock)}`).join(', ') : units(p.stock);
    const cap = p.maxPerBuyer ? `, max ${p.maxPerBuyer} per buyer` : '';
    out.push(
      `  ${p.sku.padEnd(10)} ${p.title} — ${p.price.toFixed(2)} ${p.currency ?? currency}, stock ${stock}${cap}${config.featured === p.sku ? ' [featured]' : ''}`,
    );
  }

  out.push(`Schedule (${config.show.schedule.length}):`);
  for (const s of config.show.schedule) {
    const when = s.at ? `${s.at.replace('T', ' ')}` : `cron "${s.cron}"`;
    out.push(`  ${when}, ${Math.round(s.duration / 60_000)} min${s.title ? ` — ${s.title}` : ''}`);
  }

  out.push('Channels:');
  out.push(`  web        ${config.channels.web.enabled ? 'on' : 'off'}`);
  for (const platform of ['telegram', 'twitch', 'discord'] as const) {
    const block = config.channels[platform];
    if (!block) {
      out.push(`  ${platform.padEnd(10)} not configured`);
      continue;
    }
    const rooms = platform === 'telegram' ? config.channels.telegram!.chats.map((c) => c.name ?? c.id) : (block as { channels: string[] }).channels;
    const token = env[block.tokenEnv] ? 'token set' : `needs ${block.tokenEnv}`;
    out.push(`  ${platform.padEnd(10)} ${block.enabled ? 'on' : 'off'} (${rooms.join(', ')}; ${token})`);
  }

  const targets = config.media.targets;
  out.push(`Restream targets (${targets.length}): ${targets.map((t) => `${t.name}${t.enabled ? '' : ' (off)'}`).join(', ') || 'none'}`);
  const hls = config.media.hls;
  if (!hls.enabled) out.push('HLS: off');
  else {
    const s3 = hls.s3;
    const keys = s3 && [s3.accessKeyEnv, s3.secretKeyEnv].filter((name) => !env[name]);
    const copy = s3 ? `, copied to ${s3.endpoint} bucket ${s3.bucket} (${keys!.length === 0 ? 'keys set' : `needs ${keys!.join(' and ')}`})` : '';
    out.push(`HLS: ${hls.segmentSeconds} s segments${hls.publicUrl ? `, viewers via ${hls.publicUrl}` : ''}${copy}; player ${config.media.player}`);
  }
  const secret = env.SHOWCART_WEB_SECRET ? 'SHOWCART_WEB_SECRET set' : 'needs SHOWCART_WEB_SECRET, the same on the core and every edge';
  out.push(config.scale ? `Scale: web edges (npm run edge) over NATS at ${natsForDisplay(config.scale.nats)}; ${secret}` : 'Scale: one process');
  const { promotions: pr, engagement: en } = config;
  out.push(
    `Also: ${pr.codes.length} promo codes, ${pr.drops.length} drops, ${pr.flashSales.length} flash sales, ${pr.unlocks.length} unlocks, ` +
      `${en.polls.length} polls, ${en.faq.entries.length} FAQ entries, ${en.timers.length} timers`,
  );
  return out.join('\n');
}
