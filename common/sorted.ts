/**
 * The last index in 0…count-1 whose key is at most `value`, or -1 when there is none. Keys
 * must not decrease with the index; only about log2(count) of them are read, so `key` may
 * read the DOM or an array alike.
 */
export function lastAtMost(count: number, key: (index: number) => number, value: number): number {
  let low = 0
  let high = count - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    if (key(mid) <= value) low = mid + 1
    else high = mid - 1
  }
  return high
}
