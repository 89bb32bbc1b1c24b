import type { MenuItemConstructorOptions } from 'electron'
import { commandIds, commandSpec, type CommandId, type MenuSection } from '../common/commands'
import { accelerator } from '../common/shortcuts'
import { autoSaveLabels, autoSaveModes, type AutoSaveMode, type Settings } from '../common/settings'

/**
 * The application menu as a template, built from the command table (common/commands.ts):
 * a pure function (Electron is imported for its types only), so tests check it without the
 * runtime; main.ts passes it to Menu.buildFromTemplate.
 */

/** What the menu's items do; main.ts supplies them. */
export interface MenuActions {
  /** A command item was chosen: the renderer runs it (the `menuCommand` event). */
  run(command: CommandId): void
  setAutoSave(mode: AutoSaveMode): void
  about(): void
  openGuide(): void
}

export interface MenuOptions {
  platform: NodeJS.Platform
  /** Development build: adds the developer tools and Force Reload. */
  dev: boolean
  version: string
  /** The File menu's Auto Save radio items show the current setting. */
  settings: Settings
}

const separator: MenuItemConstructorOptions = { type: 'separator' }

/** File → Auto Save: one radio item per mode. */
const autoSaveMenu = (settings: Settings, actions: MenuActions): MenuItemConstructorOptions => ({
  label: 'Auto Save',
  submenu: autoSaveModes.map((mode) => ({
    label: autoSaveLabels[mode].menu,
    type: 'radio' as const,
    checked: settings.autoSave === mode,
    click: () => actions.setAutoSave(mode)
  }))
})

/** A section's commands, group by group with separators between, plus items that follow a command (Auto Save after Save). */
function sectionItems(section: MenuSection, actions: MenuActions, after: Partial<Record<CommandId, MenuItemConstructorOptions[]>>): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = []
  let group: string | null = null
  for (const id of commandIds) {
    const spec = commandSpec(id)
    if (spec.section !== section) continue
    if (group !== null && spec.group !== group) items.push(separator)
    group = spec.group
    items.push({ id, label: spec.label, accelerator: spec.key && accelerator(spec.key), click: () => actions.run(id) })
    items.push(...(after[id] ?? []))
  }
  return items
}

/** The whole menu bar. */
export function menuTemplate({ platform, dev, version, settings }: MenuOptions, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin'
  const after = { save: [autoSaveMenu(settings, actions)] }
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    { label: '&File', submenu: [...sectionItems('file', actions, after), separator, mac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        separator,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        separator,
        ...sectionItems('edit', actions, after)
      ]
    },
    {
      label: '&View',
      submenu: [
        ...sectionItems('view', actions, after),
        separator,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
        ...(dev ? [{ role: 'toggleDevTools' as const }, { role: 'forceReload' as const }] : [])
      ]
    },
    {
      label: '&Help',
      submenu: [
        { label: `About Folio ${version}`, click: () => actions.about() },
        { label: 'Markdown Guide', click: () => actions.openGuide() }
      ]
    }
  ]
}
