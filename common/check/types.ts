import type { Root } from 'mdast'
import type { Diagnostic, TextEdit } from '../api'
import type { Heading } from '../outline'
import type { TocBlock, TocChange, TocOptions } from '../toc'
import type { ImageReference } from '../image-refs'

/**
 * What the caller found on disk for one post. common/ cannot look at files itself, so the
 * main process (electron/services/check-files.ts) gathers these facts and passes them in.
 * All paths are relative to the post's own folder, with forward slashes.
 */
export interface PostFileFacts {
  /** Files in the post's `<slug>-images/` folder (`trip-images/beach.jpg`); [] when it has none. */
  imageFiles: string[]
  /** Referenced local image paths (as {@link imageReferences} gives them) that exist as files. */
  existing: string[]
  /** Referenced paths that exist but lead out of the post's folder through a symlink. */
  escaping: string[]
}

/** The static site generator a post is written for; `auto` reads it from the front matter. */
export type Generator = 'auto' | 'ablog' | 'jekyll' | 'hugo'

export interface CheckOptions {
  /** How the table of contents is expected to look (depth range, indent). */
  toc?: TocOptions
  /** Decides which dates and tag forms are readable (default `auto`). */
  generator?: Generator
  /** Style rules from markdownlint: false turns them off; an object overrides rule settings. */
  markdownlint?: boolean | Record<string, unknown>
}

/** One post to check. */
export interface CheckInput {
  text: string
  /** The post's path (relative to the opened folder), used for its image folder's name. */
  relPath: string
  files: PostFileFacts
  options?: CheckOptions
}

/** What every rule gets: the post parsed once, and helpers for positions. */
export interface CheckContext {
  input: CheckInput
  text: string
  tree: Root
  headings: Heading[]
  /** Every image the post refers to, drafting notes included. */
  images: ImageReference[]
  toc: TocBlock | null
  /** The edit that would bring the TOC up to date; null when it is current or absent. */
  tocEdit: TextEdit | null
  /** What that edit adds, removes, relinks or retitles (empty when it is null). */
  tocChanges: TocChange[]
  /** Line, column and range of an offset span, ready to spread into a Diagnostic. */
  at(from: number, to?: number): Pick<Diagnostic, 'line' | 'column' | 'from' | 'to'>
  /** True when an offset lies in code (fenced, indented or inline), where text is shown as is. */
  inCode(offset: number): boolean
}

/** A check: one concern, one function, one file. */
export type Rule = (context: CheckContext) => Diagnostic[]
