// Keeps database passwords out of every message: a URL's password becomes ***.

const URL_PASSWORD = /(postgres(?:ql)?:\/\/[^:/?#@\s]*:)[^@/?#\s]*@/gi;

export function redactUrl(text: string): string {
  return text.replace(URL_PASSWORD, '$1***@');
}
