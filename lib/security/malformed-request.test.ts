// The requests Next.js cannot decode are recognised before it tries (lib/security/
// malformed-request.ts), and nothing React's own client sends is: every body produced by
// React's encodeReply for the values this app's actions take passes, and each malformed
// body that used to answer 500 is refused with 400 (413 past the limit).
import { createRequire } from "node:module";
import fc from "fast-check";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "../../proxy";
import { MAX_ACTION_DEPTH, SERVER_ACTION_BODY_LIMIT, malformedRouterState, serverActionProblem, undecodablePath } from "./malformed-request";
import { STATIC_SECURITY_HEADERS } from "./headers";
import { MALFORMED_ROUTER_STATE, ROUTER_STATE_HEADER, flagMalformedRouterState, routerStateIsMalformed } from "../../scripts/lib/router-state.mjs";

// React's reply encoder, as the browser runs it when a form calls a server action.
const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-turbopack/client.node") as {
  encodeReply: (value: unknown) => Promise<string | FormData>;
};

const ACTION_ID = "40cb0568414ffd8549abb492406ea87b1f00505922";
const URL_ = "http://127.0.0.1:3000/admin/settings";

function post(body: BodyInit | null, headers: Record<string, string> = {}, withAction = true): Request {
  return new Request(URL_, { method: "POST", headers: { ...(withAction ? { "next-action": ACTION_ID } : {}), ...headers }, body });
}
const text = (body: string) => post(body, { "content-type": "text/plain;charset=UTF-8" });
const multipart = (fields: [string, string][], withAction = true) => {
  const form = new FormData();
  for (const [k, v] of fields) form.append(k, v);
  return post(form, {}, withAction);
};
async function encoded(args: unknown[]): Promise<Request> {
  const body = await encodeReply(args);
  return typeof body === "string" ? text(body) : post(body);
}

describe("undecodablePath", () => {
  it.each(["/people/%ED%A0%80", "/cases/%ff", "/people/%", "/people/%E0%A4%A", "/api/people/%C0%AF/report.pdf", "/%"])("%s does not decode", (path) => {
    expect(undecodablePath(path)).toBe(true);
  });
  it.each(["/people/abc", "/people/%D9%85%DB%8C", "/people/%25ff", "/"])("%s does", (path) => {
    expect(undecodablePath(path)).toBe(false);
  });
});

describe("the router state header (scripts/lib/router-state.mjs, run by the app's server)", () => {
  const flagged = (value: string) => {
    const headers: Record<string, string> = { rsc: "1", [ROUTER_STATE_HEADER]: value };
    flagMalformedRouterState(headers);
    return headers;
  };
  it("refuses a header Next.js cannot parse: removed, and the request marked for the proxy", () => {
    for (const value of ["garbage", "%5B", "%E0%A4%A", encodeURIComponent('["",{}]'.repeat(3000)), encodeURIComponent('{"a":1}')]) {
      expect(routerStateIsMalformed(value), value.slice(0, 30)).toBe(true);
      expect(flagged(value), value.slice(0, 30)).toEqual({ rsc: "1", [MALFORMED_ROUTER_STATE]: "1" });
      expect(malformedRouterState(new Request("http://127.0.0.1:3000/dashboard", { headers: flagged(value) }))).toBe(true);
    }
    expect(routerStateIsMalformed(["a", "b"])).toBe(true);
  });
  it("lets the browser's own header through, and a request without one", () => {
    // The shape Next.js 16's router sends: [segment, parallel routes, url, refresh marker, ...].
    const state = encodeURIComponent(
      JSON.stringify([
        "",
        { children: ["(dashboard)", { children: ["dashboard", { children: ["__PAGE__", {}, null, null] }, null, null] }, null, null] },
        null,
        null,
      ]),
    );
    expect(routerStateIsMalformed(state)).toBe(false);
    expect(flagged(state)).toEqual({ rsc: "1", [ROUTER_STATE_HEADER]: state });
    expect(malformedRouterState(new Request("http://127.0.0.1:3000/dashboard", { headers: flagged(state) }))).toBe(false);
    expect(routerStateIsMalformed(undefined)).toBe(false);
    expect(malformedRouterState(new Request("http://127.0.0.1:3000/dashboard"))).toBe(false);
  });
});

describe("bodies React's client sends pass", () => {
  it("the forms' values, as encodeReply writes them", async () => {
    const shared = { personId: "p1", kind: "sister" };
    const samples: unknown[][] = [
      [{ values: { name: "Fatima", aliases: [{ name: "فاطمه", script: "PERSO_ARABIC" }], ageYears: undefined } }],
      [{ id: "c1", version: 3, values: { type: "ARREST", date: "2020-07-16", sourceIds: [], newSources: [] } }],
      [{ name: "$$ looks like a reference", when: new Date(0), n: 12n, nan: NaN, inf: -Infinity, neg: -0 }],
      [{ a: shared, b: shared, list: [shared] }], // a repeated object becomes "$0:..." references
      [{ publicAggregates: "on" }],
      [],
    ];
    for (const args of samples)
      expect(
        await serverActionProblem(await encoded(args)),
        JSON.stringify(args, (_k, v) => (typeof v === "bigint" ? String(v) : v)),
      ).toBeNull();
  });

  it('a settings form\'s FormData (multipart, "$K" reference)', async () => {
    const form = new FormData();
    form.set("publicAggregates", "on");
    const body = await encodeReply([form]);
    expect(body).toBeInstanceOf(FormData);
    expect(await serverActionProblem(post(body as FormData))).toBeNull();
  });

  it("any JSON value", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue({ maxDepth: 6 }), { maxLength: 3 }), async (args) => {
        expect(await serverActionProblem(await encoded(args))).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it("a form posted without JavaScript, and a POST that is no action at all", async () => {
    expect(
      await serverActionProblem(
        multipart(
          [
            [`$ACTION_ID_${ACTION_ID}`, ""],
            ["publicAggregates", "on"],
          ],
          false,
        ),
      ),
    ).toBeNull();
    expect(await serverActionProblem(multipart([["name", "x"]], false))).toBeNull();
    expect(await serverActionProblem(post("anything", { "content-type": "text/plain" }, false))).toBeNull();
  });
});

describe("malformed server-action requests are refused", () => {
  const deep = (n: number) => `[${"[".repeat(n)}${"]".repeat(n)}]`;
  it.each([
    ["an empty body", text(""), 400, /not JSON/],
    ["text that is not JSON", text("not json"), 400, /not JSON/],
    ["a JSON object instead of the argument list", text('{"publicAggregates":"on"}'), 400, /not a list of arguments/],
    ["a JSON string", text('"x"'), 400, /not a list of arguments/],
    ["too many arguments", text(JSON.stringify(Array(17).fill(0))), 400, /more than 16 arguments/],
    ["deep nesting", text(deep(100_000)), 400, new RegExp(`nested deeper than ${MAX_ACTION_DEPTH}`)],
    ["nesting just past the limit", text(deep(MAX_ACTION_DEPTH)), 400, /nested deeper/],
    ["a reference to a part a text body cannot carry", text('["$1"]'), 400, /references a part/],
    ["a path that resolves to nothing", text('[{"a":1,"b":"$0:0:nope"}]'), 400, /references a value/],
    ["a promise reference", text('["$@1"]'), 400, /form of value/],
    ["a temporary reference", text('["$T"]'), 400, /form of value/],
    ["a server reference", text('["$h1"]'), 400, /form of value/],
    ["a malformed BigInt", text('["$nxyz"]'), 400, /malformed number/],
    ["FormData in a text body", text('["$K1"]'), 400, /form data it does not carry/],
    ["invalid UTF-8", post(new Uint8Array([0x5b, 0x22, 0xff, 0x22, 0x5d]), { "content-type": "text/plain" }), 400, /not valid UTF-8/],
    ["a body over the limit", text(`["${"a".repeat(SERVER_ACTION_BODY_LIMIT)}"]`), 413, /limit is 1 MB/],
    ["a malformed action id", post("[]", { "next-action": "deadbeef", "content-type": "text/plain" }), 400, /not a server action id/],
    ["multipart that does not parse", post("garbage", { "content-type": "multipart/form-data; boundary=XX" }), 400, /does not parse/],
    ["multipart without a boundary", post("garbage", { "content-type": "multipart/form-data" }), 400, /does not parse/],
    ["multipart without its arguments part", multipart([["publicAggregates", "on"]]), 400, /no arguments part/],
    ["multipart whose reference points nowhere", multipart([["0", '["$2"]']]), 400, /references a part/],
    [
      "multipart whose part is not JSON",
      multipart([
        ["0", '["$1"]'],
        ["1", "{"],
      ]),
      400,
      /references a part/,
    ],
    ["a form field naming no action", multipart([["$ACTION_ID_nope", ""]], false), 400, /does not name a server action/],
    [
      "a bound form action",
      multipart(
        [
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", "{"],
        ],
        false,
      ),
      400,
      /bound form actions/,
    ],
  ] as const)("%s", async (_what, request, status, reason) => {
    const problem = await serverActionProblem(request);
    expect(problem?.status).toBe(status);
    expect(problem?.reason).toMatch(reason);
  });

  it("a declared length over the limit is refused without reading the body", async () => {
    const body = new ReadableStream({
      pull: () => {
        throw new Error("read");
      },
    });
    const request = new Request(URL_, {
      method: "POST",
      headers: { "next-action": ACTION_ID, "content-length": String(SERVER_ACTION_BODY_LIMIT + 1) },
      body,
      duplex: "half",
    } as RequestInit);
    expect((await serverActionProblem(request))?.status).toBe(413);
  });

  it("never throws, whatever the bytes", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 200 }),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        fc.boolean(),
        async (body, asMultipart) => {
          const request = asMultipart ? post(body, { "content-type": "multipart/form-data; boundary=X" }) : text(body);
          const problem = await serverActionProblem(request);
          if (problem) expect([400, 413]).toContain(problem.status);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("proxy.ts", () => {
  const expectSecurityHeaders = (res: Response) => {
    for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) expect(res.headers.get(name), name).toBe(value);
  };

  it("answers a malformed server-action body 400, with the security headers, before Next.js decodes it", async () => {
    const res = await proxy(
      new NextRequest(URL_, { method: "POST", headers: { "next-action": ACTION_ID, cookie: "next-auth.session-token=abc" }, body: "not json" }),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/^Malformed server action request: the body is not JSON\.$/);
    expectSecurityHeaders(res);
  });

  it("passes a well-formed one on to Next.js", async () => {
    const res = await proxy(
      new NextRequest(URL_, {
        method: "POST",
        headers: { "next-action": ACTION_ID, cookie: "next-auth.session-token=abc" },
        body: '[{"publicAggregates":"on"}]',
      }),
    );
    expect(res.headers.get("x-middleware-next")).toBe("1");
  });

  it("answers a navigation whose router state the app's server found unparseable 400", () => {
    const res = proxy(
      new NextRequest("http://127.0.0.1:3000/dashboard", { headers: { rsc: "1", [MALFORMED_ROUTER_STATE]: "1", cookie: "next-auth.session-token=abc" } }),
    ) as Response;
    expect(res.status).toBe(400);
    expectSecurityHeaders(res);
  });

  it("shows the not-found page for a page address that does not decode, and a JSON 400 for an API address", async () => {
    for (const path of ["/people/%ED%A0%80", "/cases/%ff"]) {
      for (const cookie of [true, false]) {
        const res = proxy(new NextRequest(`http://127.0.0.1:3000${path}`, { headers: cookie ? { cookie: "next-auth.session-token=abc" } : {} })) as Response;
        expect(new URL(res.headers.get("x-middleware-rewrite")!).pathname).toBe("/_not-found");
        expectSecurityHeaders(res);
      }
    }
    const api = proxy(new NextRequest("http://127.0.0.1:3000/api/people/%ff/report.pdf")) as Response;
    expect(api.status).toBe(400);
    expect(await api.json()).toEqual({ error: expect.stringMatching(/not valid/) });
    expectSecurityHeaders(api);
  });
});
