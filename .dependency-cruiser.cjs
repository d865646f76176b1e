/**
 * The layers of showcart (see ARCHITECTURE.md "Runtime and show wiring"), checked in CI:
 *   config ← store ← core ← features ← http/app
 * adapters (bots/) know only the channel contract; media/ gets what it needs through its own
 * narrow interface (media/index.ts); orchestrator/shared/ is the small folder every layer may use.
 */
const SHARED = '^orchestrator/shared/';
const CONFIG = '^config/';
const STORE = '^orchestrator/store/';
const FEATURES = '^orchestrator/features/';
const TOP = '^orchestrator/(app|main|edge-main|check-config)\\.ts$|^orchestrator/(http|analytics|metrics)/';
const CORE = '^orchestrator/(?!(store|features|http|analytics|metrics|shared)/)(?!(app|main|edge-main|check-config)\\.ts$)';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one; break it with a contract both depend on.',
      from: { path: '^(bots|orchestrator|media|config)/' },
      to: { circular: true },
    },
    {
      name: 'config-is-the-base',
      severity: 'error',
      comment: 'The show file schema and loader depend on nothing of showcart.',
      from: { path: CONFIG },
      to: { path: '^(bots|orchestrator|media)/' },
    },
    {
      name: 'shared-stands-alone',
      severity: 'error',
      comment: 'Shared utilities (log, secrets, backoff, windows, time) are used by every layer and use none.',
      from: { path: SHARED },
      to: { path: '^(bots|media|config)/|^orchestrator/(?!shared/)' },
    },
    {
      name: 'store-below-core',
      severity: 'error',
      comment: 'The store knows its models and queries, not the services that use it.',
      from: { path: STORE },
      to: { path: '^(bots|media)/|^orchestrator/(?!(store|shared)/)(?!(chat-types|channel)\\.ts$)' },
    },
    {
      name: 'core-below-features',
      severity: 'error',
      comment: 'The core (bus, show, runtime, wiring, commerce, outbox, commands, events) never reaches up.',
      from: { path: CORE },
      to: { path: `${FEATURES}|${TOP}|^(bots|media)/` },
    },
    {
      name: 'features-through-services',
      severity: 'error',
      comment: 'Features use the core and its services, never the ORM, the HTTP layer, an adapter or media.',
      from: { path: FEATURES },
      to: {
        path: `${TOP}|^(bots|media)/|^orchestrator/store/(models|models-[a-z]+|database|migrate|write-queue|event-rows)\\.ts$|^orchestrator/store/(queries|migrations)/`,
      },
    },
    { name: 'features-no-sequelize', severity: 'error', from: { path: FEATURES }, to: { path: 'node_modules/sequelize/' } },
    {
      name: 'adapters-know-the-contract',
      severity: 'error',
      comment: 'A platform adapter knows its library and the channel contract, nothing about commerce or the core.',
      from: { path: '^bots/' },
      to: { path: `^orchestrator/(?!shared/)(?!(chat-types|channel)\\.ts$)|^media/` },
    },
    {
      name: 'media-is-narrow',
      severity: 'error',
      comment: 'media/ uses only shared utilities and its own config section.',
      from: { path: '^media/' },
      to: { path: '^(bots|orchestrator)/(?!shared/)|^orchestrator/(?!shared/)|^config/(?!schema/)' },
    },
    {
      name: 'media-through-its-index',
      severity: 'error',
      comment: 'The rest of showcart reaches media only through media/index.ts.',
      from: { path: '^(orchestrator|bots)/' },
      to: { path: '^media/(?!index\\.ts$)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|test|bench)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
