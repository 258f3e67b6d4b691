// Keeps database passwords out of every message: in URLs found in any text, and, for a URL the tool was
// given, wherever a driver or server message echoes the URL or its password. pg takes a password from
// the user:password@ part and from a `password` query parameter (which wins), so both are secrets.

const URL_PASSWORD = /(postgres(?:ql)?:\/\/[^:/?#@\s]*:)[^@/?#\s]*@/gi;
const URL_QUERY = /(postgres(?:ql)?:\/\/[^?#\s]*\?)([^#\s]*)/gi;
// A value already masked stays as it is, with the punctuation a sentence put after the URL.
const QUERY_PASSWORD = /((?:^|&)password=)(?!\*\*\*[.,:;)]*$)[^&]*/gi;

/** Any postgres:// URL in `text` with its passwords as ***. */
export function redactUrl(text: string): string {
  return text
    .replace(URL_PASSWORD, '$1***@')
    .replace(URL_QUERY, (_, head: string, query: string) => head + query.replace(QUERY_PASSWORD, '$1***'));
}

/** A database URL for display, its passwords masked. */
export function maskedUrl(url: URL): string {
  const shown = new URL(url.toString());
  if (shown.password) shown.password = '***';
  if (shown.searchParams.has('password')) shown.searchParams.set('password', '***');
  return shown.toString();
}

/** The URL's passwords, each as written in the URL and as pg decodes it. */
export function urlPasswords(url: URL): string[] {
  const written = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair.includes('=') && new URLSearchParams(pair).has('password'))
    .map((pair) => pair.slice(pair.indexOf('=') + 1));
  const all = [url.password, safeDecode(url.password), ...written, ...url.searchParams.getAll('password')];
  return [...new Set(all.filter((s) => s.length > 0))];
}

/** Removes `rawUrl` (shown masked) and its passwords, raw and decoded, from any text. */
export function secretRedactor(rawUrl: string): (text: string) => string {
  let parsed: URL | null = null;
  try {
    parsed = new URL(rawUrl);
  } catch {
    // an unparsable URL is still replaced whole below
  }
  const display = parsed ? maskedUrl(parsed) : '(unparsable database URL)';
  // Longest first: a password inside another must not leave the rest of that one readable.
  const secrets = (parsed ? urlPasswords(parsed) : []).sort((a, b) => b.length - a.length);
  return (text) => secrets.reduce((t, s) => t.split(s).join('***'), redactUrl(text.split(rawUrl).join(display)));
}

/** A URL part decoded, or as written when a stray `%` makes it undecodable (pg sends it so). */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
