import { describe, expect, it } from "vitest";
import { DEFAULT_HEAP_MB, heapFlag, serverHeapMb } from "../../scripts/lib/server-heap";

describe("serverHeapMb (NODE_HEAP_MB)", () => {
  it("defaults to 1,024 MB when unset or blank", () => {
    expect(DEFAULT_HEAP_MB).toBe(1024);
    expect(serverHeapMb({})).toBe(1024);
    expect(serverHeapMb({ NODE_HEAP_MB: "  " })).toBe(1024);
  });

  it("takes a whole number of megabytes from 256 to 65,536", () => {
    expect(serverHeapMb({ NODE_HEAP_MB: "2048" })).toBe(2048);
    expect(serverHeapMb({ NODE_HEAP_MB: "256" })).toBe(256);
    expect(heapFlag(2048)).toBe("--max-old-space-size=2048");
  });

  it("refuses anything else, naming the variable and the value", () => {
    for (const bad of ["1.5", "255", "65537", "1GB", "-1", "abc"]) {
      expect(() => serverHeapMb({ NODE_HEAP_MB: bad }), bad).toThrow(`NODE_HEAP_MB must be a whole number of megabytes between 256 and 65536, got "${bad}"`);
    }
  });
});
