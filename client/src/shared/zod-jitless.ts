// Injected first into every page by the client build (build/build-client.ts), before any
// shared schema is built: zod decides at construction whether to generate
// parsers with `new Function`, which the pages' CSP forbids (and reports). Interpreted parsers
// give the same answers.
import * as z from 'zod';

z.config({ jitless: true });
