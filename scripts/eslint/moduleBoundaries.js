import path from 'node:path';

/**
 * The server's module boundaries (DESIGN.md §2), as an ESLint rule:
 * - a file in `apps/server/src/modules/<a>/` imports another module `<b>` only through
 *   `modules/<b>/index.ts` (the specifier names the folder, or its `index`);
 * - nothing in `apps/server/src/platform/` imports from `modules/` at all.
 * A module's `testSupport` is the one other surface, and only test code may use it.
 * Specifiers are resolved against the importing file, so `../reports/release`, `../../modules/
 * reports/release` and `./../reports/release` are all the same deep import. Static imports,
 * re-exports and `import()` with a literal are checked; package imports are not this rule's.
 */

const SERVER_SRC = path.join('apps', 'server', 'src');

/** `modules/<name>/<rest>` or `platform/<rest>` of a path under the server's src, else null. */
function place(file) {
  const norm = path.normalize(file);
  const at = norm.lastIndexOf(`${SERVER_SRC}${path.sep}`);
  if (at < 0) return null;
  const parts = norm.slice(at + SERVER_SRC.length + 1).split(path.sep);
  if (parts[0] === 'modules' && parts.length >= 2)
    return {
      area: 'modules',
      module: parts[1],
      rest: parts.slice(2),
      root: path.join(norm.slice(0, at + SERVER_SRC.length), 'modules', parts[1]),
    };
  if (parts[0] === 'platform') return { area: 'platform', module: null, rest: parts.slice(1) };
  return { area: parts[0], module: null, rest: parts.slice(1) };
}

const isTestFile = (file) => /\.test\.tsx?$/.test(file) || /(^|[\\/])testSupport\.tsx?$/.test(file);

/** @type {import('eslint').Rule.RuleModule} */
export const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'A server module imports another module only through its index.ts; platform/ never imports modules/',
    },
    schema: [],
    messages: {
      deep: "'{{spec}}' reaches into module '{{target}}': import it from its index ('{{index}}').",
      platform: "platform/ never imports modules/ ('{{spec}}'): pass what it needs in instead.",
    },
  },
  create(context) {
    const file = context.filename;
    const from = place(file);
    if (!from || (from.area !== 'modules' && from.area !== 'platform')) return {};

    function check(node, spec) {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const to = place(path.resolve(path.dirname(file), spec));
      if (!to || to.area !== 'modules') return;
      if (from.area === 'platform') {
        context.report({ node, messageId: 'platform', data: { spec } });
        return;
      }
      if (to.module === from.module) return;
      const rest = to.rest.join('/').replace(/\.(js|ts)$/, '');
      if (rest === '' || rest === 'index') return;
      if (rest === 'testSupport' && isTestFile(file)) return;
      const index = path.relative(path.dirname(file), to.root);
      context.report({
        node,
        messageId: 'deep',
        data: { spec, target: to.module, index: index.split(path.sep).join('/') },
      });
    }

    const literal = (n) => (n && n.type === 'Literal' ? n.value : undefined);
    return {
      ImportDeclaration: (n) => check(n.source, literal(n.source)),
      ExportNamedDeclaration: (n) => n.source && check(n.source, literal(n.source)),
      ExportAllDeclaration: (n) => check(n.source, literal(n.source)),
      ImportExpression: (n) => check(n.source, literal(n.source)),
    };
  },
};

/** The local plugin that carries the rule, for `eslint.config.js`. */
export const telerad = { rules: { 'module-boundaries': moduleBoundaries } };
