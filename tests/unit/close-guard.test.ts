import { describe, expect, test } from 'vitest'
import { closeButtons, closeChoices, createCloseGuard } from '../../electron/services/close-guard'

describe('close guard', () => {
  test('a clean window closes without asking', () => {
    const guard = createCloseGuard()
    expect(guard.onClose()).toBe('close')
  })

  test('unsaved changes: ask; Cancel keeps the window open', () => {
    const guard = createCloseGuard()
    guard.setDirty(true)
    expect(guard.onClose()).toBe('ask')
    expect(guard.answer('cancel')).toBe('stay')
    expect(guard.onClose()).toBe('ask')
  })

  test("Don't Save closes, and the close that follows is let through", () => {
    const guard = createCloseGuard()
    guard.setDirty(true)
    expect(guard.onClose()).toBe('ask')
    expect(guard.answer('discard')).toBe('close')
    expect(guard.onClose()).toBe('close')
  })

  test('Save asks the renderer to save and closes once it reports clean', () => {
    const guard = createCloseGuard()
    guard.setDirty(true)
    guard.onClose()
    expect(guard.answer('save')).toBe('save')
    expect(guard.setDirty(false)).toBe('close')
    expect(guard.onClose()).toBe('close')
  })

  test('a failed save keeps the window open, and a later save does not close it by surprise', () => {
    const guard = createCloseGuard()
    guard.setDirty(true)
    guard.onClose()
    guard.answer('save')
    expect(guard.setDirty(true)).toBeNull()
    expect(guard.setDirty(false)).toBeNull()
    guard.setDirty(true)
    expect(guard.onClose()).toBe('ask')
  })

  test('a save that never reports back does not block closing: the next close asks again', () => {
    const guard = createCloseGuard()
    guard.setDirty(true)
    guard.onClose()
    guard.answer('save')
    expect(guard.onClose()).toBe('ask')
  })

  test('a second close while the prompt is open is held back, not asked twice', () => {
    const guard = createCloseGuard()
    guard.setDirty(true)
    expect(guard.onClose()).toBe('ask')
    expect(guard.onClose()).toBe('prevent')
  })

  test('Save when the text was saved meanwhile closes at once', () => {
    const guard = createCloseGuard()
    guard.setDirty(true)
    guard.onClose()
    guard.setDirty(false)
    expect(guard.answer('save')).toBe('close')
  })

  test('remembers which post is dirty, and forgets it once clean', () => {
    const guard = createCloseGuard()
    guard.setDirty(true, 'posts/a.md')
    expect(guard.dirtyPost()).toBe('posts/a.md')
    guard.setDirty(false, 'posts/a.md')
    expect(guard.dirtyPost()).toBeNull()
    guard.setDirty(true)
    expect(guard.dirtyPost()).toBeNull()
  })

  test('buttons and choices line up', () => {
    expect(closeButtons).toEqual(['Save', "Don't Save", 'Cancel'])
    expect(closeChoices).toEqual(['save', 'discard', 'cancel'])
  })
})
