// The demo page (web/) at /ui/ on both hosts, from the embedded copy in
// ui-assets.mjs (regenerate with `node scripts/bundle-ui.mjs`).
import { UI_ASSETS } from './ui-assets.mjs';

const encoder = new TextEncoder();
const TYPES = { html: 'text/html; charset=utf-8', mjs: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };
const bodies = new Map();

/** Whether a request is for the demo page. */
export function isUiPath(method, path) {
  return (method === 'GET' || method === 'HEAD') && (path === '/ui' || path.startsWith('/ui/'));
}

/**
 * Answers a /ui request: `/ui` redirects to `/ui/`, `/ui/` is index.html, `/ui/{file}` a page file.
 * @returns {{status: number, headers: Array<[string,string]>, body: Uint8Array}}
 */
export function uiReply(path) {
  if (path === '/ui') return { status: 308, headers: [['location', '/ui/']], body: new Uint8Array(0) };
  const name = path === '/ui/' ? 'index.html' : path.slice('/ui/'.length);
  const text = Object.hasOwn(UI_ASSETS, name) ? UI_ASSETS[name] : undefined;
  if (text === undefined) {
    return { status: 404, headers: [['content-type', 'text/plain; charset=utf-8']], body: encoder.encode('not found\n') };
  }
  if (!bodies.has(name)) bodies.set(name, encoder.encode(text));
  return { status: 200, headers: [['content-type', TYPES[name.split('.').pop()]], ['cache-control', 'no-cache']],
    body: bodies.get(name) };
}
