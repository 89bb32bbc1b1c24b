import { resolve } from 'node:path'
import { build } from 'esbuild'
import { describe, expect, test } from 'vitest'

/**
 * The preload runs in every window before the page and bundles all it imports (a sandboxed
 * preload cannot require node_modules). It needs only names and the channel function, so
 * its import graph must hold the zod-free contract and nothing else: a validator pulled in
 * through the contract made it 184 kB once. Bundled here with esbuild, as electron-vite
 * bundles it (electron external, CommonJS, not minified).
 */
const root = resolve(import.meta.dirname, '../..')

async function bundlePreload() {
  const result = await build({
    entryPoints: [resolve(root, 'electron/preload.ts')],
    bundle: true,
    write: false,
    metafile: true,
    format: 'cjs',
    platform: 'node',
    external: ['electron'],
    logLevel: 'silent'
  })
  const output = result.outputFiles[0]!
  return { inputs: Object.keys(result.metafile.inputs), bytes: output.contents.byteLength, text: output.text }
}

describe('the preload bundle', () => {
  test('imports only electron and the contract: no zod, no package at all', async () => {
    const { inputs, text } = await bundlePreload()
    expect(inputs.filter((file) => file.includes('node_modules'))).toEqual([])
    expect(inputs.sort()).toEqual(['common/api.ts', 'electron/preload.ts'])
    expect(text).not.toMatch(/zod|ZodError/)
    expect(text).toContain('require("electron")')
  })

  test('stays under 5 kB', async () => {
    const { bytes } = await bundlePreload()
    expect(bytes).toBeGreaterThan(0)
    expect(bytes).toBeLessThan(5 * 1024)
  })
})
