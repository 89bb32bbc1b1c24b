import { startTransition, useCallback, useEffect, useRef, useState } from 'react'
import { EditorView, type ViewUpdate } from '@codemirror/view'
import { openSearchPanel } from '@codemirror/search'
import type { StateCommand } from '@codemirror/state'
import type { MenuCommand, PostFile, PostSummary, RenamedImage, Workspace } from '../../common/api'
import { usePreviewRender } from './preview/usePreviewRender'
import { folio, messageOf } from './folio'
import { PostList } from './PostList'
import { PostEditor, snapshotFields, type EditorSnapshot } from './PostEditor'
import { Preview } from './Preview'
import { Outline } from './Outline'
import { StatusBar } from './StatusBar'
import { Dialog, type DialogSpec } from './Dialog'
import { Toolbar } from './Toolbar'
import { changeHeadingLevel, insertLink, toggleBold, toggleDraftNote, toggleInlineCode, toggleItalic, toggleList } from './editor/format'
import { syncEditorToPreview, syncPreviewToEditor } from './scroll-sync-dom'
import { dispatchCommand } from './commands'
import { SidePanel } from './SidePanel'
import { setCursorPosition } from './cursor-store'
import { FrontMatterPanel } from './FrontMatterPanel'
import { Splitter } from './Splitter'
import { gridColumns, useLayout } from './layout'
import { frontMatterEdit } from '../../common/frontmatter'
import { ProblemsPanel } from './problems/ProblemsPanel'
import { useProblems } from './problems/use-problems'
import { beforeSave } from './problems/toc-on-save'
import { ExportControls } from './export/ExportControls'
import { useImageImport } from './images/useImageImport'
import { ImportStatus } from './images/ImportStatus'
import { ImageGallery } from './images/ImageGallery'
import { applyImageRename } from './images/rename'
import { usePreviewImageBoxes } from './images/preview-boxes'
import { postPattern } from '../../common/posts'

/** An open post: what is on disk, what was last saved, and the editor state while hidden. */
interface Buffer {
  file: PostFile
  savedText: string
  snapshot?: EditorSnapshot
  /** Unsaved text from a recovery copy, shown the next time the post opens. */
  restored?: string
}

/** What the editor of the open post starts from. */
interface EditorSeed {
  relPath: string
  text: string
  snapshot?: EditorSnapshot
  encoding: PostFile['encoding']
}

interface Notice {
  kind: 'error' | 'info' | 'conflict'
  text: string
  relPath?: string
}

const editorCommands: Partial<Record<MenuCommand, StateCommand>> = {
  bold: toggleBold,
  italic: toggleItalic,
  link: insertLink,
  code: toggleInlineCode,
  headingUp: changeHeadingLevel(-1),
  headingDown: changeHeadingLevel(1),
  bulletList: toggleList(false),
  orderedList: toggleList(true),
  toggleComment: toggleDraftNote
}

/**
 * How long the preview waits after typing stops: long enough that it renders in the pauses
 * of a fast typist rather than between their keys (VS Code waits 300 ms), longer for long posts.
 */
const previewDelay = (length: number) => (length > 2_000_000 ? 800 : length > 200_000 ? 400 : 180)

export function App() {
  const [workspace, setWorkspace] = useState<Workspace | null>(null)
  const [posts, setPosts] = useState<PostSummary[]>([])
  const [current, setCurrent] = useState<string | null>(null)
  const [seed, setSeed] = useState<EditorSeed | null>(null)
  const [text, setText] = useState('')
  const [dirty, setDirty] = useState<ReadonlySet<string>>(new Set())
  const [notice, setNotice] = useState<Notice | null>(null)
  const [dialog, setDialog] = useState<DialogSpec | null>(null)
  const { layout, setLayout, narrow, clamp } = useLayout()
  const dragStart = useRef({ sidebarWidth: 0, outlineWidth: 0, editorShare: 0, total: 1 })
  const panesRef = useRef<HTMLElement>(null)
  const buffers = useRef(new Map<string, Buffer>())
  const viewRef = useRef<EditorView | null>(null)
  const previewRef = useRef<HTMLDivElement>(null)
  const currentRef = useRef<string | null>(null)
  const textTimer = useRef<number | undefined>(undefined)
  const recoveryTimer = useRef<number | undefined>(undefined)
  /** Where scroll sync last moved each pane; a scroll event at that spot is our own echo. */
  const echo = useRef<{ editor: number | null; preview: number | null }>({ editor: null, preview: null })

  const fail = useCallback((error: unknown) => setNotice({ kind: 'error', text: messageOf(error) }), [])
  const dirtyRef = useRef(new Set<string>())
  const markDirty = useCallback((relPath: string, isDirty: boolean) => {
    if (dirtyRef.current.has(relPath) === isDirty) return
    if (isDirty) dirtyRef.current.add(relPath)
    else dirtyRef.current.delete(relPath)
    setDirty(new Set(dirtyRef.current))
    // The main process asks before closing a window that still holds unsaved text.
    void folio.setDirty(dirtyRef.current.size > 0, dirtyRef.current.values().next().value ?? undefined).catch(() => {})
  }, [])

  /** Keeps the hidden post's editor state (text, selection, undo history) for later. */
  const stashCurrent = useCallback(() => {
    const relPath = currentRef.current
    const view = viewRef.current
    const buffer = relPath ? buffers.current.get(relPath) : undefined
    if (buffer && view) buffer.snapshot = view.state.toJSON(snapshotFields) as EditorSnapshot
  }, [])

  const opening = useRef<string | null>(null)
  const openPost = useCallback(
    async (relPath: string) => {
      if (relPath === currentRef.current) return
      // The last post asked for wins: a click during the first post's read is not undone
      // when that read finishes.
      opening.current = relPath
      try {
        let buffer = buffers.current.get(relPath)
        if (!buffer) {
          const file = await folio.readPost(relPath)
          buffer = { file, savedText: file.text }
          buffers.current.set(relPath, buffer)
          if (opening.current !== relPath) return
          setNotice(file.warning ? { kind: 'info', text: file.warning } : null)
        } else setNotice(null)
        stashCurrent()
        const text = buffer.snapshot ? String((buffer.snapshot as { doc: string }).doc) : (buffer.restored ?? buffer.file.text)
        if (buffer.restored !== undefined) {
          markDirty(relPath, buffer.restored !== buffer.savedText)
          buffer.restored = undefined
        }
        currentRef.current = relPath
        setCurrent(relPath)
        setSeed({ relPath, text, snapshot: buffer.snapshot, encoding: buffer.file.encoding })
        setText(text)
      } catch (error) {
        fail(error)
      }
    },
    [fail, stashCurrent, markDirty]
  )

  /** Offers back unsaved text that an earlier run left behind (a crash, a kill, a power cut). */
  const offerRecoveries = useCallback(async () => {
    const recoveries = await folio.listRecoveries()
    if (!recoveries.length) return
    setDialog({
      title: 'Restore unsaved changes?',
      body: (
        <>
          <p>Folio closed last time with unsaved changes in:</p>
          <ul>
            {recoveries.map((r) => (
              <li key={r.relPath}>
                {r.relPath} <span className="muted">({new Date(r.savedAt).toLocaleString()})</span>
              </li>
            ))}
          </ul>
          <p>Restore puts that text back in the editor, unsaved. Discard keeps the files as they are on disk.</p>
        </>
      ),
      confirm: 'Restore',
      cancel: 'Discard',
      onCancel: () => void Promise.all(recoveries.map((r) => folio.discardRecovery(r.relPath))).catch(fail),
      onConfirm: async () => {
        for (const r of recoveries) {
          const file = await folio.readPost(r.relPath).catch(() => ({ relPath: r.relPath, text: '', mtimeMs: 0, encoding: 'utf8' as const, eol: 'lf' as const, warning: null }))
          buffers.current.set(r.relPath, { file, savedText: file.text, restored: r.text })
          if (r.relPath !== currentRef.current) markDirty(r.relPath, r.text !== file.text)
        }
        const first = recoveries[0]!.relPath
        currentRef.current = null
        await openPost(first)
      }
    })
  }, [fail, markDirty, openPost])

  const showWorkspace = useCallback(
    (ws: Workspace | null) => {
      if (!ws) return
      buffers.current.clear()
      currentRef.current = null
      setCurrent(null)
      dirtyRef.current.clear()
      setDirty(new Set())
      setWorkspace(ws)
      setPosts(ws.posts)
      const first = ws.posts.find((p) => !p.problem) ?? ws.posts[0]
      void (first ? openPost(first.relPath) : Promise.resolve()).then(offerRecoveries).catch(fail)
    },
    [openPost, offerRecoveries, fail]
  )

  useEffect(() => {
    folio.getWorkspace().then(showWorkspace, fail)
  }, [showWorkspace, fail])

  const save = useCallback(
    async (force = false) => {
      const relPath = currentRef.current
      const view = viewRef.current
      const buffer = relPath ? buffers.current.get(relPath) : undefined
      if (!relPath || !view || !buffer) return false
      beforeSave(view)
      const saving = view.state.doc.toString()
      try {
        const { encoding, eol, mtimeMs } = buffer.file
        const result = await folio.savePost(relPath, { text: saving, expectedMtimeMs: mtimeMs, force, encoding, eol })
        buffer.file = { ...buffer.file, mtimeMs: result.mtimeMs }
        buffer.savedText = saving
        markDirty(relPath, view.state.doc.toString() !== saving)
        setNotice(null)
        return true
      } catch (error) {
        const text = messageOf(error)
        // Only a real conflict offers "Reload from disk"; a failed write ("Nothing was changed
        // on disk") must not, or one click would throw away the text the save could not write.
        setNotice({ kind: /was changed on disk by another program/.test(text) ? 'conflict' : 'error', text, relPath })
        return false
      }
    },
    [markDirty]
  )

  const reloadFromDisk = useCallback(
    async (relPath: string) => {
      const file = await folio.readPost(relPath)
      const buffer = buffers.current.get(relPath)
      if (!buffer) return
      buffer.file = file
      buffer.savedText = file.text
      buffer.snapshot = undefined
      const view = viewRef.current
      if (relPath === currentRef.current && view) {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: file.text }, userEvent: 'reload' })
        setText(file.text)
      }
      markDirty(relPath, false)
    },
    [markDirty]
  )

  // Changes made by other programs: the post list follows; an open post reloads when it
  // has no edits, and otherwise asks, so neither side's words are lost.
  useEffect(() => {
    const offPosts = folio.on('postsChanged', ({ posts }) => setPosts(posts))
    const offDisk = folio.on('postChangedOnDisk', ({ relPath, deleted, mtimeMs }) => {
      const buffer = buffers.current.get(relPath)
      if (!buffer || mtimeMs === buffer.file.mtimeMs) return
      const isDirty = relPath === currentRef.current ? viewRef.current?.state.doc.toString() !== buffer.savedText : dirtyRef.current.has(relPath)
      if (deleted) {
        markDirty(relPath, true)
        setNotice({ kind: 'info', text: `${relPath} was deleted or renamed on disk. Your text is kept here; save to write it again.`, relPath })
      } else if (!isDirty) void reloadFromDisk(relPath).catch(fail)
      else setNotice({ kind: 'conflict', text: `${relPath} was changed on disk by another program, and you have unsaved edits.`, relPath })
    })
    return () => {
      offPosts()
      offDisk()
    }
  }, [fail, markDirty, reloadFromDisk])

  const runCommand = useCallback(
    (command: MenuCommand) => {
      const view = viewRef.current
      const editorCommand = editorCommands[command]
      if (editorCommand && view) {
        editorCommand(view)
        view.focus()
        return
      }
      switch (command) {
        case 'save':
          void save()
          break
        case 'openFolder':
          folio.openFolder().then(showWorkspace, fail)
          break
        case 'newPost':
          setDialog({
            title: 'New post',
            input: { label: 'Title', value: '' },
            confirm: 'Create',
            onConfirm: (title) =>
              folio.createPost(title).then((post) => {
                setPosts((prev) => [...prev.filter((p) => p.relPath !== post.relPath), post])
                void openPost(post.relPath)
              }, fail)
          })
          break
        case 'find':
          if (view) openSearchPanel(view)
          break
        case 'toggleOutline':
          setLayout((l) => ({ ...l, outline: !l.outline }))
          break
        case 'togglePreview':
          setLayout((l) => ({ ...l, preview: !l.preview }))
          break
        case 'toggleLineNumbers':
          setLayout((l) => ({ ...l, lineNumbers: !l.lineNumbers }))
          break
        default:
          // Panels own the rest (insert image, export, check); see commands.ts.
          if (!dispatchCommand(command)) setNotice({ kind: 'info', text: `${command} needs an open post.` })
      }
    },
    [save, showWorkspace, fail, openPost, setLayout]
  )

  useEffect(() => folio.on('menuCommand', ({ command }) => runCommand(command)), [runCommand])
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey
      // The editor's own Mod-s already saved (and prevented the default): one key, one save.
      if (!mod || event.defaultPrevented) return
      const key = event.key.toLowerCase()
      if (key === 's') {
        event.preventDefault()
        void save()
      } else if (key === 'n' && !event.shiftKey) {
        event.preventDefault()
        runCommand('newPost')
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [save, runCommand])

  const renamePost = useCallback(
    (post: PostSummary) =>
      setDialog({
        title: 'Rename post',
        input: { label: 'New name', value: post.relPath.replace(postPattern, '') },
        confirm: 'Rename',
        onConfirm: async (name) => {
          // The rename works on the file on disk: unsaved edits of the open post go there first.
          if (post.relPath === currentRef.current && dirtyRef.current.has(post.relPath) && !(await save())) return
          await folio.renamePost(post.relPath, name).then(async (renamed) => {
            buffers.current.delete(post.relPath)
            markDirty(post.relPath, false)
            setPosts(await folio.listPosts())
            if (currentRef.current === post.relPath) {
              currentRef.current = null
              await openPost(renamed.relPath)
            }
          }, fail)
        }
      }),
    [fail, markDirty, openPost, save]
  )

  const deletePost = useCallback(
    (post: PostSummary) =>
      setDialog({
        title: `Move “${post.title}” to the trash?`,
        body: <p>The post and its image folder go to the system trash; you can restore them from there.</p>,
        confirm: 'Move to Trash',
        danger: true,
        onConfirm: () =>
          folio.deletePost(post.relPath).then(async () => {
            buffers.current.delete(post.relPath)
            markDirty(post.relPath, false)
            const remaining = await folio.listPosts()
            setPosts(remaining)
            if (currentRef.current === post.relPath) {
              currentRef.current = null
              setCurrent(null)
              if (remaining[0]) void openPost(remaining[0].relPath)
            }
          }, fail)
      }),
    [fail, markDirty, openPost]
  )

  // --- Editor updates, kept cheap: the preview text refreshes after a pause in typing.
  const onUpdate = useCallback(
    (update: ViewUpdate) => {
      const relPath = currentRef.current
      if (update.docChanged && relPath) {
        const buffer = buffers.current.get(relPath)
        if (buffer) markDirty(relPath, true)
        window.clearTimeout(textTimer.current)
        textTimer.current = window.setTimeout(() => {
          const doc = update.view.state.doc.toString()
          // A transition: React renders the preview in slices and yields to the next key.
          // The user may have switched posts since: that post's text is not this one.
          if (currentRef.current === relPath) startTransition(() => setText(doc))
          if (buffer) markDirty(relPath, doc !== buffer.savedText)
        }, previewDelay(update.state.doc.length))
        // A recovery copy a second after typing stops: a crash or kill loses nothing.
        window.clearTimeout(recoveryTimer.current)
        recoveryTimer.current = window.setTimeout(() => {
          const doc = update.view.state.doc.toString()
          if (buffer && doc !== buffer.savedText) void folio.storeRecovery(relPath, doc).catch(() => {})
        }, 1000)
      }
      if (update.selectionSet || update.docChanged) {
        const head = update.state.selection.main.head
        const line = update.state.doc.lineAt(head)
        setCursorPosition(line.number, head - line.from + 1)
      }
    },
    [markDirty]
  )

  const onCreate = useCallback((view: EditorView) => {
    viewRef.current = view
    view.scrollDOM.addEventListener('scroll', () => {
      const mine = echo.current.editor
      echo.current.editor = null
      if (mine !== null && Math.abs(view.scrollDOM.scrollTop - mine) < 2) return
      echo.current.preview = syncPreviewToEditor(view, previewRef.current)
    })
  }, [])

  useEffect(() => {
    const preview = previewRef.current
    if (!preview) return
    const onScroll = () => {
      const mine = echo.current.preview
      echo.current.preview = null
      if (!viewRef.current || (mine !== null && Math.abs(preview.scrollTop - mine) < 2)) return
      echo.current.editor = syncEditorToPreview(viewRef.current, preview)
    }
    preview.addEventListener('scroll', onScroll)
    return () => preview.removeEventListener('scroll', onScroll)
  }, [current, layout.preview])

  const jumpToLine = useCallback((line: number) => {
    const view = viewRef.current
    if (!view) return
    const pos = view.state.doc.line(Math.min(Math.max(1, line), view.state.doc.lines)).from
    // The editor's scroll event then brings the preview along.
    view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'start', yMargin: 24 }) })
    view.focus()
  }, [])

  const setFrontMatter = useCallback((key: string, value: unknown) => {
    const view = viewRef.current
    if (!view) return
    const edit = frontMatterEdit(view.state.doc.toString(), key, value)
    if (!edit) return
    view.dispatch({ changes: edit, userEvent: 'input.frontmatter' })
    setText(view.state.doc.toString())
  }, [])

  /** An image was renamed and the saved post rewritten: the editor follows, the buffer takes the new saved text and mtime. */
  const imageRenamed = useCallback(
    (relPath: string, renamed: RenamedImage) => {
      const buffer = buffers.current.get(relPath)
      const view = relPath === currentRef.current ? viewRef.current : null
      if (!buffer) return
      if (view) applyImageRename(view, renamed, view.state.doc.toString() === buffer.savedText)
      buffer.file = { ...buffer.file, text: renamed.text, mtimeMs: renamed.mtimeMs }
      buffer.savedText = renamed.text
      if (view) {
        setText(view.state.doc.toString())
        markDirty(relPath, view.state.doc.toString() !== renamed.text)
      }
    },
    [markDirty]
  )

  const drag = useCallback(
    (pane: 'sidebar' | 'split' | 'outline') => (dx: number, phase: 'start' | 'move') => {
      if (phase === 'start') {
        const editorWidth = panesRef.current?.querySelector('.editor-pane')?.getBoundingClientRect().width ?? 0
        const previewWidth = panesRef.current?.querySelector('.preview-pane')?.getBoundingClientRect().width ?? 0
        dragStart.current = { ...layout, total: Math.max(1, editorWidth + previewWidth) }
        return
      }
      const start = dragStart.current
      setLayout((l) =>
        pane === 'sidebar'
          ? { ...l, sidebarWidth: clamp(start.sidebarWidth + dx, 160, 480) }
          : pane === 'outline'
            ? { ...l, outlineWidth: clamp(start.outlineWidth - dx, 150, 420) }
            : { ...l, editorShare: clamp(start.editorShare + dx / start.total, 0.2, 0.8) }
      )
    },
    [layout, setLayout, clamp]
  )

  const rendered = usePreviewRender(current, text, folio.imageBase)
  const problems = useProblems({ relPath: current, text, viewRef })
  const images = useImageImport({ relPath: current, headings: rendered.pending ? null : rendered.headings, viewRef })
  usePreviewImageBoxes(previewRef, current, text, rendered.blocks, layout.preview)

  return (
    <div className="app">
      <Toolbar workspaceName={workspace?.name ?? 'No folder'} layout={layout} canSave={Boolean(current)} runCommand={runCommand} onSave={() => void save()}>
        <ExportControls relPath={current} dirty={current ? dirty.has(current) : false} save={save} />
      </Toolbar>
      {notice && (
        <div className={`notice ${notice.kind}`} role={notice.kind === 'info' ? 'status' : 'alert'}>
          <span>{notice.text}</span>
          {notice.kind === 'conflict' && notice.relPath && (
            <>
              <button onClick={() => void reloadFromDisk(notice.relPath!).then(() => setNotice(null), fail)}>Reload from disk</button>
              <button onClick={() => void save(true)}>Keep mine and save</button>
            </>
          )}
          <button className="icon" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ✕
          </button>
        </div>
      )}
      <main className="panes" ref={panesRef} style={{ gridTemplateColumns: gridColumns(layout, narrow) }}>
        <PostList posts={posts} current={current} dirty={dirty} onOpen={openPost} onNew={() => runCommand('newPost')} onRename={renamePost} onDelete={deletePost} />
        <Splitter label="Resize post list" onDrag={drag('sidebar')} />
        <section className="editor-pane" aria-label="Editor">
          {current && (
            <FrontMatterPanel key={`fm:${current}`} text={text} open={layout.frontMatter} onToggle={() => setLayout((l) => ({ ...l, frontMatter: !l.frontMatter }))} onSet={setFrontMatter} />
          )}
          {current && seed?.relPath === current ? (
            <PostEditor
              key={`editor:${current}`}
              initialText={seed.text}
              snapshot={seed.snapshot}
              lineNumbers={layout.lineNumbers}
              onCreate={onCreate}
              onUpdate={onUpdate}
              onSave={save}
              imageHandler={images.dropHandler}
            />
          ) : (
            <div className="empty-state">{posts.length ? 'Choose a post to edit.' : 'This folder has no posts yet. Create one with “+ New”.'}</div>
          )}
          <ImportStatus {...images.status} />
        </section>
        {layout.preview && <Splitter label="Resize editor and preview" onDrag={drag('split')} />}
        {layout.preview && (
          <section className="preview-pane" aria-label="Preview" {...images.previewDrop}>
            {current && <Preview key={current} text={text} blocks={rendered.blocks} thread={rendered.thread} cut={rendered.cut} pending={rendered.pending} error={rendered.error} containerRef={previewRef} onLineClick={jumpToLine} />}
          </section>
        )}
        {layout.outline && !narrow && <Splitter label="Resize outline" onDrag={drag('outline')} />}
        {layout.outline && !narrow && (
          <SidePanel
            tabs={[
              {
                id: 'outline',
                label: 'Outline',
                content: (
                  <Outline
                    headings={rendered.headings}
                    onJump={(h) => {
                      jumpToLine(h.line)
                      if (h.slug) previewRef.current?.querySelector(`[id="${CSS.escape(h.slug)}"]`)?.scrollIntoView({ block: 'start' })
                    }}
                  />
                )
              },
              {
                id: 'problems',
                label: 'Problems',
                badge: problems.counts.error + problems.counts.warning,
                content: <ProblemsPanel problems={problems} hasPost={Boolean(current)} />
              },
              {
                id: 'images',
                label: 'Images',
                content: current ? (
                  <ImageGallery relPath={current} text={text} onJump={jumpToLine} onRenamed={imageRenamed} onInsert={images.insertAtCursor} />
                ) : (
                  <p className="empty">Open a post to see its images.</p>
                )
              }
            ]}
          />
        )}
      </main>
      <StatusBar stats={rendered.stats} relPath={current} dirty={current ? dirty.has(current) : false} encoding={seed?.encoding} />
      {dialog && <Dialog spec={dialog} onClose={() => setDialog(null)} />}
    </div>
  )
}
