import { stat } from 'node:fs/promises'
import { basename, relative, resolve, sep } from 'node:path'
import type { Diagnostic } from '../../common/api'
import { postPattern } from '../../common/posts'
import { checkPost, type Generator } from '../../common/check'
import { gatherPostFiles } from '../services/check-files'
import { findPostFiles } from '../services/posts-walk'
import { describeFsError, readText, UserError } from '../services/text-file'
import { isInside } from '../services/workspace'

const usage = `Usage: folio check <post.md|folder> [--json] [--generator ablog|jekyll|hugo]

Checks posts for broken and orphaned images, missing alt text, broken #links, an outdated
table of contents, garbled characters, front matter, heading structure, drafting notes and
markdown style. Exit status: 1 when any error is found, 0 otherwise, 2 on usage errors.
`

const generators: readonly Generator[] = ['auto', 'ablog', 'jekyll', 'hugo']

/** One checked post, as `--json` prints it. */
export interface CheckedPost {
  path: string
  diagnostics: Diagnostic[]
}

interface Args {
  target: string
  json: boolean
  generator: Generator
}

/** Parses the arguments; a string is a usage error to report. */
function parseArgs(argv: string[]): Args | string | 'help' {
  const positional: string[] = []
  let json = false
  let generator: Generator = 'auto'
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--help' || arg === '-h') return 'help'
    if (arg === '--json') json = true
    else if (arg === '--generator' || arg.startsWith('--generator=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i]
      if (!generators.includes(value as Generator)) return `--generator takes one of ${generators.join(', ')}`
      generator = value as Generator
    } else if (arg.startsWith('-')) return `unknown option ${arg}`
    else positional.push(arg)
  }
  if (positional.length !== 1) return positional.length ? 'give one post or folder' : 'which post or folder?'
  return { target: positional[0] ?? '', json, generator }
}

/** Reads, gathers file facts for, and checks one post; an unreadable post is one error. */
async function checkFile(file: string, root: string, generator: Generator): Promise<Diagnostic[]> {
  try {
    const { text } = await readText(file)
    const relPath = relative(root, file).split(sep).join('/') || basename(file)
    return checkPost({ text, relPath, files: await gatherPostFiles(file, text), options: { generator } })
  } catch (error) {
    const message = error instanceof UserError ? error.message : `Could not read the post: ${describeFsError(error)}`
    return [{ rule: 'read', severity: 'error', line: 1, message }]
  }
}

/** The path to show: relative to the working folder when inside it. */
const shown = (file: string): string => {
  const rel = relative(process.cwd(), file)
  return rel && isInside(process.cwd(), file) ? rel.split(sep).join('/') : file
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** `folio check <post.md|folder> [--json]`: lists each problem once; exit 1 on errors, 2 on usage errors. */
export async function runCheck(argv: string[]): Promise<number> {
  const args = parseArgs(argv)
  if (args === 'help') {
    process.stdout.write(usage)
    return 0
  }
  if (typeof args === 'string') {
    process.stderr.write(`folio check: ${args}\n${usage}`)
    return 2
  }
  const target = resolve(args.target)
  const info = await stat(target).catch(() => null)
  if (!info || (!info.isDirectory() && !(info.isFile() && postPattern.test(target)))) {
    process.stderr.write(`folio check: ${args.target} ${info ? 'is not a markdown post (.md) or a folder' : 'does not exist'}\n`)
    return 2
  }
  const files = info.isDirectory() ? await findPostFiles(target) : [target]
  const root = info.isDirectory() ? target : resolve(target, '..')
  const posts: CheckedPost[] = []
  for (const file of files) posts.push({ path: shown(file), diagnostics: await checkFile(file, root, args.generator) })

  const all = posts.flatMap((p) => p.diagnostics)
  const count = (severity: Diagnostic['severity']) => all.filter((d) => d.severity === severity).length
  const summary = { errors: count('error'), warnings: count('warning'), infos: count('info') }
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ posts, ...summary }, null, 2)}\n`)
  } else {
    for (const post of posts) {
      for (const d of post.diagnostics) process.stdout.write(`${post.path}:${d.line}  ${d.severity}  ${d.rule}  ${d.message}\n`)
    }
    const checked = plural(posts.length, 'post')
    process.stdout.write(
      all.length ? `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'note')} in ${checked}\n` : `No problems in ${checked}\n`
    )
  }
  return summary.errors > 0 ? 1 : 0
}
