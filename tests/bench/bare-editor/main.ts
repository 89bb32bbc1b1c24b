/**
 * The benchmarks' baseline editor: CodeMirror 6 with basicSetup and markdown (the same
 * packages and markdown language Folio uses, line wrapping on as in Folio) and nothing else:
 * no preview, no React, no app. It loads `post.md` beside the page and sizes itself from
 * `?width=&height=` so it wraps lines as Folio's editor pane does.
 */
import { basicSetup, EditorView } from 'codemirror'
import { markdown, markdownLanguage } from '@codemirror/lang-markdown'
import { languages } from '@codemirror/language-data'

const theme = EditorView.theme({
  '&': { height: '100%' },
  '.cm-content': { fontSize: '15px', lineHeight: '1.65' }
})

async function start() {
  const params = new URLSearchParams(location.search)
  const parent = document.getElementById('editor')!
  if (params.get('width')) parent.style.width = `${params.get('width')}px`
  if (params.get('height')) parent.style.height = `${params.get('height')}px`
  const text = await (await fetch('./post.md')).text()
  const view = new EditorView({ doc: text, parent, extensions: [basicSetup, markdown({ base: markdownLanguage, codeLanguages: languages }), EditorView.lineWrapping, theme] })
  view.focus()
  /** Puts the cursor at a line and column (1-based) and scrolls it to the top, as Folio's outline jump does. */
  const placeCursor = (line: number, column: number) => {
    const pos = view.state.doc.line(line).from + column - 1
    view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'start', yMargin: 24 }) })
    view.focus()
  }
  Object.assign(window, { benchEditor: { placeCursor, text: () => view.state.doc.toString() } })
}

void start()
