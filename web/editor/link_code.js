// The code of a share link (link format 2, web/share_link.hpp): in the
// page's URL, `code=` holds base64url(deflate-raw(UTF-8 text)); the C++ link
// codec sees the text itself, percent-encoded. These two functions convert a
// whole query string between the two forms at the page's boundary.
//
// Invariants: every other key=value is passed through byte for byte, in its
// place; toCodec(fromCodec(q)) gives back q's code, byte for byte (its
// percent-encoding may differ); a code= the page cannot read is an error
// (a message), never a guess.

async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function base64url(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function unbase64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 == 1) throw new Error('it is not base64url');
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

// Splits a query (with or without '?') into its items, keeping each as written.
function items(query) {
  return query.replace(/^\?/, '').split('&').filter((it) => it !== '');
}
const isCode = (item) => item.split('=')[0] == 'code';

// The codec's query (code= percent-encoded text) as it goes into the URL.
export async function fromCodec(query) {
  const out = [];
  for (const item of items(query)) {
    if (!isCode(item)) { out.push(item); continue; }
    const text = decodeURIComponent(item.slice(5));
    const packed = await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
    out.push('code=' + base64url(packed));
  }
  return out.join('&');
}

// The URL's query as the codec reads it: {query} or {query, error}; with an
// error, query is the rest of the link (for nothing: the page shows the
// defaults and the error).
export async function toCodec(query) {
  const out = [];
  for (const item of items(query)) {
    if (!isCode(item)) { out.push(item); continue; }
    let text;
    try {
      const bytes = await pipe(unbase64url(item.slice(5)), new DecompressionStream('deflate-raw'));
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (e) {
      return { query: out.join('&'), error: 'code= is not a program this playground wrote (' +
               (e && e.message ? e.message : 'it does not inflate') + ')' };
    }
    out.push('code=' + encodeURIComponent(text));
  }
  return { query: out.join('&') };
}
