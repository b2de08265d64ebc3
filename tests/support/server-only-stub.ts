// Stand-in for the "server-only" marker package inside Vitest (Node, not a client bundle).
export {};
