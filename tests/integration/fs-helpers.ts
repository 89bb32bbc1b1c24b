import fs from 'node:fs'
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { vi } from 'vitest'

/** A fresh temp folder; call the returned `cleanup` in afterEach/afterAll. */
export async function tempFolder(prefix = 'folio-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

/** A file's bytes and mtime: equal snapshots before and after mean nothing changed on disk. */
export async function snapshot(path: string): Promise<{ bytes: Buffer; mtimeMs: number; mode: number }> {
  const [bytes, info] = await Promise.all([readFile(path), stat(path)])
  return { bytes, mtimeMs: info.mtimeMs, mode: info.mode }
}

/** Files write-file-atomic left behind (`<name>.<number>`), which a failed save must not. */
export async function tempFilesIn(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => /\.(md|markdown|json)\.\d+$/.test(name))
}

type Callback = (error: NodeJS.ErrnoException | null, ...rest: unknown[]) => void

/**
 * Makes the callback fs function `name` (as write-file-atomic calls it) fail with `code`
 * for paths or descriptors `applies` picks, as a full disk or a locked folder would. The
 * real fs stays in place for everything else. Returns the restore function.
 */
export function injectFsError(name: 'open' | 'write' | 'rename', code: string, applies: (first: unknown) => boolean = () => true): () => void {
  const real = fs[name] as (...args: unknown[]) => void
  const spy = vi.spyOn(fs, name).mockImplementation(((...args: unknown[]) => {
    const callback = args[args.length - 1] as Callback
    if (!applies(args[0])) return real(...args)
    const error = Object.assign(new Error(`${code}: injected by the test, ${name} '${String(args[0])}'`), { code, syscall: name })
    process.nextTick(() => callback(error))
  }) as never)
  return () => spy.mockRestore()
}
