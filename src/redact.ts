// Keeps database passwords out of every message: in URLs found in any text, and, for a URL the tool was
// given, wherever a driver or server message echoes the URL or its password.

const URL_PASSWORD = /(postgres(?:ql)?:\/\/[^:/?#@\s]*:)[^@/?#\s]*@/gi;

/** Any postgres:// URL in `text` with its password as ***. */
export function redactUrl(text: string): string {
  return text.replace(URL_PASSWORD, '$1***@');
}

/** A database URL for display, its password masked. */
export function maskedUrl(url: URL): string {
  const shown = new URL(url.toString());
  if (shown.password) shown.password = '***';
  return shown.toString();
}

/** Removes `rawUrl` (shown masked) and its password, raw and decoded, from any text. */
export function secretRedactor(rawUrl: string): (text: string) => string {
  let parsed: URL | null = null;
  try {
    parsed = new URL(rawUrl);
  } catch {
    // an unparsable URL is still replaced whole below
  }
  const display = parsed ? maskedUrl(parsed) : '(unparsable database URL)';
  const password = parsed?.password ?? '';
  const secrets = [password, safeDecode(password)].filter((s) => s.length > 0);
  return (text) => secrets.reduce((t, s) => t.split(s).join('***'), redactUrl(text.split(rawUrl).join(display)));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
