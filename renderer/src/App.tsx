import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { EditorView } from '@codemirror/view'
import type { PostSummary, Workspace } from '../../common/api'
import { commandEnabled, isEditorCommand, plainLabel, type CommandId } from '../../common/commands'
import { usePreviewRender } from './preview/usePreviewRender'
import { folio, messageOf } from './folio'
import { PostList } from './PostList'
import { PostEditor } from './PostEditor'
import { Preview } from './Preview'
import { Outline } from './Outline'
import { StatusBar } from './StatusBar'
import { Dialog, type DialogSpec } from './Dialog'
import { Toolbar } from './Toolbar'
import type { EditorHandle } from './editor/handle'
import { dispatchCommand, useCommandKeys } from './commands'
import { SidePanel } from './SidePanel'
import { FrontMatterPanel } from './FrontMatterPanel'
import { Splitter } from './Splitter'
import { gridColumns, useLayout } from './layout'
import { ProblemsPanel } from './problems/ProblemsPanel'
import { useProblems } from './problems/use-problems'
import { ExportControls } from './export/ExportControls'
import { useImageImport } from './images/useImageImport'
import { ImportStatus } from './images/ImportStatus'
import { ImageGallery } from './images/ImageGallery'
import { usePreviewImageBoxes } from './images/preview-boxes'
import { postPattern } from '../../common/posts'
import type { AutoSaveMode } from '../../common/settings'
import { usePostBuffers, type Notice } from './usePostBuffers'
import { useScrollSync } from './useScrollSync'
import { useRecoveries } from './recovery/useRecoveries'
import { RecoveryDialog } from './recovery/RecoveryDialog'
import { useSettings } from './useSettings'
import { withDeletedPosts } from './posts/deleted-posts'

export function App() {
  const [workspace, setWorkspace] = useState<Workspace | null>(null)
  const [posts, setPosts] = useState<PostSummary[]>([])
  const [notice, setNotice] = useState<Notice | null>(null)
  const [dialog, setDialog] = useState<DialogSpec | null>(null)
  const { layout, setLayout, narrow, clamp } = useLayout()
  const dragStart = useRef({ sidebarWidth: 0, outlineWidth: 0, editorShare: 0, total: 1 })
  const panesRef = useRef<HTMLElement>(null)
  const editorRef = useRef<EditorHandle | null>(null)
  // usePostBuffers still works on the view itself; it takes the handle when it becomes a class (issue 17, item 7).
  const viewRef = useRef<EditorView | null>(null)
  const previewRef = useRef<HTMLDivElement>(null)

  const fail = useCallback((error: unknown) => setNotice({ kind: 'error', text: messageOf(error) }), [])
  const [settings, changeSettings] = useSettings(fail)
  const setAutoSave = useCallback((autoSave: AutoSaveMode) => changeSettings({ autoSave }), [changeSettings])
  const refreshPosts = useCallback(() => void folio.listPosts().then(setPosts, fail), [fail])
  const { current, seed, text, dirty, deleted, bindView, openPost, reset, forget, discard, restore, save, saveAsNew, reloadFromDisk, onUpdate, setFrontMatter, imageRenamed, isDirty, currentPost } = usePostBuffers({
    viewRef,
    setNotice,
    fail,
    autoSave: settings.autoSave,
    refreshPosts
  })
  // Posts deleted on disk that still hold unsaved text stay listed, marked, until saved or discarded.
  const listed = useMemo(() => withDeletedPosts(posts, deleted), [posts, deleted])
  const attachScrollSync = useScrollSync(editorRef, previewRef, `${current}:${layout.preview}`)

  // Unsaved text an earlier run left behind (a crash, a kill, a power cut), offered back per post.
  const notifyInfo = useCallback((text: string) => setNotice({ kind: 'info', text }), [])
  const recovery = useRecoveries({ restore, isDirty, notify: notifyInfo })
  const offerRecoveries = recovery.offer

  const showWorkspace = useCallback(
    (ws: Workspace | null) => {
      if (!ws) return
      reset()
      setWorkspace(ws)
      setPosts(ws.posts)
      const first = ws.posts.find((p) => !p.problem) ?? ws.posts[0]
      void (first ? openPost(first.relPath) : Promise.resolve()).then(offerRecoveries).catch(fail)
    },
    [reset, openPost, offerRecoveries, fail]
  )

  useEffect(() => {
    folio.getWorkspace().then(showWorkspace, fail)
  }, [showWorkspace, fail])

  // Changes made by other programs: the post list follows (an open post's buffer sees to itself).
  useEffect(() => folio.on('postsChanged', ({ posts }) => setPosts(posts)), [])

  const runCommand = useCallback(
    (command: CommandId) => {
      if (!commandEnabled(command, { postOpen: currentPost() !== null })) return setNotice({ kind: 'info', text: `${plainLabel(command)} needs an open post.` })
      // A panel that owns a command runs it (insert image, export, the checker's; see commands.ts).
      if (dispatchCommand(command)) return
      const editor = editorRef.current
      if (isEditorCommand(command)) {
        editor?.run(command)
        editor?.focus()
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
              void folio.createPost(title).then((post) => {
                setPosts((prev) => [...prev.filter((p) => p.relPath !== post.relPath), post])
                void openPost(post.relPath)
              }, fail)
          })
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
          setNotice({ kind: 'info', text: `${plainLabel(command)} is not available here.` })
      }
    },
    [save, showWorkspace, fail, openPost, setLayout, currentPost]
  )

  useEffect(() => folio.on('menuCommand', ({ command }) => runCommand(command)), [runCommand])
  useCommandKeys(runCommand)

  const renamePost = useCallback(
    (post: PostSummary) =>
      setDialog({
        title: 'Rename post',
        input: { label: 'New name', value: post.relPath.replace(postPattern, '') },
        confirm: 'Rename',
        onConfirm: (name) => void (async () => {
          // The rename works on the file on disk: unsaved edits of the open post go there first.
          if (post.relPath === currentPost() && isDirty(post.relPath) && !(await save())) return
          await folio.renamePost(post.relPath, name).then(async (renamed) => {
            const wasOpen = forget(post.relPath)
            setPosts(await folio.listPosts())
            if (wasOpen) await openPost(renamed.relPath)
          }, fail)
        })().catch(fail)
      }),
    [fail, forget, isDirty, currentPost, openPost, save]
  )

  /** The way out of a read-only post: its text goes into a new post beside it, which then opens. */
  const saveAsNewPost = useCallback(
    (relPath: string) =>
      setDialog({
        title: 'Save as a new post',
        body: <p>This post is read-only. Your text goes into a new post beside it; the read-only post stays as it is.</p>,
        input: { label: 'Name of the new post', value: `${(relPath.split('/').pop() ?? relPath).replace(postPattern, '')}-copy` },
        confirm: 'Save',
        onConfirm: (name) =>
          void saveAsNew(relPath, name).then(async (created) => {
            if (!created) return
            setNotice(null)
            setPosts(await folio.listPosts())
            await openPost(created.relPath)
          }, fail)
      }),
    [fail, openPost, saveAsNew]
  )

  const deletePost = useCallback(
    (post: PostSummary) =>
      setDialog({
        title: `Move “${post.title}” to the trash?`,
        body: <p>The post and its image folder go to the system trash; you can restore them from there.</p>,
        confirm: 'Move to Trash',
        danger: true,
        onConfirm: () =>
          void folio.deletePost(post.relPath).then(async () => {
            const wasOpen = forget(post.relPath)
            const remaining = await folio.listPosts()
            setPosts(remaining)
            if (wasOpen && remaining[0]) void openPost(remaining[0].relPath)
          }, fail)
      }),
    [fail, forget, openPost]
  )

  const discardPost = useCallback(
    (relPath: string) => {
      const title = deleted.get(relPath)?.title ?? relPath
      setDialog({
        title: `Discard the unsaved changes to “${title}”?`,
        body: <p>Its file is no longer on disk, so the text in the editor is all that is left of it. Discarding it cannot be undone.</p>,
        confirm: 'Discard',
        danger: true,
        onConfirm: () =>
          void discard(relPath).then(async (wasOpen) => {
            setNotice((shown) => (shown?.relPath === relPath ? null : shown))
            const remaining = await folio.listPosts()
            setPosts(remaining)
            if (wasOpen && remaining[0]) void openPost(remaining[0].relPath)
          }, fail)
      })
    },
    [deleted, discard, fail, openPost]
  )

  const onCreate = useCallback(
    (editor: EditorHandle, view: EditorView) => {
      editorRef.current = editor
      viewRef.current = view
      bindView()
      attachScrollSync(editor)
    },
    [attachScrollSync, bindView]
  )

  // The editor's scroll event then brings the preview along.
  const jumpToLine = useCallback((line: number) => editorRef.current?.goToLine(line), [])

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
  const problems = useProblems({ relPath: current, text, editorRef })
  const images = useImageImport({ relPath: current, headings: rendered.pending || rendered.partial ? null : rendered.headings, editorRef })
  usePreviewImageBoxes(previewRef, current, text, rendered.blocks, layout.preview)

  return (
    <div className="app">
      <Toolbar workspaceName={workspace?.name ?? 'No folder'} layout={layout} postOpen={Boolean(current)} runCommand={runCommand}>
        <ExportControls relPath={current} dirty={current ? dirty.has(current) : false} save={save} />
      </Toolbar>
      {notice && (
        <div className={`notice ${notice.kind}`} role={notice.kind === 'info' ? 'status' : 'alert'}>
          <span>{notice.text}</span>
          {notice.kind === 'conflict' && notice.relPath && (
            <>
              <button onClick={() => void reloadFromDisk(notice.relPath!).then(() => setNotice(null), fail)}>Reload from disk</button>
              <button onClick={() => void save(true, notice.relPath)}>Keep mine and save</button>
            </>
          )}
          {notice.kind === 'deleted' && notice.relPath && (
            <>
              <button onClick={() => void save(false, notice.relPath)}>Save</button>
              <button onClick={() => discardPost(notice.relPath!)}>Discard…</button>
            </>
          )}
          {notice.kind === 'read-only' && notice.relPath && <button onClick={() => saveAsNewPost(notice.relPath!)}>Save as a new post…</button>}
          <button className="icon" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ✕
          </button>
        </div>
      )}
      <main className="panes" ref={panesRef} style={{ gridTemplateColumns: gridColumns(layout, narrow) }}>
        <PostList
          posts={listed}
          current={current}
          dirty={dirty}
          deleted={deleted}
          onOpen={openPost}
          onNew={() => runCommand('newPost')}
          onRename={renamePost}
          onDelete={deletePost}
          onDiscard={discardPost}
        />
        <Splitter label="Resize post list" onDrag={drag('sidebar')} />
        <section className="editor-pane" aria-label="Editor" aria-owns={current ? 'post-editor-host' : undefined}>
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
              imageHandler={images.dropHandler}
            />
          ) : (
            <div className="empty-state">{posts.length ? 'Choose a post to edit.' : 'This folder has no posts yet. Create one with “+ New”.'}</div>
          )}
        </section>
        {layout.preview && <Splitter label="Resize editor and preview" onDrag={drag('split')} />}
        {layout.preview && (
          <section className="preview-pane" aria-label="Preview" {...images.previewDrop}>
            {current && <Preview key={current} text={text} blocks={rendered.blocks} thread={rendered.thread} cut={rendered.cut} partial={rendered.partial} pending={rendered.pending} error={rendered.error} containerRef={previewRef} onLineClick={jumpToLine} />}
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
      <ImportStatus {...images.status} />
      <StatusBar stats={rendered.stats} relPath={current} dirty={current ? dirty.has(current) : false} encoding={seed?.encoding} autoSave={settings.autoSave} onAutoSave={setAutoSave} />
      {dialog && <Dialog spec={dialog} onClose={() => setDialog(null)} />}
      {recovery.state && <RecoveryDialog state={recovery.state} actions={recovery.actions} />}
    </div>
  )
}
