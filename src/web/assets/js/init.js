// Progressive enhancement only: every page works without it (WEB.md §1.2).
import { initAll } from './govuk-frontend.js';

initAll();
