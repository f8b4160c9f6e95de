/**
 * The version of the privacy notice shown at /privacy. Registration records that the user accepted
 * this version (the consent box links to `/privacy?version=…`). Change it whenever the notice's
 * substance changes, together with the texts in `public.privacy` of the three catalogs.
 */
export const PRIVACY_VERSION = '2026-12-01';

/** The link a consent box points to: the notice of exactly the version being accepted. */
export const PRIVACY_URL = `/privacy?version=${PRIVACY_VERSION}`;
