import { describe, expect, test } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import ts from 'typescript'
import { fromHtml } from 'hast-util-from-html'
import type { Element, Nodes } from 'hast'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { serveWorkspaceFile, servedHeaders } from '../../electron/services/files'
import { appEntryUrl } from '../../electron/services/app-protocol'
import { tempFolder } from './fs-helpers'

/**
 * Electron's security checklist, checked on the source: the Electron binary cannot run
 * here, so main.ts, ipc.ts and preload.ts are parsed with the TypeScript compiler and their
 * window options and handlers inspected; the renderer's CSP is read from its index.html.
 */
const repo = resolve(import.meta.dirname, '../..')
const parse = (relPath: string) => ts.createSourceFile(relPath, readFileSync(resolve(repo, relPath), 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)

function descendants(node: ts.Node): ts.Node[] {
  const all: ts.Node[] = []
  const visit = (n: ts.Node) => {
    all.push(n)
    n.forEachChild(visit)
  }
  node.forEachChild(visit)
  return all
}

/** Calls `<anything>.<method>(...)`, optionally only those whose first argument is the string `first`. */
const methodCalls = (root: ts.Node, method: string, first?: string) =>
  descendants(root).filter(
    (n): n is ts.CallExpression =>
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      n.expression.name.text === method &&
      (first === undefined || (n.arguments[0] !== undefined && ts.isStringLiteral(n.arguments[0]) && n.arguments[0].text === first))
  )

const functionArg = (call: ts.CallExpression, index: number): ts.ArrowFunction | ts.FunctionExpression => {
  const fn = call.arguments[index]
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) throw new Error(`argument ${index} of ${call.getText().slice(0, 60)} is not an inline function`)
  return fn
}

const paramName = (fn: ts.ArrowFunction | ts.FunctionExpression, index: number): string => {
  const param = fn.parameters[index]
  if (!param || !ts.isIdentifier(param.name)) throw new Error(`parameter ${index} is not a plain name`)
  return param.name.text
}

const property = (object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined => {
  const found = object.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText().replace(/['"]/g, '') === name)
  return found?.initializer
}

/** The values a function can return: its expression body, or every `return` in it. */
const returnedValues = (fn: ts.ArrowFunction | ts.FunctionExpression): ts.Expression[] => {
  if (!ts.isBlock(fn.body)) return [ts.isParenthesizedExpression(fn.body) ? fn.body.expression : fn.body]
  return descendants(fn.body)
    .filter(ts.isReturnStatement)
    .map((r) => r.expression!)
}

const main = parse('electron/main.ts')
const isTrue = (e: ts.Expression | undefined) => e?.kind === ts.SyntaxKind.TrueKeyword
const isFalse = (e: ts.Expression | undefined) => e?.kind === ts.SyntaxKind.FalseKeyword

describe('BrowserWindow options (electron/main.ts)', () => {
  const windows = descendants(main).filter((n): n is ts.NewExpression => ts.isNewExpression(n) && n.expression.getText() === 'BrowserWindow')

  test('there is a window to check', () => expect(windows.length).toBeGreaterThan(0))

  for (const [option, check, words] of [
    ['contextIsolation', isTrue, 'true'],
    ['sandbox', isTrue, 'true'],
    ['nodeIntegration', isFalse, 'false'],
    ['webSecurity', (e: ts.Expression | undefined) => e === undefined || isTrue(e), 'absent or true']
  ] as const) {
    test(`webPreferences.${option} is ${words}`, () => {
      for (const win of windows) {
        const options = win.arguments?.[0]
        expect(options && ts.isObjectLiteralExpression(options)).toBe(true)
        const prefs = property(options as ts.ObjectLiteralExpression, 'webPreferences')
        expect(prefs && ts.isObjectLiteralExpression(prefs)).toBe(true)
        const value = property(prefs as ts.ObjectLiteralExpression, option)
        expect(check(value), `${option}: ${value?.getText() ?? 'absent'}`).toBe(true)
      }
    })
  }

  test('no option turns a protection back off', () => {
    for (const win of windows) {
      const prefs = property(win.arguments![0] as ts.ObjectLiteralExpression, 'webPreferences') as ts.ObjectLiteralExpression
      expect(prefs.properties.some(ts.isSpreadAssignment), 'webPreferences built from a spread cannot be checked').toBe(false)
      for (const risky of ['nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'allowRunningInsecureContent', 'experimentalFeatures', 'webviewTag']) {
        expect(isTrue(property(prefs, risky)), risky).toBe(false)
      }
      expect(property(prefs, 'enableBlinkFeatures'), 'enableBlinkFeatures').toBeUndefined()
    }
  })
})

describe('every web contents is locked down (web-contents-created)', () => {
  const [created] = methodCalls(main, 'on', 'web-contents-created')
  const handler = created && functionArg(created, 1)
  test('there is a web-contents-created handler', () => expect(handler).toBeDefined())
  const contents = handler ? paramName(handler, 1) : ''

  /** The handler given to `<contents>.<method>(name?, fn)` inside web-contents-created. */
  const on = (method: string, event?: string) => {
    const calls = methodCalls(handler!, method, event).filter((c) => (c.expression as ts.PropertyAccessExpression).expression.getText() === contents)
    expect(calls.length, `${contents}.${method}(${event ?? ''})`).toBe(1)
    return functionArg(calls[0]!, event === undefined ? 0 : 1)
  }
  /** True when the function body calls `<first param>.preventDefault()` unconditionally. */
  const preventsAlways = (fn: ts.ArrowFunction | ts.FunctionExpression) => {
    const call = `${paramName(fn, 0)}.preventDefault()`
    if (!ts.isBlock(fn.body)) return fn.body.getText() === call
    return fn.body.statements.some((s) => ts.isExpressionStatement(s) && s.expression.getText() === call)
  }

  test('will-navigate is prevented (the only exception: reloading the same URL)', () => {
    const fn = on('on', 'will-navigate')
    expect(preventsAlways(fn)).toBe(true)
    const early = (fn.body as ts.Block).statements.filter(ts.isIfStatement).filter((s) => ts.isReturnStatement(s.thenStatement))
    for (const guard of early) expect(guard.expression.getText()).toMatch(/^url === \w+\.getURL\(\)$/)
  })

  test('window.open and target=_blank are denied', () => {
    const values = returnedValues(on('setWindowOpenHandler'))
    expect(values.length).toBeGreaterThan(0)
    for (const value of values) {
      expect(ts.isObjectLiteralExpression(value)).toBe(true)
      expect(property(value as ts.ObjectLiteralExpression, 'action')?.getText()).toBe("'deny'")
    }
  })

  test('webviews are never attached', () => {
    expect(preventsAlways(on('on', 'will-attach-webview'))).toBe(true)
  })
})

describe('session and protocol', () => {
  test('every permission request is denied', () => {
    const [request] = methodCalls(main, 'setPermissionRequestHandler')
    const fn = functionArg(request!, 0)
    const callback = paramName(fn, 2)
    const answers = descendants(fn).filter((n): n is ts.CallExpression => ts.isCallExpression(n) && n.expression.getText() === callback)
    expect(answers.length).toBeGreaterThan(0)
    for (const answer of answers) expect(isFalse(answer.arguments[0])).toBe(true)
  })

  test('every permission check answers false', () => {
    const [check] = methodCalls(main, 'setPermissionCheckHandler')
    const values = returnedValues(functionArg(check!, 0))
    expect(values.length).toBeGreaterThan(0)
    for (const value of values) expect(isFalse(value)).toBe(true)
  })

  test('the image scheme does not bypass the CSP', () => {
    const [register] = methodCalls(main, 'registerSchemesAsPrivileged')
    expect(register?.getText()).not.toMatch(/bypassCSP:\s*true/)
  })

  /** The `protocol.handle(<scheme>, fn)` call for a scheme constant of main.ts. */
  const handlerOf = (scheme: string) => {
    const calls = methodCalls(main, 'handle').filter((c) => c.arguments[0]?.getText() === scheme)
    expect(calls, `protocol.handle(${scheme}, …)`).toHaveLength(1)
    return functionArg(calls[0]!, 1)
  }

  test('the image protocol answers with the served file’s headers, and those forbid scripts', () => {
    expect(handlerOf('imageScheme').getText()).toMatch(/headers:\s*\w+\.headers/)
    const headers = servedHeaders('image/svg+xml')
    expect(headers['content-security-policy']).toMatch(/default-src 'none'/)
    expect(headers['content-security-policy']).not.toMatch(/script-src/)
    expect(headers['x-content-type-options']).toBe('nosniff')
  })

  test('an SVG with a script is served as it is, under a CSP that forbids running it', async () => {
    const { dir, cleanup } = await tempFolder('folio-svg-')
    try {
      await writeFile(join(dir, 'evil.svg'), '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>')
      const served = await serveWorkspaceFile(dir, '/evil.svg')
      expect(served?.type).toBe('image/svg+xml')
      expect(served?.headers['content-security-policy']).toMatch(/^default-src 'none';.*\bsandbox\b/)
    } finally {
      await cleanup()
    }
  })

  test('the renderer loads from the privileged app:// scheme, never from file://', () => {
    const source = main.getFullText()
    expect(source).not.toMatch(/pathToFileURL|loadFile\(|['"`]file:/)
    const [load] = methodCalls(main, 'loadURL')
    expect(load?.arguments[0]?.getText()).toBe('rendererUrl')
    const rendererUrl = descendants(main).find((n): n is ts.VariableDeclaration => ts.isVariableDeclaration(n) && n.name.getText() === 'rendererUrl')
    // The dev server in development, else the app scheme's entry page.
    expect(rendererUrl?.initializer?.getText()).toBe('process.env.ELECTRON_RENDERER_URL ?? appEntryUrl')
    expect(appEntryUrl).toBe('app://folio/index.html')
  })

  test('the app scheme is registered standard and secure, and served only from out/renderer', () => {
    const [register] = methodCalls(main, 'registerSchemesAsPrivileged')
    const list = register?.arguments[0]
    expect(list && ts.isArrayLiteralExpression(list)).toBe(true)
    const entry = (list as ts.ArrayLiteralExpression).elements.find(
      (e): e is ts.ObjectLiteralExpression => ts.isObjectLiteralExpression(e) && property(e, 'scheme')?.getText() === 'appScheme'
    )
    const privileges = entry && property(entry, 'privileges')
    expect(privileges && ts.isObjectLiteralExpression(privileges)).toBe(true)
    expect(isTrue(property(privileges as ts.ObjectLiteralExpression, 'standard'))).toBe(true)
    expect(isTrue(property(privileges as ts.ObjectLiteralExpression, 'secure'))).toBe(true)
    expect(property(privileges as ts.ObjectLiteralExpression, 'bypassCSP')).toBeUndefined()
    expect(handlerOf('appScheme').getText()).toMatch(/serveAppFile\(rendererDir, \w+\.url\)/)
    const rendererDir = descendants(main).find((n): n is ts.VariableDeclaration => ts.isVariableDeclaration(n) && n.name.getText() === 'rendererDir')
    expect(rendererDir?.initializer?.getText()).toBe("join(import.meta.dirname, '../renderer')")
  })

  test('IPC calls are checked against the sender frame with isTrustedSender', () => {
    expect(descendants(main).some((n) => ts.isCallExpression(n) && n.expression.getText() === 'isTrustedSender')).toBe(true)
    const ipc = parse('electron/ipc.ts')
    const [handle] = methodCalls(ipc, 'handle')
    const fn = functionArg(handle!, 1)
    const first = (fn.body as ts.Block).statements[0]
    expect(first && ts.isIfStatement(first) && first.expression.getText()).toMatch(new RegExp(`^!\\w+\\(${paramName(fn, 0)}\\.senderFrame\\)$`))
  })
})

describe('preload exposes only the contract', () => {
  const preload = parse('electron/preload.ts')
  test('window.folio is the one thing exposed', () => {
    const exposed = methodCalls(preload, 'exposeInMainWorld')
    expect(exposed.map((c) => c.arguments[0]?.getText())).toEqual(["'folio'"])
  })
  test('ipcRenderer is only ever called, never handed out', () => {
    const uses = descendants(preload).filter((n) => ts.isIdentifier(n) && n.text === 'ipcRenderer' && !ts.isImportSpecifier(n.parent))
    expect(uses.length).toBeGreaterThan(0)
    for (const use of uses) {
      const access = use.parent
      expect(ts.isPropertyAccessExpression(access) && ['invoke', 'on', 'removeListener'].includes(access.name.text) && ts.isCallExpression(access.parent), use.parent.getText()).toBe(true)
    }
  })
})

describe("the renderer's Content Security Policy (renderer/index.html)", () => {
  const path = resolve(repo, 'renderer/index.html')
  test('index.html exists', () => expect(existsSync(path)).toBe(true))
  const elements = (node: Nodes): Element[] => [...(node.type === 'element' ? [node] : []), ...('children' in node ? node.children.flatMap(elements) : [])]
  const page = existsSync(path) ? elements(fromHtml(readFileSync(path, 'utf8'))) : []
  const meta = page.find((e) => e.tagName === 'meta' && String(e.properties.httpEquiv).toLowerCase() === 'content-security-policy')
  const directives = new Map(
    String(meta?.properties.content ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values])
  )

  test('there is a CSP meta tag', () => expect(meta).toBeDefined())
  test("scripts only from 'self': no unsafe-inline, unsafe-eval, data:, blob: or remote hosts", () => {
    expect(directives.get('script-src') ?? directives.get('default-src')).toEqual(["'self'"])
    for (const name of ['script-src-elem', 'script-src-attr']) expect(directives.get(name) ?? ["'self'"]).toEqual(["'self'"])
  })
  test("object-src 'none'", () => expect(directives.get('object-src')).toEqual(["'none'"]))
  test("base-uri and form-action are locked", () => {
    expect(directives.get('base-uri')).toEqual(["'none'"])
    expect(directives.get('form-action')).toEqual(["'none'"])
  })
  test('no inline scripts in the page', () => {
    for (const script of page.filter((e) => e.tagName === 'script')) expect(script.properties.src).toBeTruthy()
  })
})
