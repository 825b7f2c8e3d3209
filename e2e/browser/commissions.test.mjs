// Commission journeys (issue 10): a rep's won deal reaches the Commission tab as a pending line
// with its explanation; a paid invoice's line goes through finance's approval queue and payout run
// (office portal) and shows paid on the rep's tab; the in-browser what-if equals the server's
// `POST /commissions/simulate` for random months.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ADMIN, PHONE, api, artifacts, launchBrowser, signIn as submitSignIn, startServer, token } from "./harness.mjs";

let server, browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

test("a won deal shows on the rep's Commission tab with its explanation", async () => {
  const admin = await token(server.base, ADMIN.email, ADMIN.password);
  await api(server.base, admin, "POST", "/users", {
    email: "cora@commission.example", name: "Cora Rep", role: "sales_rep",
    password: "coras-password-1", must_change_password: false,
  });
  const rep = await token(server.base, "cora@commission.example", "coras-password-1");
  const lead = await api(server.base, rep, "POST", "/leads", {
    company: "Harbor Grocers", deal_value: { amount: "12345.67", currency: "USD" },
  });
  await api(server.base, rep, "POST", `/leads/${lead.id}/outcome`, { outcome: "won" });

  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  await submitSignIn(page, server.base, "cora@commission.example", "coras-password-1");
  await page.getByRole("heading", { name: /Welcome/ }).waitFor();
  await page.getByRole("link", { name: "Commission" }).click();
  await page.getByRole("heading", { name: "Commission" }).waitFor();
  // The ledger's consumer runs every few seconds: reload until the line is there.
  const line = page.locator(".commission-line", { hasText: "New business" });
  for (let i = 0; i < 20 && (await line.count()) === 0; i++) {
    await page.waitForTimeout(1000);
    await page.reload();
  }
  await line.waitFor();
  assert.match(await line.innerText(), /\$617\.28/);
  assert.match(await line.innerText(), /Pending/);
  await line.locator("summary").click();
  await line.getByText("Sum 617.2835, rounded once to 617.28").waitFor();

  await page.screenshot({ path: join(artifacts, "commission-rep-phone.png") });
  await ctx.close();
});

/// The current period (the test server's organisation is on UTC, as the browser's default is).
const thisMonth = () => new Date().toISOString().slice(0, 7);

async function poll(what, fn) {
  for (let i = 0; i < 60; i++) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test("a won deal's paid invoice is approved and paid by finance, and shows paid on the rep's tab", async () => {
  const admin = await token(server.base, ADMIN.email, ADMIN.password);
  const secret = "journey-webhook-secret-0123456789";
  const settings = await api(server.base, admin, "GET", "/settings");
  await api(server.base, admin, "PATCH", "/settings", { billing_webhook_secret: secret, version: settings.version });
  for (const [email, name, role] of [["paz@commission.example", "Paz Rep", "sales_rep"], ["fin@commission.example", "Fin Ance", "finance"]]) {
    await api(server.base, admin, "POST", "/users", { email, name, role, password: "journey-password-1", must_change_password: false });
  }
  const rep = await token(server.base, "paz@commission.example", "journey-password-1");
  const finance = await token(server.base, "fin@commission.example", "journey-password-1");

  // The deal to won; the ledger's consumer locks the client's residual within seconds.
  const lead = await api(server.base, rep, "POST", "/leads", { company: "Quay Bakery", deal_value: { amount: "8000.00", currency: "USD" } });
  const won = await api(server.base, rep, "POST", `/leads/${lead.id}/outcome`, { outcome: "won" });
  await poll("the new-business line", async () => (await api(server.base, rep, "GET", "/commissions?rep=me")).items.length > 0);

  // The billing system's signed invoice.paid earns the client's residual at once.
  const body = JSON.stringify({
    type: "invoice.paid", invoice_id: "in_journey_1", client_id: won.client_id,
    amount: { amount: "499.00", currency: "USD" }, service_month: thisMonth(), paid_at: new Date().toISOString(),
  });
  const ts = Math.floor(Date.now() / 1000).toString();
  const signature = createHmac("sha256", secret).update(`${ts}.${body}`).digest("hex");
  const delivered = await fetch(`${server.base}/api/v1/billing/events`, {
    method: "POST", body,
    headers: { "content-type": "application/json", "x-closebook-timestamp": ts, "x-closebook-signature": `sha256=${signature}` },
  });
  assert.equal(delivered.status, 200, await delivered.text());

  // Finance signs in and lands in the office portal's approval queue.
  const office = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const desk = await office.newPage();
  await submitSignIn(desk, server.base, "fin@commission.example", "journey-password-1");
  await desk.getByRole("heading", { name: "Approvals" }).waitFor();
  assert.match(desk.url(), /\/finance\/commissions$/);
  await desk.getByLabel("Month").fill(thisMonth());
  const row = desk.locator("tr", { hasText: "Paz Rep" }).filter({ hasText: "Residual" });
  await row.waitFor();
  await row.getByRole("checkbox").check();
  await desk.getByRole("button", { name: "Approve selected (1)" }).click();
  await desk.getByText("Approved 1 line(s).").waitFor();
  await desk.screenshot({ path: join(artifacts, "commission-approvals-finance.png") });

  // The payout run for this month pays it.
  await desk.getByRole("link", { name: "Close & pay" }).first().click();
  await desk.getByRole("heading", { name: "Close & pay" }).waitFor();
  await desk.getByLabel("Month").fill(thisMonth());
  await desk.getByRole("button", { name: "Pay approved lines" }).click();
  const reference = `PAYOUT-${thisMonth()}-USD-1`;
  await desk.getByText(`${reference}: 1 line(s) paid`).waitFor();
  await desk.getByRole("cell", { name: reference }).waitFor();
  await desk.screenshot({ path: join(artifacts, "commission-payouts-finance.png") });
  await office.close();

  // The rep sees it paid: in the payout history, and on the line itself.
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  await submitSignIn(page, server.base, "paz@commission.example", "journey-password-1");
  await page.getByText("Earnings this month").waitFor();
  await page.getByRole("link", { name: "Commission" }).click();
  await page.getByRole("cell", { name: reference }).waitFor();
  const residual = page.locator(".commission-line", { hasText: "Residual" });
  await residual.waitFor();
  assert.match(await residual.innerText(), /Paid/);
  assert.match(await residual.innerText(), /\$200\.00/);
  await page.screenshot({ path: join(artifacts, "commission-paid-rep-phone.png") });
  // The month by type, and its statement as a PDF.
  await page.locator(".by-type", { hasText: "Residual" }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Statement (PDF)" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `statement-${thisMonth()}.pdf`);
  assert.equal((await readFile(await download.path())).subarray(0, 5).toString(), "%PDF-");

  // The rep disputes the pending new-business line; finance finds it flagged and adjusts it.
  const newBusiness = page.locator(".commission-line", { hasText: "New business" });
  await newBusiness.locator("summary").click();
  await newBusiness.getByRole("button", { name: "Dispute this line" }).click();
  await newBusiness.getByLabel("What is wrong").fill("The deal was 9,000.00, not 8,000.00");
  await newBusiness.getByRole("button", { name: "Send dispute" }).click();
  await page.getByText("Disputed: finance will look at it").waitFor();
  await page.locator(".commission-line", { hasText: "New business" }).locator(".badge", { hasText: "Disputed" }).waitFor();
  await ctx.close();

  const office2 = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const desk2 = await office2.newPage();
  await submitSignIn(desk2, server.base, "fin@commission.example", "journey-password-1");
  await desk2.getByRole("heading", { name: "Approvals" }).waitFor();
  await desk2.getByLabel("Status").selectOption({ label: "Disputed" });
  await desk2.getByLabel("Month").fill(thisMonth());
  const disputed = desk2.locator("tr", { hasText: "Paz Rep" }).filter({ hasText: "New business" });
  await disputed.locator(".flag", { hasText: "Disputed" }).waitFor();
  await disputed.getByRole("button", { name: "Resolve" }).click();
  const dialog = desk2.getByRole("dialog", { name: "Resolve the dispute" });
  await dialog.getByLabel(/Adjust it with a new line/).check();
  await dialog.getByLabel("Adjustment").fill("50.00");
  await dialog.getByLabel("Reason").fill("Deal value corrected to 9,000.00");
  await dialog.getByRole("button", { name: "Resolve" }).click();
  await desk2.getByText("Dispute resolved").waitFor();
  await office2.close();
  const lines = (await api(server.base, rep, "GET", "/commissions?rep=me")).items;
  assert.deepEqual(lines.filter((l) => l.line_type === "adjustment").map((l) => l.amount.amount), ["50.00"]);
});

/// A small seeded generator (mulberry32), so a failing month can be replayed from its seed.
function random(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test("the what-if computed in the browser equals POST /commissions/simulate for random months", async () => {
  const admin = await token(server.base, ADMIN.email, ADMIN.password);
  const rep = await api(server.base, admin, "POST", "/users", {
    email: "wim@commission.example", name: "Wim Rep", role: "sales_rep",
    password: "journey-password-1", must_change_password: false,
    base_salary: { amount: "1500.00", currency: "USD" },
  });
  // A tiered plan with a quota, so bands, tiers and the cap all take part.
  const plan = await api(server.base, admin, "POST", "/compensation-plans", {
    name: "What-if plan", currency: "USD", effective_from: "2020-01-01",
    rules: {
      new_business: { kind: "tiered", mode: "marginal", bands: [{ from_percent: "0", rate: "0.05" }, { from_percent: "100", rate: "0.10" }] },
      residual_tiers: [{ closes: 1, amount: "200.00" }, { closes: 2, amount: "250.00" }, { closes: 3, amount: "300.00" }],
      residual_fallback: "200.00", upsell_rate: "0.10", eligibility_days: 30, clawback_days: 45, dispute_days: 7,
      team_bonus: "0", override_rate: "0", cap_multiple: "3",
    },
  });
  await api(server.base, admin, "POST", `/users/${rep.id}/plan-assignments`, {
    plan_id: plan.id, effective_from: "2020-01-01", monthly_quota: { amount: "20000.00", currency: "USD" },
  });
  const wim = await token(server.base, "wim@commission.example", "journey-password-1");

  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await submitSignIn(page, server.base, "wim@commission.example", "journey-password-1");
  await page.getByRole("heading", { name: /Welcome/ }).waitFor();
  await page.goto(`${server.base}/commissions/what-if`);
  await page.getByRole("heading", { name: "What if…" }).waitFor();

  const seed = Number(process.env.WHAT_IF_SEED ?? Date.now() % 1e9);
  const next = random(seed);
  const today = new Date().toISOString().slice(0, 10);
  const money = (max) => (Math.floor(next() * max * 100) / 100).toFixed(2);
  for (let round = 0; round < 5; round++) {
    // Clear the form, then enter a random month.
    for (let n = await page.getByRole("button", { name: "Remove" }).count(); n > 0; n--) {
      await page.getByRole("button", { name: "Remove" }).first().click();
    }
    const deals = Array.from({ length: 1 + Math.floor(next() * 5) }, () => ({ value: money(15000), paid: next() < 0.5 }));
    const upsells = Array.from({ length: Math.floor(next() * 3) }, () => ({ price: money(2000) }));
    for (const [i, d] of deals.entries()) {
      await page.getByRole("button", { name: "Add a deal" }).click();
      await page.getByLabel("Deal value").nth(i).fill(d.value);
      await page.locator(".sim-row", { has: page.getByLabel("Deal value") }).nth(i).getByLabel("Date").fill(today);
      if (d.paid) await page.getByLabel("First month paid").nth(i).check();
    }
    for (const [i, u] of upsells.entries()) {
      await page.getByRole("button", { name: "Add an upsell" }).click();
      await page.getByLabel("Upsell price").nth(i).fill(u.price);
      await page.locator(".sim-row", { has: page.getByLabel("Upsell price") }).nth(i).getByLabel("Date").fill(today);
    }
    const server_ = await api(server.base, wim, "POST", "/commissions/simulate", {
      currency: "USD",
      deals: deals.map((d) => ({ value: d.value, won_on: today })),
      invoices: deals.flatMap((d, i) => (d.paid ? [{ deal: i, paid_on: today }] : [])),
      upsells: upsells.map((u) => ({ price: u.price, sold_on: today })),
    });
    const context = `seed ${seed}, round ${round}: ${JSON.stringify({ deals, upsells })}`;
    await page.locator(`.sim-net[data-net="${server_.net}"]`).waitFor({ timeout: 5000 }).catch(() => {});
    assert.equal(await page.locator(".sim-net").getAttribute("data-net"), server_.net, context);
    const shown = await page.locator(".sim-lines tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.amount));
    assert.deepEqual(shown, server_.lines.map((l) => l.amount), context);
  }
  await page.screenshot({ path: join(artifacts, "commission-what-if-rep.png") });
  await ctx.close();
});

test("finance edits a plan's bands, previews the draft on last month and saves it as a new version", async () => {
  const demo = await startServer({ demo: true });
  try {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await submitSignIn(page, demo.base, "grace.whitfield@demo.closebook.local", "closebook-demo");
    await page.getByRole("heading", { name: "Approvals" }).waitFor();
    await page.getByRole("link", { name: "Plans" }).first().click();
    await page.getByRole("heading", { name: "Plans" }).waitFor();
    await page.locator(".plan-summary", { hasText: "Field sales" }).getByRole("button", { name: "New version" }).click();
    const editor = page.locator("form.plan-editor");
    await editor.getByRole("heading", { name: "Field sales: new version" }).waitFor();
    // The demo plan is tiered: 5% from 0% of quota, 10% from 100%. A bad rate is named, and
    // nothing can be saved until it is fixed.
    const rates = editor.getByLabel("Rate (%)", { exact: true });
    assert.deepEqual(await rates.evaluateAll((inputs) => inputs.map((i) => i.value)), ["5", "10"]);
    await rates.nth(1).fill("twelve");
    await editor.getByText("new_business.bands[1].rate: `twelve` is not a number").waitFor();
    assert.equal(await editor.getByRole("button", { name: "Save" }).isDisabled(), true);
    await rates.nth(1).fill("12");
    // The preview runs last month's deals, invoices and upsells under both.
    await editor.getByRole("button", { name: "Preview on last month" }).click();
    await editor.locator("table.plan-preview tbody tr").first().waitFor();
    assert.match(await editor.locator("h3").innerText(), /now, .* under the draft/);
    await page.screenshot({ path: join(artifacts, "plan-editor-finance.png"), fullPage: true });
    await editor.getByRole("button", { name: "Save" }).click();
    await page.getByText("Field sales: version 2 saved").waitFor();
    await ctx.close();

    const finance = await token(demo.base, "grace.whitfield@demo.closebook.local", "closebook-demo");
    const plans = await api(demo.base, finance, "GET", "/compensation-plans");
    const plan = plans.items.find((p) => p.name === "Field sales");
    assert.equal(plan.versions.length, 2);
    assert.deepEqual(plan.versions[1].rules.new_business.bands.map((b) => b.rate), ["0.05", "0.12"]);
  } finally {
    demo.stop();
  }
});
