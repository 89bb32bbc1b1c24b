import { describe, expect, it, beforeEach } from 'vitest'
import { readFile, readdir, realpath, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { EventName, EventPayloads } from '../../common/api'
import { parseArgs } from '../../electron/services/call-schemas'
import { dispatchCall } from '../../electron/services/dispatch'
import { createExportCalls, loadExportLocations, locationsFile, type ExportCallDeps } from '../../electron/services/export-calls'
import { createFolioService, type HandlerDeps } from '../../electron/services/handlers'
import { makeBlog, tempDir } from './export-helpers'

/** Host stand-ins that record what the export calls asked for. */
function fakeHost(answers: (string | null)[]) {
  const log = { picked: [] as [string, boolean][], events: [] as EventPayloads['exportProgress'][], opened: [] as string[], shown: [] as string[] }
  const deps: ExportCallDeps = {
    async pickExportPath(defaultName, singleFile) {
      log.picked.push([defaultName, singleFile])
      return answers.shift() ?? null
    },
    emit<E extends EventName>(event: E, payload: EventPayloads[E]) {
      if (event === 'exportProgress') log.events.push(payload as EventPayloads['exportProgress'])
    },
    showItemInFolder: (path) => void log.shown.push(path),
    async openPath(path) {
      log.opened.push(path)
      return ''
    }
  }
  return { deps, log }
}

let blog: Awaited<ReturnType<typeof makeBlog>>
let out: string
beforeEach(async () => {
  blog = await makeBlog()
  out = await tempDir()
})

describe('exportHtml', () => {
  it('returns null and writes nothing when the dialog is cancelled', async () => {
    const { deps, log } = fakeHost([null])
    const calls = createExportCalls(deps, () => blog.posts)
    expect(await calls.exportHtml('recap.md', { singleFile: true })).toBeNull()
    expect(log.picked).toEqual([['recap.html', true]])
    expect(await readdir(out)).toEqual([])
  })

  it('exports to the picked page, reports progress and remembers the place per post and form', async () => {
    const target = join(out, 'lake.html')
    const { deps, log } = fakeHost([target, null, null])
    const dataDir = await tempDir()
    const calls = createExportCalls({ ...deps, dataDir }, () => blog.posts)
    const result = await calls.exportHtml('recap.md', { singleFile: false })
    expect(result).toEqual({ outPath: target, warnings: [] })
    expect((await readdir(out)).sort()).toEqual(['lake-images', 'lake.html'])
    expect(log.events.at(-1)).toMatchObject({ relPath: 'recap.md', done: 2, total: 2 })
    // Kept in the app's data folder, by the post's path: the blog folder gets nothing.
    expect(await loadExportLocations(locationsFile(dataDir, blog.posts))).toEqual({ [join(await realpath(blog.posts), 'recap.md')]: { folder: target } })
    expect(await readdir(blog.posts)).not.toContain('.folio')

    await calls.exportHtml('recap.md', { singleFile: false })
    await calls.exportHtml('recap.md', { singleFile: true })
    expect(log.picked.slice(1)).toEqual([
      [target, false],
      ['recap.html', true]
    ])
  })

  it('replaces a page the dialog confirmed, but not one it was not asked about', async () => {
    await writeFile(join(out, 'recap.html'), 'old')
    const { deps } = fakeHost([join(out, 'recap.html'), join(out, 'recap')])
    const calls = createExportCalls(deps, () => blog.posts)
    await calls.exportHtml('recap.md', { singleFile: true })
    expect(await readFile(join(out, 'recap.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/)

    await writeFile(join(out, 'recap.html'), 'old')
    // `recap` was confirmed; `recap.html` (with the extension added) was not.
    await expect(calls.exportHtml('recap.md', { singleFile: true })).rejects.toThrow(/already exists/)
    expect(await readFile(join(out, 'recap.html'), 'utf8')).toBe('old')
  })

  it('passes on the warnings of a post with refused images', async () => {
    const { deps } = fakeHost([join(out, 'evil.html')])
    const result = await createExportCalls(deps, () => blog.posts).exportHtml('evil.md', { singleFile: true })
    expect(result?.warnings.some((w) => w.includes('../../secret.png'))).toBe(true)
  })

  it('rejects paths that leave the opened folder before asking anything', () => {
    expect(() => parseArgs('exportHtml', ['../secret.md', { singleFile: true }])).toThrow(/relative to the opened folder/)
    expect(() => parseArgs('exportHtml', ['recap.md', { singleFile: true, maxImageWidth: 1 }])).toThrow()
  })
})

describe('openExport', () => {
  it('opens or shows only pages exported in this session', async () => {
    const target = join(out, 'recap.html')
    const { deps, log } = fakeHost([target])
    const calls = createExportCalls(deps, () => blog.posts)
    await expect(calls.openExport(target, 'browser')).rejects.toThrow(/exported in this session/)
    await expect(calls.openExport('/bin/sh', 'browser')).rejects.toThrow(/exported in this session/)
    await calls.exportHtml('recap.md', { singleFile: true })
    await calls.openExport(target, 'browser')
    await calls.openExport(target, 'folder')
    expect(log.opened).toEqual([target])
    expect(log.shown).toEqual([target])
  })
})

describe('the handler table', () => {
  it('wires exportHtml and openExport through the contract', async () => {
    const target = join(out, 'recap.html')
    const { deps: exportDeps, log } = fakeHost([target])
    const deps: HandlerDeps = {
      ...exportDeps,
      pickFolder: async () => null,
      pickImages: async () => [],
      trash: async () => undefined,
      openExternal: async () => undefined
    }
    const service = createFolioService(deps)
    try {
      await service.open(blog.posts)
      const reply = await dispatchCall(service.handlers, 'exportHtml', ['recap.md', { singleFile: false }])
      expect(reply).toEqual({ ok: true, value: { outPath: target, warnings: [] } })
      expect(await dispatchCall(service.handlers, 'openExport', [target, 'folder'])).toEqual({ ok: true, value: undefined })
      expect(log.shown).toEqual([target])
      const refused = await dispatchCall(service.handlers, 'exportHtml', ['../../secret.md', { singleFile: true }])
      expect(refused.ok).toBe(false)
    } finally {
      await service.dispose()
    }
  })
})
