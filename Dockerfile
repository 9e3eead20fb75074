# One image for the gateway and the subgraphs; docker-compose.yml picks the command.
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV TURBO_TELEMETRY_DISABLED=1
# supergraph.yaml is the registry of subgraphs: the gateway reads its subgraph list from it.
COPY package.json package-lock.json turbo.json supergraph.yaml ./
COPY packages packages
COPY services services
COPY gateway gateway
COPY integration-tests integration-tests
RUN npm ci --no-audit --no-fund \
 && npx turbo run build --output-logs=errors-only \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
# The outbox workers' send journal lives on a volume mounted here (docker-compose.yml).
RUN mkdir -p /var/lib/mitgen/mail-journal && chown node:node /var/lib/mitgen/mail-journal
USER node
# Overridden per container in docker-compose.yml.
CMD ["node", "gateway/dist/main.js"]
