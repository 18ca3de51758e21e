// The layering rules of the house (README: 结构与改动指南), checked by `npm run boundaries` as part of `npm test`.
// Dependencies point inward: transports, jobs and the CLI call handlers; handlers use domain, db, feishu and cards;
// domain is pure. Each rule says what it keeps true; a violation prints the rule's name and the offending import.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ is the rules of the trade: it imports nothing of ours outside domain/, and no Node built-ins.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/domain/', '^node_modules/'] },
    },
    {
      name: 'domain-no-node-builtins',
      comment: 'domain/ runs anywhere: no fs, no crypto, no process.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'handlers-not-transport',
      comment: 'A handler is called the same way by the webhook, the long connection, jobs and the CLI: it never imports a transport.',
      severity: 'error',
      from: { path: '^src/handlers/' },
      to: { path: '^src/transport/' },
    },
    {
      name: 'db-not-features',
      comment: 'db/ is storage: it knows domain types, never the features that use it.',
      severity: 'error',
      from: { path: '^src/db/' },
      to: { path: '^src/', pathNot: ['^src/db/', '^src/domain/'] },
    },
    {
      name: 'cards-are-views',
      comment: 'cards/ turn a view model into card JSON: they use domain types and each other, nothing that stores or sends.',
      severity: 'error',
      from: { path: '^cards/' },
      to: { path: '^src/', pathNot: ['^src/domain/'] },
    },
    {
      name: 'migrations-frozen',
      comment: 'A migration is frozen in time (Kysely<any>): it never imports application code, which will change after it.',
      severity: 'error',
      from: { path: '^migrations/' },
      to: { path: '^(src|cards)/' },
    },
    {
      name: 'bulletin-not-handlers-or-transport',
      comment: 'The bulletin is a feature beside the handlers, not on top of them: shared pieces live in domain/, db/ or cards/.',
      severity: 'error',
      from: { path: '^src/bulletin/' },
      to: { path: '^src/(handlers|transport)/' },
    },
    {
      name: 'nothing-imports-the-cli',
      comment: 'The CLI is an entry point: the program never depends on it.',
      severity: 'error',
      from: { path: '^(src|cards)/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'test-double-stays-out',
      comment: 'The Feishu test double is for tests, the sandbox and benchmarks; the bot proper never imports it.',
      severity: 'error',
      from: { path: '^(src|cards)/', pathNot: ['^src/feishu-double/', '^src/sandbox/', '^src/main\\.ts$', '^src/startup\\.ts$'] },
      to: { path: '^src/feishu-double/' },
    },
    {
      name: 'no-cycles',
      comment: 'An import cycle makes load order matter and every file in it changes together.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
