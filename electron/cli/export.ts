import { stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { exportClashes } from '../../common/export-names'
import { exportPost, type ExportOptions } from '../services/export'
import { UserError } from '../services/text-file'
import { listPosts } from '../services/workspace'

/** `folio export --help`. */
export const exportUsage = `Usage: folio export <post.md|folder> [options]

Exports a post, or every post in a folder (sub-folders included), to HTML.
Posts that would share a page (trip.md and trip.markdown, or names that differ
only in case or accents' Unicode form) are refused, never one written over another.

Options:
  --out DIR              Where to write (default: ./export). A folder keeps its
                         sub-folder layout below DIR.
  --single-file          One self-contained .html per post, images inlined;
                         default is <slug>.html plus a <slug>-images/ folder
  --max-image-width PX   With --single-file: downscale wider images to PX
  --theme FILE           Use this CSS instead of the bundled theme
  --force                Replace existing exports
  --strict               Treat warnings (missing images, broken #links) as errors
  -h, --help             Show this help

Exit codes: 0 exported, 1 an export failed (or warned, with --strict), 2 usage error.
`

/** Exit codes a CI job can rely on. */
export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const

interface Output {
  out(line: string): void
  err(line: string): void
}

const stdio: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`)
}

/**
 * `folio export` — exports posts with the same pipeline and service as the app. Each post
 * is reported on its own line; warnings and errors go to stderr, prefixed with the post.
 */
export async function runExport(argv: string[], io: Output = stdio): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        'single-file': { type: 'boolean', default: false },
        'max-image-width': { type: 'string' },
        theme: { type: 'string' },
        force: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
      }
    })
  } catch (error) {
    return usageError(io, error instanceof Error ? error.message : String(error))
  }
  const { values, positionals } = parsed
  if (values.help) {
    io.out(exportUsage.trimEnd())
    return exitCodes.ok
  }
  if (positionals.length !== 1) return usageError(io, positionals.length ? 'give exactly one post or folder' : 'missing <post.md|folder>')
  const maxImageWidth = values['max-image-width'] === undefined ? undefined : Number(values['max-image-width'])
  if (maxImageWidth !== undefined && (!Number.isInteger(maxImageWidth) || maxImageWidth < 16)) return usageError(io, '--max-image-width must be a whole number of pixels (16 or more)')
  if (maxImageWidth !== undefined && !values['single-file']) return usageError(io, '--max-image-width only applies with --single-file')

  const input = resolve(positionals[0]!)
  const info = await stat(input).catch(() => null)
  if (!info) return usageError(io, `${positionals[0]} does not exist`)
  if (info.isFile() && !/\.(md|markdown)$/i.test(input)) return usageError(io, `${positionals[0]} is not a markdown post (.md)`)
  if (values.theme && !(await stat(values.theme).then((s) => s.isFile(), () => false))) return usageError(io, `theme ${values.theme} is not a file`)

  const outDir = resolve(values.out ?? 'export')
  const options: Omit<ExportOptions, 'outDir'> = {
    singleFile: values['single-file'],
    overwrite: values.force,
    themeFile: values.theme,
    maxImageWidth
  }
  // A folder's posts keep their sub-folder below --out, so two `index.md` never collide.
  const jobs: Job[] = info.isFile() ? [{ post: input, label: positionals[0]!, outDir }] : await folderJobs(input, outDir)
  if (!jobs.length) {
    io.err(`folio export: no posts in ${positionals[0]}`)
    return exitCodes.failed
  }

  let failed = 0
  let warned = 0
  for (const job of jobs) {
    if (job.refused) {
      failed++
      io.err(`${job.label}: error: ${job.refused}`)
      continue
    }
    try {
      const result = await exportPost(job.post, { ...options, outDir: job.outDir })
      for (const warning of result.warnings) io.err(`${job.label}: warning: ${warning}`)
      warned += result.warnings.length
      io.out(`exported ${job.label} -> ${result.outPath}`)
    } catch (error) {
      failed++
      const message = error instanceof UserError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)
      io.err(`${job.label}: error: ${message}`)
    }
  }
  io.out(`folio export: ${jobs.length - failed} exported, ${failed} failed, ${warned} warning${warned === 1 ? '' : 's'}`)
  if (failed) return exitCodes.failed
  return values.strict && warned ? exitCodes.failed : exitCodes.ok
}

interface Job {
  post: string
  label: string
  outDir: string
  /** Why the post is not exported: its page would replace another's files. */
  refused?: string
}

/** A folder's posts; those that map to one page (or into another page's images) are refused, not raced. */
async function folderJobs(folder: string, outDir: string): Promise<Job[]> {
  const posts = await listPosts(folder)
  const clashes = exportClashes(posts.map((p) => p.relPath))
  return posts.map((p) => ({ post: join(folder, p.relPath), label: p.relPath, outDir: join(outDir, dirname(p.relPath)), refused: clashes.get(p.relPath) }))
}

function usageError(io: Output, message: string): number {
  io.err(`folio export: ${message}`)
  io.err('Run `folio export --help` for usage.')
  return exitCodes.usage
}
