// Commission journeys (issue 10): a rep's won deal reaches the Commission tab as a pending line
// with its explanation. (The plan card and the in-browser what-if wait for the app split: the
// bundle budget.)
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
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
