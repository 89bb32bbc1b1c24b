import { useEffect } from 'react'

/** Calls `onLost` when the window loses focus or is hidden (another app, minimised): autosave's "focus change". */
export function useFocusLost(onLost: () => void): void {
  useEffect(() => {
    const onHidden = () => document.visibilityState === 'hidden' && onLost()
    window.addEventListener('blur', onLost)
    document.addEventListener('visibilitychange', onHidden)
    return () => {
      window.removeEventListener('blur', onLost)
      document.removeEventListener('visibilitychange', onHidden)
    }
  }, [onLost])
}
