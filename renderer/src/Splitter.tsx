import type { KeyboardEvent, PointerEvent } from 'react'

interface SplitterProps {
  label: string
  /** Called with the pointer's horizontal movement since the drag started, in px. */
  onDrag(deltaX: number, phase: 'start' | 'move'): void
}

/** A draggable, keyboard-adjustable divider between two panes. */
export function Splitter({ label, onDrag }: SplitterProps) {
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const startX = event.clientX
    const target = event.currentTarget
    target.setPointerCapture(event.pointerId)
    onDrag(0, 'start')
    const move = (e: globalThis.PointerEvent) => onDrag(e.clientX - startX, 'move')
    const up = () => {
      target.removeEventListener('pointermove', move)
      target.removeEventListener('pointerup', up)
    }
    target.addEventListener('pointermove', move)
    target.addEventListener('pointerup', up)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowLeft' ? -16 : event.key === 'ArrowRight' ? 16 : 0
    if (!step) return
    event.preventDefault()
    onDrag(0, 'start')
    onDrag(step, 'move')
  }
  return <div className="splitter" role="separator" aria-orientation="vertical" aria-label={label} tabIndex={0} onPointerDown={onPointerDown} onKeyDown={onKeyDown} />
}
