import { describe, expect, it } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import { commandForKey, commandHint, commandIds, commands, commandSpec, isEditorCommand, type CommandId } from '../../common/commands'
import { accelerator, ariaShortcut, canonicalShortcut, matchesShortcut, parseShortcut, shortcutLabel, type KeyPress } from '../../common/shortcuts'
import { menuTemplate, type MenuActions } from '../../electron/menu'
import { editorCommands, editorKeyBindings } from '../../renderer/src/editor/commands'
import { defaultSettings } from '../../common/settings'

/** A key press as the browser reports it; `key` is what the key types with the modifiers held. */
const press = (key: string, code: string, mods: Partial<Omit<KeyPress, 'key' | 'code'>> = {}): KeyPress => ({
  key,
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods
})

const withKeys = commandIds.filter((id) => commandSpec(id).key !== undefined)

/** The shortcut as one platform sees it: Mod is Cmd on macOS, Ctrl elsewhere. */
const onPlatform = (spelling: string, mac: boolean) => canonicalShortcut(spelling).replace(/^Mod/, mac ? 'Meta' : 'Ctrl')

describe('the command table', () => {
  it('lists every command once, each with a label, a menu section and a condition', () => {
    expect(new Set(commandIds).size).toBe(commandIds.length)
    expect(new Set(commandIds.map((id) => commandSpec(id).label)).size).toBe(commandIds.length)
    for (const id of commandIds) {
      const spec = commandSpec(id)
      expect(spec.label.trim()).not.toBe('')
      expect(['file', 'edit', 'view']).toContain(spec.section)
      expect(['always', 'post-open']).toContain(spec.when)
    }
  })

  it('gives no two commands one shortcut, on macOS or elsewhere', () => {
    for (const mac of [true, false]) {
      const keys = withKeys.map((id) => onPlatform(commandSpec(id).key!, mac))
      expect(new Set(keys).size).toBe(keys.length)
    }
  })

  it('leaves the keys of the menu roles (undo, copy, zoom, close, quit) alone', () => {
    const roles = ['Mod-z', 'Mod-Shift-z', 'Mod-y', 'Mod-x', 'Mod-c', 'Mod-v', 'Mod-a', 'Mod-0', 'Mod-=', 'Mod--', 'Mod-w', 'Mod-q'].map(canonicalShortcut)
    for (const id of withKeys) expect(roles).not.toContain(canonicalShortcut(commandSpec(id).key!))
  })

  it('keeps Ctrl+Shift+P free for the command palette: the preview toggle is Ctrl+Alt+P', () => {
    expect(withKeys.map((id) => canonicalShortcut(commandSpec(id).key!))).not.toContain('Mod-Shift-p')
    expect(accelerator(commands.togglePreview.key)).toBe('CmdOrCtrl+Alt+P')
  })
})

describe('one spelling of a shortcut, every form derived', () => {
  it('parses modifiers in any order, and a key that is itself a dash', () => {
    expect(parseShortcut('Shift-Mod-c')).toEqual({ mod: true, alt: false, shift: true, key: 'c' })
    expect(canonicalShortcut('Shift-Alt-Mod-X')).toBe('Mod-Alt-Shift-x')
    expect(parseShortcut('Mod--').key).toBe('-')
    expect(() => parseShortcut('Mod-Hyper-b')).toThrow(/not a shortcut/)
    expect(() => parseShortcut('Mod-')).toThrow(/not a shortcut/)
  })

  it('writes Electron accelerators', () => {
    expect(accelerator('Mod-b')).toBe('CmdOrCtrl+B')
    expect(accelerator('Mod-Shift-i')).toBe('CmdOrCtrl+Shift+I')
    expect(accelerator('Mod-Alt-ArrowUp')).toBe('CmdOrCtrl+Alt+Up')
    expect(accelerator('Mod-Shift-8')).toBe('CmdOrCtrl+Shift+8')
    expect(accelerator('Mod-/')).toBe('CmdOrCtrl+/')
  })

  it('labels shortcuts the way each platform does', () => {
    expect(shortcutLabel('Mod-Alt-ArrowDown', false)).toBe('Ctrl+Alt+Down')
    expect(shortcutLabel('Mod-Shift-c', false)).toBe('Ctrl+Shift+C')
    expect(shortcutLabel('Mod-Shift-c', true)).toBe('⇧⌘C')
    expect(shortcutLabel('Mod-Alt-ArrowDown', true)).toBe('⌥⌘↓')
    expect(ariaShortcut('Mod-Alt-ArrowDown', false)).toBe('Control+Alt+ArrowDown')
    expect(ariaShortcut('Mod-b', true)).toBe('Meta+B')
  })

  it('matches key presses, including keys that Shift or Option change', () => {
    expect(matchesShortcut('Mod-s', press('s', 'KeyS', { ctrlKey: true }), false)).toBe(true)
    expect(matchesShortcut('Mod-s', press('s', 'KeyS', { metaKey: true }), false)).toBe(false)
    expect(matchesShortcut('Mod-s', press('s', 'KeyS', { metaKey: true }), true)).toBe(true)
    expect(matchesShortcut('Mod-s', press('S', 'KeyS', { ctrlKey: true, shiftKey: true }), false)).toBe(false)
    expect(matchesShortcut('Mod-e', press('e', 'KeyE', { ctrlKey: true, altKey: true }), false)).toBe(false)
    expect(matchesShortcut('Mod-Shift-i', press('I', 'KeyI', { ctrlKey: true, shiftKey: true }), false)).toBe(true)
    // US layout: Shift+8 types '*'; a Mac's Option+P types 'π'.
    expect(matchesShortcut('Mod-Shift-8', press('*', 'Digit8', { ctrlKey: true, shiftKey: true }), false)).toBe(true)
    expect(matchesShortcut('Mod-Alt-p', press('π', 'KeyP', { metaKey: true, altKey: true }), true)).toBe(true)
    expect(matchesShortcut('Mod-Alt-ArrowUp', press('ArrowUp', 'ArrowUp', { ctrlKey: true, altKey: true }), false)).toBe(true)
    // On AZERTY the key typing 'a' sits where QWERTY has Q: what it types wins.
    expect(matchesShortcut('Mod-o', press('o', 'KeyO', { ctrlKey: true }), false)).toBe(true)
    expect(matchesShortcut('Mod-a', press('a', 'KeyQ', { ctrlKey: true }), false)).toBe(true)
  })

  it('finds the command of a key press', () => {
    expect(commandForKey(press('e', 'KeyE', { ctrlKey: true }), false)).toBe('exportHtml')
    expect(commandForKey(press('I', 'KeyI', { ctrlKey: true, shiftKey: true }), false)).toBe('insertImage')
    expect(commandForKey(press('p', 'KeyP', { ctrlKey: true, altKey: true }), false)).toBe('togglePreview')
    expect(commandForKey(press('/', 'Slash', { ctrlKey: true }), false)).toBe('toggleComment')
    expect(commandForKey(press('s', 'KeyS'), false)).toBeNull()
    expect(commandForKey(press('z', 'KeyZ', { ctrlKey: true }), false)).toBeNull()
  })

  it('gives buttons their tooltip and aria-keyshortcuts from the table', () => {
    expect(commandHint('bold', false)).toEqual({ title: 'Bold (Ctrl+B)', 'aria-keyshortcuts': 'Control+B' })
    expect(commandHint('bold', true)).toEqual({ title: 'Bold (⌘B)', 'aria-keyshortcuts': 'Meta+B' })
    expect(commandHint('exportHtml', false).title).toBe('Export HTML (Ctrl+E)')
    expect(commandHint('toggleLineNumbers', false)).toEqual({ title: 'Toggle Line Numbers' })
  })
})

describe('the application menu', () => {
  const chosen: string[] = []
  const actions: MenuActions = {
    run: (command) => void chosen.push(command),
    setAutoSave: (mode) => void chosen.push(`autoSave:${mode}`),
    about: () => void chosen.push('about'),
    openGuide: () => void chosen.push('guide')
  }
  const build = (platform: NodeJS.Platform, dev = false) => menuTemplate({ platform, dev, version: '1.2.3', settings: { ...defaultSettings, autoSave: 'off' } }, actions)
  const items = (menu: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    menu.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])])
  const commandItems = (menu: MenuItemConstructorOptions[]) => items(menu).filter((item) => item.id !== undefined)
  const click = (item: MenuItemConstructorOptions) => (item.click as () => void)()

  it('has one item per command, with the table’s label and accelerator, that runs it', () => {
    const found = commandItems(build('linux'))
    expect(found.map((item) => item.id).sort()).toEqual([...commandIds].sort())
    for (const item of found) {
      const spec = commandSpec(item.id as CommandId)
      expect(item.label).toBe(spec.label)
      expect(item.accelerator).toBe(spec.key === undefined ? undefined : accelerator(spec.key))
      chosen.length = 0
      click(item)
      expect(chosen).toEqual([item.id])
    }
  })

  it('puts each command in its section, groups apart, in the table’s order', () => {
    const menu = build('linux')
    const file = menu.find((m) => m.label === '&File')!.submenu as MenuItemConstructorOptions[]
    expect(file.map((item) => item.id ?? item.label ?? item.role ?? item.type)).toEqual([
      'newPost',
      'openFolder',
      'separator',
      'save',
      'Auto Save',
      'insertImage',
      'exportHtml',
      'separator',
      'recoverUnsaved',
      'separator',
      'quit'
    ])
    const view = menu.find((m) => m.label === '&View')!.submenu as MenuItemConstructorOptions[]
    expect(view.slice(0, 3).map((item) => item.id)).toEqual(['toggleOutline', 'togglePreview', 'toggleLineNumbers'])
    for (const section of ['file', 'edit', 'view'] as const) {
      const submenu = menu.find((m) => m.label?.toLowerCase() === `&${section}`)!.submenu as MenuItemConstructorOptions[]
      const ids = submenu.filter((item) => item.id).map((item) => item.id)
      expect(ids).toEqual(commandIds.filter((id) => commandSpec(id).section === section))
    }
  })

  it('shows the Auto Save setting and changes it', () => {
    const autoSave = items(build('linux')).find((item) => item.label === 'Auto Save')!.submenu as MenuItemConstructorOptions[]
    expect(autoSave.filter((item) => item.checked).map((item) => item.label)).toHaveLength(1)
    chosen.length = 0
    click(autoSave.at(-1)!)
    expect(chosen).toEqual([expect.stringMatching(/^autoSave:/)])
  })

  it('follows the platform and the build: the app menu and Close on macOS, developer tools in development', () => {
    expect(build('darwin')[0]).toEqual({ role: 'appMenu' })
    expect(items(build('darwin')).some((item) => item.role === 'close')).toBe(true)
    expect(items(build('linux')).some((item) => item.role === 'appMenu' || item.role === 'toggleDevTools')).toBe(false)
    expect(items(build('linux', true)).some((item) => item.role === 'toggleDevTools')).toBe(true)
    expect(items(build('linux')).find((item) => item.label?.startsWith('About'))?.label).toBe('About Folio 1.2.3')
  })
})

describe('the editor keymap', () => {
  const bindings = editorKeyBindings()

  it('binds each editor command’s key to that command, and nothing else', () => {
    const expected = withKeys.filter(isEditorCommand)
    expect(bindings.map((b) => b.key)).toEqual(expected.map((id) => commandSpec(id).key))
    for (const id of expected) expect(bindings.find((b) => b.key === commandSpec(id).key)?.run).toBe(editorCommands[id])
  })

  it('leaves the app’s own keys (save, export, ...) to the window', () => {
    const appKeys = withKeys.filter((id) => !isEditorCommand(id)).map((id) => commandSpec(id).key)
    expect(appKeys).toEqual(expect.arrayContaining(['Mod-s', 'Mod-e', 'Mod-Shift-i']))
    for (const key of appKeys) expect(bindings.map((b) => b.key)).not.toContain(key)
  })
})
