import { config } from "zod";
import { describe, expect, it } from "vitest";
import "./zod-jitless";

describe("zod-jitless", () => {
  it("switches zod's eval-based JIT off (the CSP forbids eval in the browser)", () => {
    expect(config().jitless).toBe(true);
  });
});
