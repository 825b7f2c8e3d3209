// Pipeline journeys (issue 4): a rep on a phone adds a lead, logs a call and moves it through
// stages to won; the manager sees the team's leads on the kanban board.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ADMIN, PHONE, api, artifacts, launchBrowser, signIn as submitSignIn, startServer, token } from "./harness.mjs";

let server, browser;
const desktop = { viewport: { width: 1440, height: 900 } };

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

async function signIn(page, email, password) {
  await submitSignIn(page, server.base, email, password);
  await page.getByRole("heading", { name: /Welcome/ }).waitFor();
}

test("a rep adds a lead on a phone, logs a call, wins it; the manager sees leads on the kanban", async () => {
  const admin = await token(server.base, ADMIN.email, ADMIN.password);
  const manager = await api(server.base, admin, "POST", "/users", {
    email: "mona@pipeline.example", name: "Mona Manager", role: "sales_manager",
    password: "monas-password-1", must_change_password: false,
  });
  const team = await api(server.base, admin, "POST", "/teams", { name: "Pipeline team", manager_id: manager.id });
  await api(server.base, admin, "POST", "/users", {
    email: "pia@pipeline.example", name: "Pia Rep", role: "sales_rep", team_id: team.id,
    password: "pias-password-1", must_change_password: false,
  });

  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  await signIn(page, "pia@pipeline.example", "pias-password-1");
  await page.getByRole("link", { name: "Leads" }).click();
  await page.getByText("No leads here").waitFor();

  // Add a lead with the floating button; a bad email is named on its field.
  await page.getByRole("button", { name: "Add lead" }).click();
  const dialog = page.getByRole("dialog", { name: "New lead" });
  await dialog.getByLabel("Company").fill("Whole Foods Market");
  await dialog.getByLabel("Contact name").fill("Jennifer Smith");
  await dialog.getByLabel("Email", { exact: true }).fill("not-an-email");
  await dialog.getByRole("button", { name: "Add lead" }).click();
  await dialog.locator(".field-error").first().waitFor();
  await dialog.getByLabel("Email", { exact: true }).fill("jsmith@wholefoods.example");
  await dialog.getByLabel("Deal value (USD)").fill("85000");
  await dialog.getByRole("button", { name: "Add lead" }).click();
  const card = page.locator(".lead-card", { hasText: "Whole Foods Market" });
  await card.waitFor();
  await page.screenshot({ path: join(artifacts, "leads-rep-phone.png") });
  await card.click();
  await page.getByRole("heading", { name: "Whole Foods Market" }).waitFor();

  // Move to Contacted: no next date yet, so the lead shows as incomplete in red.
  await page.getByLabel("Stage").selectOption({ label: "Contacted" });
  await page.getByTestId("incomplete").waitFor();
  assert.equal(await page.getByTestId("stage").innerText(), "Contacted");

  // Log a call with an outcome, notes and a follow-up date: the leak closes.
  await page.getByRole("button", { name: "Log call" }).click();
  await page.getByLabel("Choice").selectOption("positive");
  await page.locator("input[name=when]").fill("2030-01-15T10:00");
  await page.getByLabel("Notes").fill("Keen on bulk pricing");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByText("Keen on bulk pricing").waitFor();
  assert.equal(await page.getByTestId("incomplete").count(), 0);

  // Through the stages to won.
  await page.getByLabel("Stage").selectOption({ label: "Negotiation" });
  await page.getByTestId("stage").filter({ hasText: "Negotiation" }).waitFor();
  await page.getByRole("button", { name: "Mark won" }).click();
  await page.getByTestId("stage").filter({ hasText: "Closed won" }).waitFor();
  await page.screenshot({ path: join(artifacts, "lead-won-phone.png") });
  await ctx.close();

  // The manager's kanban shows the team's open leads by stage.
  const rep = await token(server.base, "pia@pipeline.example", "pias-password-1");
  await api(server.base, rep, "POST", "/leads", { company: "Safeway", contact_name: "Sam" });
  const mctx = await browser.newContext(desktop);
  const mpage = await mctx.newPage();
  await signIn(mpage, "mona@pipeline.example", "monas-password-1");
  await mpage.goto(`${server.base}/pipeline`);
  const newCol = mpage.locator(".kanban-col[data-stage=NEW]");
  await newCol.getByText("Safeway").waitFor();
  // Drag it to Contacted: the stage route moves it.
  await newCol.getByText("Safeway").dragTo(mpage.locator(".kanban-col[data-stage=CONTACTED]"));
  await mpage.locator(".kanban-col[data-stage=CONTACTED]").getByText("Safeway").waitFor();
  await mpage.screenshot({ path: join(artifacts, "kanban-manager.png") });
  const leads = await api(server.base, rep, "GET", "/leads?q=safeway");
  assert.equal(leads.items[0].stage_name, "Contacted");
  await mctx.close();
});

test("an edit made over someone else's change is refused and says so, without overwriting it", async () => {
  const admin = await token(server.base, ADMIN.email, ADMIN.password);
  await api(server.base, admin, "POST", "/users", {
    email: "cole@pipeline.example", name: "Cole Rep", role: "sales_rep",
    password: "coles-password-1", must_change_password: false,
  });
  const rep = await token(server.base, "cole@pipeline.example", "coles-password-1");
  const lead = await api(server.base, rep, "POST", "/leads", { company: "Concurrent Co" });

  const ctx = await browser.newContext(desktop);
  const page = await ctx.newPage();
  await signIn(page, "cole@pipeline.example", "coles-password-1");
  await page.goto(`${server.base}/leads/${lead.id}`);
  await page.getByRole("heading", { name: "Concurrent Co" }).waitFor();

  // Someone else moves the lead while the page shows the version it loaded.
  const contacted = "00000000-0000-7000-8001-000000000102";
  await api(server.base, rep, "PATCH", `/leads/${lead.id}/stage`, { stage_id: contacted });
  await page.getByLabel("Stage").selectOption({ label: "Negotiation" });
  await page.getByText("Someone else changed this since you opened it").waitFor();
  const after = await api(server.base, rep, "GET", `/leads/${lead.id}`);
  assert.equal(after.stage_name, "Contacted", "the other change stands");
  await ctx.close();
});
