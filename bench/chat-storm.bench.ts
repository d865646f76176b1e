import { fmt, type BenchResult } from './measure.js';
import { StormRig, type StepResult } from './storm-driver.js';

const RATES = [2_000, 5_000, 10_000, 20_000];
const STEP_SECONDS = 4;
/** Distinct viewers per platform; all of them have chatted once before the storm (known viewers). */
const VIEWERS = 1_000;

/**
 * Chat storm: the fakes deliver N lines/s spread over Telegram, Twitch and Discord (plain chat,
 * !vote, the unlock keyword, !buy, spam) to the real telegraf, tmi.js and discord.js clients,
 * first inside showcart, then bare (no showcart logic) as the floor. A step is sustained when the
 * host finished with every line within a second or so of the last send.
 */
export async function benchChatStorm(): Promise<BenchResult> {
  const showcart = await run('storm-host.ts', 'done');
  const floor = await run('floor-host.ts', 'arrived');
  // The step past saturation shows the capacity: its lines took longer than the sending to finish.
  const best = (steps: StepResult[]) => Math.max(...steps.map((s) => s.throughput));
  const showcartBest = best(showcart);
  const floorBest = best(floor);
  const lines = [
    `${VIEWERS * 3} known viewers; mix 60% chat, 15% !vote, 10% unlock keyword, 5% !buy, 10% spam; ${STEP_SECONDS} s per step`,
    'offered/s  sent/s   done  showcart/s  fake→done p50/p99 ms  fake→outbox p50/p99 ms  fake→other fake p50/p99 ms (n)  CPU %  RSS MB │ floor/s',
  ];
  showcart.forEach((s, i) => {
    const f = floor[i]!;
    lines.push(
      `${fmt(s.offered).padStart(9)}  ${fmt(s.sentRate).padStart(6)}  ${((s.processed / s.sent) * 100).toFixed(0).padStart(4)}%  ${fmt(s.throughput).padStart(10)}  ` +
        `${`${fmt(s.toDone.p50, 1)} / ${fmt(s.toDone.p99, 1)}`.padStart(19)}  ${`${fmt(s.toOutbox.p50, 1)} / ${fmt(s.toOutbox.p99, 1)}`.padStart(21)}  ` +
        `${`${fmt(s.toOtherPlatform.p50)} / ${fmt(s.toOtherPlatform.p99)} (${s.toOtherPlatform.n})`.padStart(30)}  ${fmt(s.cpuPercent).padStart(5)}  ${fmt(s.rssMb).padStart(6)} │ ${fmt(f.throughput)} (${((f.processed / f.sent) * 100).toFixed(0)}%, CPU ${fmt(f.cpuPercent)}%)`,
    );
  });
  lines.push(`peak throughput: showcart ${fmt(showcartBest)} lines/s, bare libraries ${fmt(floorBest)} lines/s → ratio ${fmt(showcartBest / floorBest, 2)} (targets: ≥ 20,000/s, ≥ 0.5)`);
  return { lines, figures: { viewersPerPlatform: VIEWERS, stepSeconds: STEP_SECONDS, showcart, floor, bestSustained: showcartBest, floorBestSustained: floorBest, ratio: showcartBest / floorBest } };
}

async function run(host: 'storm-host.ts' | 'floor-host.ts', finished: 'done' | 'arrived'): Promise<StepResult[]> {
  const rig = new StormRig();
  try {
    // SHOWCART_STORM_PROFILE=dir writes a --cpu-prof profile of the host process there.
    const profile = process.env.SHOWCART_STORM_PROFILE;
    await rig.start(host, profile ? { execArgv: ['--cpu-prof', `--cpu-prof-dir=${profile}`] } : {});
    // Every viewer says hello first, so the storm meets known viewers (their first line is a database write).
    await rig.step(2_000, (VIEWERS * 3) / 2_000, VIEWERS, finished);
    const steps: StepResult[] = [];
    for (const rate of RATES) {
      const step = await rig.step(rate, STEP_SECONDS, VIEWERS, finished);
      steps.push(step);
      // Past saturation the backlog only grows; one step beyond it is enough to show it.
      if (step.processed < step.sent * 0.99 || step.throughput < rate * 0.8) break;
    }
    return steps;
  } finally {
    await rig.stop();
  }
}
