// Architecture checks run by `npm run lint`. madge saw file cycles only; these rules
// also forbid folders that import each other (calls ↔ assignments through two
// different files is still a cycle between the two domains).
/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-file-cycles',
      severity: 'error',
      comment: 'A module must not import itself back through others.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment:
        'Folders form layers: a folder must not import a folder that imports it back. ' +
        'Work that spans domains goes in a folder above them (a command, a presenter), ' +
        'and wiring (socket handlers, routes) is registered from server/app.ts.',
      scope: 'folder',
      // Nothing is exempt. Each domain's answer schemas sit beside its routes or, where
      // the browser reads the same shape, in shared/ (see openapi-on-top below).
      from: {
        path: '^(server|client/src|shared|seeds)(/|$)',
      },
      to: { circular: true },
    },
    {
      name: 'call-and-assignment-storage-apart',
      severity: 'error',
      comment:
        'server/calls and server/assignments keep their own tables and do not import each ' +
        'other: what needs both (the call views, commands that change both, their routes) ' +
        'is server/dispatch, above them.',
      from: { path: '^server/(calls|assignments)/' },
      to: { path: '^server/(calls|assignments)/', pathNot: '^server/$1/' },
    },
    {
      name: 'openapi-on-top',
      severity: 'error',
      comment:
        "server/openapi builds the document from every route's describeRoute() " +
        '(server/http/route-docs.ts), so it sits above all the domains: only app.ts wires ' +
        'it in. Answer schemas live beside their routes or in shared/, never here.',
      from: { path: '^(server|shared|client/src|seeds)/', pathNot: '^server/(app\\.ts|openapi/)' },
      to: { path: '^server/openapi/' },
    },
    {
      name: 'shared-stands-alone',
      severity: 'error',
      comment:
        'shared/ is the vocabulary server and client both run: it imports neither of them, ' +
        'nor anything that only runs on Node.',
      from: { path: '^shared/' },
      to: { path: '^(server|client|seeds)/|^node:', dependencyTypesNot: ['npm'] },
    },
    {
      name: 'shared-no-node-builtins',
      severity: 'error',
      comment: 'shared/ runs in the browser too.',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'client-not-server',
      severity: 'error',
      comment:
        'The browser client runs shared/ code, never server/ code, not even its types: ' +
        'wire shapes live in shared/.',
      from: { path: '^client/src/' },
      to: { path: '^(server|seeds)/' },
    },
    {
      name: 'seeds-below-server',
      severity: 'error',
      comment: 'Seeds are data the database layer loads; they import nothing from server/.',
      from: { path: '^seeds/' },
      to: { path: '^server/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '(^|/)dist/', 'test/artifacts'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
