import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, relative, resolve } from 'node:path'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const root = import.meta.dirname
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'))

// Layering (DESIGN.md), as allow-lists in the manner of VS Code's layering rule: each layer
// names the folders (or files, without extension) and the packages it may import; anything
// else fails the lint. `node:*` is every Node built-in, with or without the prefix.

/** Packages that run unchanged in Node and in the browser: all common/ may use besides itself. */
const environmentFree = [
  'diff', 'github-slugger', 'hast', 'hast-util-sanitize', 'hast-util-to-html', 'hast-util-to-string',
  // markdownlint picks its browser build (no fs) through its own `#node-imports` condition.
  'markdownlint', 'mdast', 'mdast-util-to-string', 'rehype-highlight', 'rehype-raw', 'rehype-sanitize',
  'rehype-stringify', 'remark-frontmatter', 'remark-gfm', 'remark-parse', 'remark-rehype', 'unified',
  'unist', 'unist-util-visit', 'unist-util-visit-parents', 'yaml', 'zod'
]
/** What the main-side services add: Node and the native or Node-only packages. */
const nodeSide = [...environmentFree, 'node:*', 'chokidar', 'heic-convert', 'iconv-lite', 'sharp', 'write-file-atomic']
/** The contract: all the preload may import besides electron. */
const contract = ['common/api']
/** Tests and tool configs may import every package the project declares (`@types/x` declares x). */
const declared = ['node:*', ...Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).map((name) => name.replace(/^@types\/(.+?)(__(.+))?$/, (_, a, __, b) => (b ? `@${a}/${b}` : a)))]

/** Each layer's allow-list; `files` are ESLint globs, later layers override earlier ones. */
const layers = {
  common: { files: ['common/**'], folders: ['common'], packages: environmentFree },
  main: { files: ['electron/**'], folders: ['electron', 'common'], packages: ['electron', 'node:*'] },
  services: { files: ['electron/services/**'], folders: ['electron/services', 'common'], packages: nodeSide },
  cli: { files: ['electron/cli/**'], folders: ['electron/cli', 'electron/services', 'common'], packages: nodeSide },
  preload: { files: ['electron/preload.ts'], folders: contract, packages: ['electron'] },
  renderer: {
    files: ['renderer/**'],
    folders: ['renderer', 'common'],
    packages: [
      ...environmentFree, 'react', 'react-dom', '@uiw/react-codemirror', '@lezer/highlight', '@codemirror/commands',
      '@codemirror/lang-markdown', '@codemirror/lang-yaml', '@codemirror/language', '@codemirror/language-data',
      '@codemirror/search', '@codemirror/state', '@codemirror/view'
    ]
  },
  // esbuild and builder-util come with vite and electron-builder; tests use their internals.
  tests: { files: ['tests/**'], folders: ['common', 'electron', 'renderer', 'tests', 'resources'], packages: [...declared, ...environmentFree, 'esbuild', 'builder-util'] },
  tools: { files: ['*.{js,mjs,ts}'], folders: ['.'], packages: declared }
}

/** The package an import names (`@scope/name`, `name`, or `node:x` for any built-in). */
function packageOf(spec) {
  const bare = spec.replace(/^node:/, '')
  const parts = bare.split('/')
  const name = bare.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
  return spec.startsWith('node:') || builtinModules.includes(name) ? `node:${name}` : name
}

/** Whether `spec`, imported from `file`, is inside the layer's allow-list. */
function allowed(layer, file, spec) {
  if (!spec.startsWith('.') && !spec.startsWith('/')) {
    const name = packageOf(spec)
    return layer.packages.includes(name) || (name.startsWith('node:') && layer.packages.includes('node:*'))
  }
  const target = relative(root, resolve(dirname(file), spec.replace(/\?.*$/, ''))).replace(/\.(d\.)?[cm]?[jt]sx?$/, '')
  if (target.startsWith('..')) return false
  return layer.folders.some((folder) => folder === '.' || target === folder || target.startsWith(`${folder}/`))
}

const layerRule = {
  meta: { type: 'problem', schema: [{ type: 'string' }], messages: {
    outside: "{{layer}} may not import '{{spec}}': it is outside the layer's allow-list in eslint.config.js.",
    none: 'This file is in no layer: add its folder to the layers in eslint.config.js.'
  } },
  create(context) {
    const name = context.options[0]
    const layer = layers[name]
    const check = (node) => {
      if (node?.type !== 'Literal' || typeof node.value !== 'string') return
      if (!allowed(layer, context.filename, node.value)) context.report({ node, messageId: 'outside', data: { layer: name, spec: node.value } })
    }
    if (!layer) return { Program: (node) => context.report({ node, messageId: 'none' }) }
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportType: (node) => check(node.argument?.literal ?? node.source),
      TSExternalModuleReference: (node) => check(node.expression),
      CallExpression: (node) => node.callee.type === 'Identifier' && node.callee.name === 'require' && check(node.arguments[0])
    }
  }
}

/** Globals of one environment, which code meant for the other (or both) must not use. */
const nodeGlobals = ['process', 'Buffer', 'require', 'global', '__dirname', '__filename', 'setImmediate']
const browserGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'self']

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'release/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { folio: { rules: { layer: layerRule } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'folio/layer': ['error', 'none']
    }
  },
  ...Object.entries(layers).map(([name, layer]) => ({ files: layer.files, rules: { 'folio/layer': ['error', name] } })),
  {
    // Typed linting: a promise nobody awaits loses its error. Files outside every tsconfig
    // (the .mjs scripts, this config) and declaration files (no code) are linted without
    // types; the latter also spares building tsconfig.common.json's program, common/ being in
    // tsconfig.node.json too (tsconfig.json lists it first).
    files: ['**/*.{ts,tsx}'],
    ignores: ['**/*.d.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // JSX handlers may return a promise: React ignores it as the DOM does, and the functions
      // the app passes (openPost, save) report their own errors. Everywhere else a promise
      // handed to a void callback (a dialog's onConfirm, an event listener) must be voided.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }]
    }
  },
  {
    files: ['common/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...nodeGlobals, ...browserGlobals] }
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, 'no-restricted-globals': ['error', ...nodeGlobals] }
  }
)
