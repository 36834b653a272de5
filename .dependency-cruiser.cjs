// Import directions: the architecture, checked. Dependencies point one way:
//   protocol <- config <- storage <- realtime <- community <- moderation <- {media, inbox} <- hub
// web-components sit apart and may use only protocol and the client SDK (realtime/client).
// See docs/architecture.md. `npm run deps:check` runs this; `npm test` runs that first.
const SERVER = '^(config|storage|realtime|community|media|moderation|inbox|hub)/';
const TOOLS = '^(test|load|scripts)/';

module.exports = {
  forbidden: [
    {
      name: 'protocol-is-standalone',
      comment: 'protocol/ holds wire types shared with browsers: no imports outside it, no packages.',
      severity: 'error',
      from: { path: '^protocol/' },
      to: { pathNot: '^protocol/' },
    },
    {
      name: 'config-depends-on-nothing-of-ours',
      severity: 'error',
      from: { path: '^config/' },
      to: { path: '^(storage|realtime|community|media|moderation|inbox|hub|web-components)/' },
    },
    {
      name: 'storage-below-the-domain',
      comment: 'storage/ implements persistence; it never knows the gateway or the features.',
      severity: 'error',
      from: { path: '^storage/' },
      to: { path: '^(realtime|community|media|moderation|inbox|hub|web-components)/' },
    },
    {
      name: 'realtime-below-the-features',
      severity: 'error',
      from: { path: '^realtime/' },
      to: { path: '^(community|media|moderation|inbox|hub|web-components)/' },
    },
    {
      name: 'community-below-the-features',
      comment: 'community/ is the chat domain: moderation, media and inbox build on it, not it on them.',
      severity: 'error',
      from: { path: '^community/' },
      to: { path: '^(media|moderation|inbox|hub|web-components)/' },
    },
    {
      name: 'client-sdk-is-browser-safe',
      comment: 'realtime/client runs in browsers: only protocol/ and itself.',
      severity: 'error',
      from: { path: '^realtime/client/', pathNot: '(\\.test\\.ts$|^realtime/client/testing/)' },
      to: { pathNot: '^(realtime/client|protocol)/' },
    },
    {
      name: 'moderation-below-media-and-inbox',
      severity: 'error',
      from: { path: '^moderation/' },
      to: { path: '^(media|inbox|hub|web-components)/' },
    },
    {
      name: 'features-below-the-hub',
      severity: 'error',
      from: { path: '^(media|inbox)/' },
      to: { path: '^(hub|web-components)/' },
    },
    {
      name: 'widgets-never-import-server-code',
      severity: 'error',
      from: { path: '^web-components/' },
      to: { path: SERVER, pathNot: '^realtime/client/' },
    },
    {
      name: 'nothing-imports-tools',
      comment: 'test/, load/ and scripts/ use the product; the product never uses them.',
      severity: 'error',
      from: { pathNot: `${TOOLS}|\\.test\\.ts$` },
      to: { path: TOOLS },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-dev-deps-in-product',
      severity: 'error',
      from: { path: SERVER, pathNot: '(\\.test\\.ts|\\.contract\\.ts)$' },
      to: { dependencyTypes: ['npm-dev'], pathNot: 'node_modules/(@types)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|\\.data|dist)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.json'],
    },
    moduleSystems: ['es6', 'cjs'],
  },
};
