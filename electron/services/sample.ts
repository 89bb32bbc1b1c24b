import { cp, stat } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Gives a new user a writable copy of the bundled sample blog in their data folder, so the
 * first start shows a real post. An existing copy is kept as the user left it.
 */
export async function ensureSampleBlog(resourcesDir: string, dataDir: string): Promise<string> {
  const target = join(dataDir, 'Sample Blog')
  const exists = await stat(target).then(() => true, () => false)
  if (!exists) await cp(join(resourcesDir, 'sample-blog'), target, { recursive: true, errorOnExist: false, force: false })
  return target
}
