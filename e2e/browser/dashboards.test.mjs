// Dashboards (issue 12): on the demo organisation, a rep's home shows the week's Sales Leak and
// its numbers page the quota forecast, suggestions and charts; a manager's shows each rep's
// production status and the funnel — the same numbers the API gives.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { api, artifacts, launchBrowser, signIn as submitSignIn, startServer, token } from "./harness.mjs";

let server, browser;
const desktop = { viewport: { width: 1440, height: 900 } };
const REP = "priya.natarajan@demo.closebook.local";
const MANAGER = "maya.okafor@demo.closebook.local";
const PASSWORD = "closebook-demo";

before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

async function signIn(page, email) {
  await submitSignIn(page, server.base, email, PASSWORD);
  await page.getByRole("heading", { name: /Welcome/ }).waitFor();
}

test("a rep sees its Sales Leak at home and its quota forecast, suggestions and charts", async () => {
  const rep = await token(server.base, REP, PASSWORD);
  const leak = await api(server.base, rep, "GET", "/analytics/sales-leak");
  const dash = await api(server.base, rep, "GET", "/dashboard/rep");

  const ctx = await browser.newContext(desktop);
  const page = await ctx.newPage();
  await signIn(page, REP);
  const card = page.getByTestId("sales-leak");
  await card.waitFor();
  assert.equal(await card.getByTestId("leak-line").textContent(), leak.leak_line);

  await page.getByTestId("numbers-link").click();
  await page.getByRole("heading", { name: "Numbers" }).waitFor();
  await page.getByTestId("quota-line").waitFor();
  assert.equal(await page.getByTestId("quota-line").textContent(), dash.quota.line);
  assert.match(dash.quota.line, /^On track to [0-9]+\.[0-9]{2} USD/);
  assert.equal(await page.getByTestId("active-leads").textContent(), String(dash.snapshot.active_leads));
  const suggestions = page.getByTestId("suggestions");
  await suggestions.waitFor();
  for (const s of dash.suggestions) {
    await suggestions.getByText(s.reason, { exact: true }).first().waitFor();
  }
  await page.getByTestId("heatmap").waitFor();
  await page.getByTestId("scorecard-trend").waitFor();
  await page.screenshot({ path: join(artifacts, "dashboard-rep.png"), fullPage: true });
  await ctx.close();
});

test("a manager sees each rep's production status, attainment and the funnel", async () => {
  const manager = await token(server.base, MANAGER, PASSWORD);
  const dash = await api(server.base, manager, "GET", "/dashboard/manager");
  assert.ok(dash.reps.length >= 5);

  const ctx = await browser.newContext(desktop);
  const page = await ctx.newPage();
  await signIn(page, MANAGER);
  await page.getByRole("link", { name: "Numbers" }).first().click();
  await page.getByRole("heading", { name: "Numbers" }).waitFor();
  const table = page.getByTestId("rep-status");
  await table.waitFor();
  const rows = table.locator("tbody tr");
  assert.equal(await rows.count(), dash.reps.length);
  for (const [i, r] of dash.reps.entries()) {
    const cells = rows.nth(i).locator("td");
    assert.equal(await cells.nth(0).textContent(), r.rep_name);
    const label = { green: "On pace", yellow: "At risk", red: "Below minimum" }[r.production.status];
    assert.equal(await cells.nth(1).textContent(), `${label} ${r.production.closes_90_days} closes`);
    assert.equal(await cells.nth(3).textContent(), r.quota_attainment === null ? "—" : `${r.quota_attainment}%`);
  }
  const funnel = page.getByTestId("funnel");
  await funnel.waitFor();
  assert.equal(await funnel.locator("rect").count(), dash.funnel.length);
  await page.getByTestId("attainment").waitFor();

  // The leaderboard ranks the manager's reps.
  await page.getByRole("link", { name: "Leaderboard" }).first().click();
  await page.getByTestId("leaderboard").waitFor();
  assert.ok((await page.getByTestId("leaderboard").locator("tbody tr").count()) >= 5);
  await page.screenshot({ path: join(artifacts, "dashboard-manager.png"), fullPage: true });
  await ctx.close();
});
