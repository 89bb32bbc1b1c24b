import { runCheck } from './check'
import { runExport } from './export'

const usage = `Usage: folio <command> [options]

Commands:
  export <post.md|folder> [--out DIR] [--single-file] [--theme FILE] [--force] [--strict]
  check <post.md|folder> [--json] [--generator ablog|jekyll|hugo]

Run \`folio <command> --help\` for a command's options.
`

/** `folio` — Folio's command line, plain Node, no Electron needed. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (command === 'check') return runCheck(rest)
  if (command === 'export') return runExport(rest)
  const help = command === '--help' || command === '-h'
  ;(help ? process.stdout : process.stderr).write(command && !help ? `folio: unknown command ${command}\n${usage}` : usage)
  return help ? 0 : 2
}

// exitCode rather than exit(): output still buffered for a pipe (macOS, Windows) is not cut off.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`folio: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  }
)
