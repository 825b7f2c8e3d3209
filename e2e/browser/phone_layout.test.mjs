// Phone layout (issue 8): every page a rep and a manager can reach, at 390×844 on the demo
// organisation's data, must fit the screen: no horizontal overflow, and no control narrower
// than its label (a "Mark won" button squeezed to one letter per line).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { PHONE, api, artifacts, launchBrowser, signIn, startServer, token } from "./harness.mjs";

let server, browser;

before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

/// Problems with the layout of the current page, as readable lines (empty when it fits).
async function layoutProblems(page) {
  // The phone's width, not window.innerWidth: a mobile browser widens its layout viewport to
  // fit content that overflows, which would hide the very overflow looked for.
  return page.evaluate((width) => {
    const problems = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > width) problems.push(`page is ${doc.scrollWidth}px wide on a ${width}px screen`);
    const canvas = document.createElement("canvas").getContext("2d");
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && style.visibility !== "hidden" && style.display !== "none";
    };
    for (const el of document.querySelectorAll("body *")) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      // Anything reaching past the right edge (scrolling containers clip their children).
      let clipped = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const ox = getComputedStyle(p).overflowX;
        if (ox === "auto" || ox === "scroll" || ox === "hidden") { clipped = true; break; }
      }
      if (!clipped && r.right > width + 0.5) {
        problems.push(`<${el.tagName.toLowerCase()} class="${el.className}"> "${(el.innerText || "").trim().slice(0, 30)}" ends at ${Math.round(r.right)}px`);
      }
    }
    const controls = document.querySelectorAll("button, a.btn, [role=button], select, label.chip, .chip");
    for (const el of controls) {
      if (!visible(el)) continue;
      const text = (el.innerText || "").trim();
      if (!text) continue;
      const style = getComputedStyle(el);
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const longestWord = Math.max(...text.split(/\s+/).map((w) => canvas.measureText(w).width));
      const inner = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (longestWord > inner + 1) {
        problems.push(`control "${text.slice(0, 30)}" is ${Math.round(inner)}px wide inside, its word needs ${Math.round(longestWord)}px`);
      }
    }
    return problems;
  }, PHONE.viewport.width);
}

async function visit(page, path, who) {
  await page.goto(`${server.base}${path}`);
  await page.waitForLoadState("networkidle");
  // Let the app render what it loaded.
  await page.locator("main").first().waitFor();
  await page.waitForTimeout(300);
  const problems = await layoutProblems(page);
  const name = `${who}-phone${path.replaceAll("/", "-") || "-home"}.png`;
  await page.screenshot({ path: join(artifacts, name), fullPage: true });
  return problems.map((p) => `${who} ${path}: ${p}`);
}

for (const [who, email] of [
  ["rep", "priya.natarajan@demo.closebook.local"],
  ["manager", "maya.okafor@demo.closebook.local"],
]) {
  test(`every page a ${who} reaches fits a 390×844 phone`, async () => {
    const t = await token(server.base, email, "closebook-demo");
    const leads = (await api(server.base, t, "GET", "/leads?limit=200")).items;
    const open = leads.find((l) => l.outcome === "open" && l.next_contact_at);
    const won = leads.find((l) => l.outcome === "won");
    const lost = leads.find((l) => l.outcome === "lost");
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    await signIn(page, server.base, email, "closebook-demo");
    await page.getByRole("heading", { name: /Welcome/ }).waitFor();
    const problems = [];
    for (const path of ["/", "/leads", `/leads/${open.id}`, `/leads/${won.id}`, `/leads/${lost.id}`,
      "/pipeline", "/activity", "/commissions", "/commissions/residuals", "/commissions/what-if", "/profile",
      "/allocations/queue", "/territories/mine", "/territories", "/allocations/workload"]) {
      problems.push(...(await visit(page, path, who)));
    }
    await ctx.close();
    assert.deepEqual(problems, [], problems.join("\n"));
  });
}
