/**
 * Where to go after signing in: only a path on this portal. Anything that a browser could read as
 * another site (`//evil`, `/\evil`, `https:`…) or a non-page (the API) falls back to the account page.
 */
export function safeReturnTo(value: unknown, fallback = '/account'): string {
  if (typeof value !== 'string' || value.length > 2000) {
    return fallback;
  }
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return fallback;
  }
  if (/\p{Cc}/u.test(value) || value.startsWith('/api/') || value.startsWith('/login')) {
    return fallback;
  }
  return value;
}
