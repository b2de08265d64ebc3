// Limits of the exchange over HTTP, shared by the route handler and the page that explains them.

/** Largest exchange file accepted by POST /api/exchange/import (the CLI, npm run exchange:import, has none). */
export const EXCHANGE_MAX_BYTES = 256 * 1024 * 1024;
