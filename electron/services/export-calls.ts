import { readFile, mkdir } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { z } from 'zod'
import type { EventName, EventPayloads, Handlers } from '../../common/api'
import { baseName } from '../../common/posts'
import { exportPost } from './export'
import { shortenPath, withoutAbsolutePaths } from '../../common/errors'
import { UserError, writeAtomic } from './text-file'
import { resolveInside } from './workspace'

/** What the export calls need from the host (a subset of HandlerDeps). */
export interface ExportCallDeps {
  /** Asks where to save `<name>.html`; the host's dialog has confirmed replacing an existing file. */
  pickExportPath(defaultName: string, singleFile: boolean): Promise<string | null>
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void
  showItemInFolder?(path: string): void
  /** Opens a file with its default application; resolves to an error message, '' on success. */
  openPath?(path: string): Promise<string>
  resourcesDir?: string
  /** The app's data folder, where the last export location of each post is kept. */
  dataDir?: string
}

/** Last export location per post (by its absolute path) and form. */
const Locations = z.record(z.string(), z.object({ folder: z.string().optional(), singleFile: z.string().optional() }))
type Locations = z.infer<typeof Locations>

/**
 * Where the locations are kept: the app's data folder, so that exporting leaves nothing in
 * the user's blog (often a git repository); without one, `.folio/` in the opened folder.
 */
export const locationsFile = (dataDir: string | undefined, root: string) => (dataDir ? join(dataDir, 'exports.json') : join(root, '.folio', 'exports.json'))

/** Reads the remembered export locations; a missing or damaged file remembers nothing. */
export async function loadExportLocations(file: string): Promise<Locations> {
  try {
    return Locations.parse(JSON.parse(await readFile(file, 'utf8')))
  } catch {
    return {}
  }
}

async function rememberExportLocation(file: string, post: string, singleFile: boolean, outPath: string): Promise<void> {
  const locations = await loadExportLocations(file)
  locations[post] = { ...locations[post], [singleFile ? 'singleFile' : 'folder']: outPath }
  await mkdir(dirname(file), { recursive: true })
  await writeAtomic(file, Buffer.from(`${JSON.stringify(locations, null, 2)}\n`))
}

/**
 * The `exportHtml` and `openExport` calls. Both forms ask for the page's path (`<name>.html`);
 * the folder form puts the images in `<name>-images/` beside it, the way browsers save a
 * complete page. Only pages exported in this session can be opened or shown afterwards,
 * so the renderer can never make the main process open an arbitrary file.
 */
export function createExportCalls(deps: ExportCallDeps, requireRoot: () => string): Pick<Handlers, 'exportHtml' | 'openExport'> {
  const exported = new Set<string>()
  return {
    async exportHtml(relPath, options) {
      const root = requireRoot()
      const post = await resolveInside(root, relPath)
      const locations = locationsFile(deps.dataDir, root)
      const remembered = (await loadExportLocations(locations))[post]?.[options.singleFile ? 'singleFile' : 'folder']
      const picked = await deps.pickExportPath(remembered ?? `${baseName(relPath)}.html`, options.singleFile)
      if (!picked) return null
      const named = /\.html$/i.test(picked)
      const result = await exportPost(post, {
        singleFile: options.singleFile,
        outDir: dirname(picked),
        name: basename(picked).replace(/\.html$/i, ''),
        // The dialog confirmed replacing the file it was given, not one with `.html` added.
        overwrite: named,
        maxImageWidth: options.maxImageWidth,
        resourcesDir: deps.resourcesDir,
        onProgress: (progress) => deps.emit('exportProgress', { relPath, ...progress })
      })
      exported.add(result.outPath)
      // A read-only folder cannot remember the place; the export itself has succeeded.
      await rememberExportLocation(locations, post, options.singleFile, result.outPath).catch(() => undefined)
      return result
    },
    async openExport(outPath, how) {
      if (!exported.has(outPath)) throw new UserError('Only a page exported in this session can be opened from Folio.', 'invalid')
      if (how === 'folder') {
        if (!deps.showItemInFolder) throw new UserError('Showing files is not available here.')
        deps.showItemInFolder(outPath)
        return
      }
      if (!deps.openPath) throw new UserError('Opening files is not available here.')
      const problem = await deps.openPath(outPath)
      if (problem) throw new UserError(`Could not open ${shortenPath(basename(outPath))}: ${withoutAbsolutePaths(problem)}`)
    }
  }
}
