import { StateEffect, StateField, type EditorState, type TransactionSpec } from '@codemirror/state'
import { Decoration, EditorView, WidgetType } from '@codemirror/view'
import { ensureSyntaxTree, syntaxTree } from '@codemirror/language'
import { imageBlockChange } from '../images/markdown-edits'

/**
 * Where the images of a running import will go. The place is kept in a StateField, mapped
 * through every edit made meanwhile, and marked with an "Importing images…" row until the
 * links arrive; then they are inserted there as one change (one undo step).
 */

/** A place images will be inserted once imported; `head` is the cursor then, to tell whether the user moved on. */
interface InsertPoint {
  pos: number
  head: number
}

interface InsertPoints {
  next: number
  points: ReadonlyMap<number, InsertPoint>
}

const addPoint = StateEffect.define<{ id: number; point: InsertPoint }>({
  map: ({ id, point }, mapping) => ({ id, point: { pos: mapping.mapPos(point.pos, -1), head: mapping.mapPos(point.head, -1) } })
})
const removePoint = StateEffect.define<number>()

class PendingImagesWidget extends WidgetType {
  override eq() {
    return true
  }
  toDOM(view: EditorView) {
    const doc = view.dom.ownerDocument
    const row = doc.createElement('div')
    row.className = 'cm-image-pending'
    row.append(Object.assign(doc.createElement('span'), { textContent: 'Importing images…' }))
    return row
  }
}

// A row of its own where the images will go: above a line they go before, below one they follow.
const pendingAbove = Decoration.widget({ widget: new PendingImagesWidget(), side: -1, block: true })
const pendingBelow = Decoration.widget({ widget: new PendingImagesWidget(), side: 1, block: true })

/** The tracked places; part of imageDrop(). */
export const insertPoints = StateField.define<InsertPoints>({
  create: () => ({ next: 1, points: new Map() }),
  update(value, tr) {
    let { next, points } = value
    if (tr.docChanged && points.size) {
      points = new Map([...points].map(([id, p]) => [id, { pos: tr.changes.mapPos(p.pos, -1), head: tr.changes.mapPos(p.head, -1) }]))
    }
    for (const effect of tr.effects) {
      if (effect.is(addPoint)) {
        points = new Map(points).set(effect.value.id, effect.value.point)
        next = Math.max(next, effect.value.id + 1)
      } else if (effect.is(removePoint) && points.has(effect.value)) {
        const rest = new Map(points)
        rest.delete(effect.value)
        points = rest
      }
    }
    return next === value.next && points === value.points ? value : { next, points }
  },
  provide: (field) =>
    EditorView.decorations.compute([field], (state) =>
      Decoration.set(
        [...state.field(field).points.values()].map((p) => (state.doc.lineAt(p.pos).from === p.pos ? pendingAbove : pendingBelow).range(p.pos)),
        true
      )
    )
})

/**
 * The top-level markdown block (paragraph, heading, list, code, table, HTML) at `pos`, from
 * the editor's syntax tree; null between blocks or where the tree does not reach.
 */
export function blockAt(state: EditorState, pos: number): { from: number; to: number } | null {
  const tree = ensureSyntaxTree(state, Math.min(state.doc.length, pos + 5000), 50) ?? syntaxTree(state)
  for (const side of [1, -1] as const) {
    let node: ReturnType<typeof tree.resolveInner> | null = tree.resolveInner(pos, side)
    while (node?.parent && node.parent.name !== 'Document') node = node.parent
    if (node?.parent && node.name !== 'Document' && node.from <= pos && pos <= node.to) return { from: node.from, to: node.to }
  }
  return null
}

/** Starts tracking `pos` as the place of an import's images; returns the id that insertAtPoint takes. */
export function trackInsertPoint(view: EditorView, pos: number): number {
  const points = view.state.field(insertPoints, false)
  if (!points) throw new Error('imageDrop() is not in the editor')
  const id = points.next
  // Kept at the place the images will go (after the paragraph dropped on, ...), which is where the mark shows.
  const at = imageBlockChange(view.state.doc, pos, '', blockAt(view.state, pos)).from
  view.dispatch({ effects: addPoint.of({ id, point: { pos: at, head: view.state.selection.main.head } }) })
  return id
}

/**
 * The transaction that inserts `markdown` as its own paragraph at the tracked point `id`
 * and forgets the point; null when the point is not (or no longer) there. The cursor goes
 * after the images only when the user left it where it was when the import began.
 */
export function insertAtPoint(state: EditorState, id: number, markdown: string): TransactionSpec | null {
  const point = state.field(insertPoints, false)?.points.get(id)
  if (!point) return null
  if (!markdown) return { effects: removePoint.of(id) }
  const change = imageBlockChange(state.doc, point.pos, markdown, blockAt(state, point.pos))
  const main = state.selection.main
  const follow = main.empty && main.head === point.head
  return {
    changes: { from: change.from, to: change.to, insert: change.insert },
    effects: [removePoint.of(id), ...(follow ? [EditorView.scrollIntoView(change.cursor, { y: 'nearest' })] : [])],
    selection: follow ? { anchor: change.cursor } : undefined,
    userEvent: 'input.drop'
  }
}

/** Stops tracking a point (its import failed or inserted nothing). */
export const forgetInsertPoint = (view: EditorView, id: number): void => view.dispatch({ effects: removePoint.of(id) })

/** Inserts `markdown` at `pos` now, as its own paragraph, with the cursor after it (one undo step). */
export function insertImageBlock(view: EditorView, pos: number, markdown: string): void {
  const change = imageBlockChange(view.state.doc, pos, markdown, blockAt(view.state, pos))
  view.dispatch({
    changes: { from: change.from, to: change.to, insert: change.insert },
    selection: { anchor: change.cursor },
    effects: EditorView.scrollIntoView(change.cursor, { y: 'nearest' }),
    userEvent: 'input.drop'
  })
  view.focus()
}
