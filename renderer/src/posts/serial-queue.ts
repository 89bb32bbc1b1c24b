/**
 * Runs tasks of one key (one post's saves) one after the other, each once the one before has
 * settled, so two saves of a post never read the same mtime and call each other a conflict.
 * Tasks of different keys run side by side.
 */
export function serialQueue<K>(): <T>(key: K, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<K, Promise<unknown>>()
  return (key, task) => {
    const next = (tails.get(key) ?? Promise.resolve()).then(task, task)
    tails.set(key, next)
    // The last task of a key forgets the key, so the map holds only posts being saved.
    const forget = () => void (tails.get(key) === next && tails.delete(key))
    next.then(forget, forget)
    return next
  }
}
