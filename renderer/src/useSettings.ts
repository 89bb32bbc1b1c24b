import { useCallback, useEffect, useState } from 'react'
import { defaultSettings, type Settings, type SettingsPatch } from '../../common/settings'
import { folio } from './folio'

/**
 * The user's settings as the main side keeps them: the defaults until they are read, then
 * whatever the menu or the renderer last chose (the settingsChanged event keeps both in step).
 */
export function useSettings(fail: (error: unknown) => void): [Settings, (patch: SettingsPatch) => void] {
  const [settings, setSettings] = useState<Settings>(defaultSettings)
  useEffect(() => {
    let live = true
    folio.getSettings().then((s) => live && setSettings(s), fail)
    const off = folio.on('settingsChanged', ({ settings }) => setSettings(settings))
    return () => {
      live = false
      off()
    }
  }, [fail])
  const change = useCallback((patch: SettingsPatch) => void folio.setSettings(patch).then(setSettings, fail), [fail])
  return [settings, change]
}
