import { rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { ESLint } from 'eslint'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The layering rules (eslint.config.js, tsconfig.common.json) checked on files planted in the
// tree: each violation must fail with exactly its rule, and a legal file per layer must pass.
// The files sit where the real ones do, since the rules and the TypeScript projects go by path.

const root = resolve(import.meta.dirname, '../..')

interface Probe {
  path: string
  text: string
  /** The failures expected, as `line:ruleId`; none for a legal file. */
  fails: string[]
}

const probe = (path: string, fails: string[], ...lines: string[]): Probe => ({ path, text: `${lines.join('\n')}\n`, fails })

const violations: Record<string, Probe> = {
  'common imports a Node-only package': probe('common/__lint_probe_sharp.ts', ['1:folio/layer'], "import sharp from 'sharp'", 'export const probe = sharp'),
  'common imports a Node built-in, unprefixed': probe('common/__lint_probe_events.ts', ['1:folio/layer'], "import { EventEmitter } from 'events'", 'export const probe = EventEmitter'),
  'common imports the main side': probe('common/check/__lint_probe_up.ts', ['1:folio/layer'], "import { serveWorkspaceFile } from '../../electron/services/files'", 'export const probe = serveWorkspaceFile'),
  'common uses a browser global': probe('common/__lint_probe_global.ts', ['1:no-restricted-globals'], 'export const probe = localStorage.getItem("x")'),
  'services import electron': probe('electron/services/__lint_probe_electron.ts', ['1:folio/layer'], "import { app } from 'electron'", 'export const probe = app'),
  'the CLI imports electron': probe('electron/cli/__lint_probe_electron.ts', ['1:folio/layer'], "import { app } from 'electron'", 'export const probe = app'),
  'the CLI imports the renderer': probe('electron/cli/__lint_probe_renderer.ts', ['1:folio/layer'], "export { textStats } from '../../renderer/src/stats'"),
  'main imports the renderer': probe('electron/__lint_probe_renderer.ts', ['1:folio/layer'], "const probe = import('../renderer/src/stats')", 'export { probe }'),
  'the renderer imports Node': probe('renderer/src/__lint_probe_node.ts', ['1:folio/layer'], "import { join } from 'node:path'", 'export const probe = join'),
  'the renderer imports a service': probe('renderer/src/__lint_probe_service.ts', ['1:folio/layer'], "import type { HandlerDeps } from '../../electron/services/handlers'", 'export type Probe = HandlerDeps'),
  'the renderer uses a Node global': probe('renderer/src/__lint_probe_global.ts', ['1:no-restricted-globals'], 'export const probe = process.platform'),
  'tests import an undeclared package': probe('tests/unit/__lint_probe_package.ts', ['1:folio/layer'], "import pad from 'left-pad'", 'export const probe = pad'),
  'a promise nobody awaits': probe('electron/services/__lint_probe_floating.ts', ['2:@typescript-eslint/no-floating-promises'], 'export function probe(write: () => Promise<void>) {', '  write()', '}'),
  'a promise handed to a void callback': probe('renderer/src/__lint_probe_misused.ts', ['1:@typescript-eslint/no-misused-promises'], "window.addEventListener('focus', async () => undefined)")
}

const legal: Record<string, Probe> = {
  common: probe('common/__lint_probe_legal.ts', [], "import { unified } from 'unified'", "import { parse } from 'yaml'", "import { encodePath } from './links'", 'export const probe = [unified, parse, encodePath, structuredClone({}), new TextEncoder()]'),
  services: probe('electron/services/__lint_probe_legal.ts', [], "import { readFile } from 'node:fs/promises'", "import sharp from 'sharp'", "import { headingSlug } from '../../common/heading-id'", 'export const probe = [readFile, sharp, headingSlug]'),
  cli: probe('electron/cli/__lint_probe_legal.ts', [], "import { parseArgs } from 'node:util'", "import { serveWorkspaceFile } from '../services/files'", 'export const probe = [parseArgs, serveWorkspaceFile]'),
  main: probe('electron/__lint_probe_legal.ts', [], "import { app } from 'electron'", "import { join } from 'node:path'", "import { serveWorkspaceFile } from './services/files'", 'export const probe = [app, join, serveWorkspaceFile]'),
  renderer: probe(
    'renderer/src/__lint_probe_legal.tsx',
    [],
    "import { useState } from 'react'",
    "import { EditorState } from '@codemirror/state'",
    "import { encodePath } from '../../common/links'",
    'export function Probe({ save }: { save(): Promise<void> }) {',
    '  const [state] = useState(() => EditorState.create({ doc: encodePath("a b") }))',
    '  // Fire and forget on purpose: a JSX handler may return a promise.',
    '  return <button onClick={() => save()}>{state.doc.length}</button>',
    '}'
  ),
  tests: probe('tests/unit/__lint_probe_legal.ts', [], "import { expect } from 'vitest'", "import { readFile } from 'node:fs/promises'", "import { headingSlug } from '../../common/heading-id'", 'export const probe = [expect, readFile, headingSlug]')
}

const planted = [...Object.values(violations), ...Object.values(legal)]
const results = new Map<string, string[]>()
const failures = (messages: ESLint.LintResult['messages']) => messages.map((m) => `${m.line}:${m.ruleId ?? m.message}`)

beforeAll(async () => {
  await Promise.all(planted.map((p) => writeFile(join(root, p.path), p.text)))
  const eslint = new ESLint({ cwd: root })
  for (const result of await eslint.lintFiles(planted.map((p) => p.path))) results.set(result.filePath, failures(result.messages))
  // The preload is one file: its violation is linted as text in its place, not written there.
  const preload = 'electron/preload.ts'
  const [outside] = await eslint.lintText("import { readFileSync } from 'node:fs'\nimport { renderMarkdown } from '../common/markdown/pipeline'\nexport const probe = [readFileSync, renderMarkdown]\n", { filePath: preload })
  results.set('preload-violation', failures(outside?.messages ?? []))
  const [real] = await eslint.lintFiles([preload])
  results.set('preload-legal', failures(real?.messages ?? []))
  const [noLayer] = await eslint.lintText('export const probe = 1\n', { filePath: 'docs/__lint_probe.mjs' })
  results.set('no-layer', failures(noLayer?.messages ?? []))
}, 600_000)

afterAll(() => Promise.all(planted.map((p) => rm(join(root, p.path), { force: true }))))

describe('lint: each planted violation fails with its rule', () => {
  for (const [what, p] of Object.entries(violations)) it(what, () => expect(results.get(join(root, p.path))).toEqual(p.fails))
  it('the preload imports node:fs and a part of common/ that is not the contract', () =>
    expect(results.get('preload-violation')).toEqual(['1:folio/layer', '2:folio/layer']))
  it('a file in no layer', () => expect(results.get('no-layer')).toEqual(['1:folio/layer']))
})

describe('lint: a legal file of each layer passes', () => {
  for (const [layer, p] of Object.entries(legal)) it(layer, () => expect(results.get(join(root, p.path))).toEqual([]))
  it('preload (the real one)', () => expect(results.get('preload-legal')).toEqual([]))
})

describe('tsconfig.common.json: common/ has neither DOM nor Node globals', () => {
  const file = join(root, 'common/__tsc_probe.ts')
  const compile = async (text: string): Promise<string[]> => {
    await writeFile(file, text)
    try {
      const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.common.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })
      if (!config) throw new Error('tsconfig.common.json does not parse')
      // Every common/ file is in the program, so a dependency's types that pull in the DOM show
      // here; not the lint probes above (the one importing sharp brings Node's types with it).
      const rootNames = [...config.fileNames.filter((f) => f !== file && !f.includes('__lint_probe')), file]
      const program = ts.createProgram({ rootNames, options: { ...config.options, noEmit: true } })
      return ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
    } finally {
      await rm(file, { force: true })
    }
  }

  it('fails on a global of only one environment', async () => {
    const errors = await compile('export const probe = [document.title, navigator.language, localStorage, process.env, Buffer.from("")]\n')
    expect(errors.map((e) => e.match(/Cannot find name '(\w+)'/)?.[1])).toEqual(['document', 'navigator', 'localStorage', 'process', 'Buffer'])
  })

  it('compiles the globals both environments share', async () => {
    expect(await compile('export const probe = [structuredClone({ a: 1 }), new TextDecoder("utf-8", { fatal: true }).decode(new TextEncoder().encode("é"))]\n')).toEqual([])
  })
}, 300_000)
