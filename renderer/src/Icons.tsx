/** Small line icons (the UI must not depend on an emoji font being installed). */
const icon = (d: string) =>
  function Icon() {
    return (
      <svg className="svg-icon" viewBox="0 0 24 24" width="15" height="15" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d={d} />
      </svg>
    )
  }

export const FolderIcon = icon('M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z')
export const LinkIcon = icon('M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7')
export const TrashIcon = icon('M4 7h16M10 11v6M14 11v6M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12M9 7V4h6v3')
export const PencilIcon = icon('M4 20h4L19 9l-4-4L4 16zM14 6l4 4')
export const NoteIcon = icon('M5 4h14v12l-4 4H5zM15 20v-4h4M8 9h8M8 13h5')
export const ImageIcon = icon('M4 5h16v14H4zM4 15l4-4 5 5 3-3 4 4M15 9.5a1 1 0 1 0 0-.01')
export const ExportIcon = icon('M12 3v12M7 8l5-5 5 5M5 15v4h14v-4')
