// Browser journeys per role (issue 3): admin manages people; a rep on a phone; refusals.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ADMIN, PHONE, api, artifacts, launchBrowser, signIn as submitSignIn, startServer, token } from "./harness.mjs";

let server, browser;
const desktop = { viewport: { width: 1280, height: 800 } };

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
}

test("admin creates a team and a rep; the rep signs in on a phone and sees the tab bar", async () => {
  const ctx = await browser.newContext(desktop);
  const page = await ctx.newPage();
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole("heading", { name: /Welcome/ }).waitFor();
  await page.screenshot({ path: join(artifacts, "home-admin.png") });

  // A team …
  await page.getByRole("link", { name: "Teams" }).first().click();
  await page.getByRole("button", { name: "New team" }).click();
  const teamDialog = page.getByRole("dialog", { name: "New team" });
  await teamDialog.getByLabel("Name").fill("North Stars");
  await teamDialog.getByLabel("City").fill("Minneapolis");
  await teamDialog.getByRole("button", { name: "Save team" }).click();
  await page.getByText("North Stars").first().waitFor();

  // … and a rep in it. A server-side validation message lands on its field.
  await page.getByRole("link", { name: "Users" }).first().click();
  await page.getByRole("button", { name: "New user" }).click();
  const dialog = page.getByRole("dialog", { name: "New user" });
  await dialog.getByLabel("Name").fill("Riley Rep");
  await dialog.getByLabel("Email").fill("riley@browser.example");
  await dialog.getByLabel("Team").selectOption({ label: "North Stars" });
  await dialog.getByLabel(/Temporary password/).fill("short");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await dialog.getByText("must be at least 12 characters").waitFor();
  await dialog.getByLabel(/Temporary password/).fill("temporary-riley-1");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await page.getByRole("cell", { name: /Riley Rep/ }).waitFor();
  // Columns sort: names descending puts Riley above the Administrator.
  await page.getByRole("button", { name: "Name" }).click();
  await page.getByRole("button", { name: "Name ▼" }).waitFor();
  const names = await page.locator("tbody td[data-label=Name]").allInnerTexts();
  assert.ok(names[0].startsWith("Riley Rep"), `sorted descending: ${names}`);

  // Sign out through the user menu.
  await page.getByRole("button", { name: /Administrator/ }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign in" }).waitFor();
  await ctx.close();

  const mobile = await browser.newContext(PHONE);
  const rep = await mobile.newPage();
  await signIn(rep, "riley@browser.example", "temporary-riley-1");
  // A temporary password must be replaced first.
  await rep.getByText("Choose your own to continue").waitFor();
  await rep.getByLabel("Current password").fill("temporary-riley-1");
  await rep.getByLabel(/New password/).fill("rileys-own-password");
  await rep.getByRole("button", { name: "Change password" }).click();
  await rep.getByRole("heading", { name: "Welcome, Riley" }).waitFor();
  const tabbar = rep.getByRole("navigation", { name: "Tabs" });
  assert.ok(await tabbar.isVisible(), "the bottom tab bar shows on a phone");
  assert.equal(await rep.getByRole("navigation", { name: "Main navigation" }).isVisible(), false, "no sidebar on a phone");
  const box = await tabbar.boundingBox();
  assert.equal(Math.round(box.height), 72);
  for (const tab of await tabbar.getByRole("link").all()) {
    const b = await tab.boundingBox();
    assert.ok(b.height >= 44 && b.width >= 44, "tabs are at least 44 px");
  }
  const labels = await tabbar.getByRole("link").allInnerTexts();
  assert.deepEqual(labels.map((l) => l.trim().split("\n").pop()), ["Dashboard", "Leads", "Activity", "Commission", "Profile"], "the rep's built capabilities (the kanban is a desktop view)");
  await rep.screenshot({ path: join(artifacts, "home-sales_rep-phone.png") });
  await mobile.close();
});

test("a wrong password shows an error", async () => {
  const ctx = await browser.newContext(desktop);
  const page = await ctx.newPage();
  await signIn(page, ADMIN.email, "definitely-not-it");
  await page.getByRole("alert").filter({ hasText: "the email or the password is wrong" }).waitFor();
  assert.match(page.url(), /\/login$/);
  await ctx.close();
});

test("a rep opening an admin URL is refused", async () => {
  const admin = await token(server.base, ADMIN.email, ADMIN.password);
  await api(server.base, admin, "POST", "/users", {
    email: "sam@browser.example", name: "Sam Seller", role: "sales_rep",
    password: "sams-password-1", must_change_password: false,
  });
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  await signIn(page, "sam@browser.example", "sams-password-1");
  await page.getByRole("heading", { name: "Welcome, Sam" }).waitFor();
  await page.goto(`${server.base}/admin/users`);
  await page.getByText("You don't have access to this page").waitFor();
  assert.equal(await page.getByRole("button", { name: "New user" }).count(), 0);
  await ctx.close();
});

test("every role has a home page", async () => {
  const admin = await token(server.base, ADMIN.email, ADMIN.password);
  for (const role of ["sales_manager", "finance", "partner"]) {
    const email = `${role}@browser.example`;
    await api(server.base, admin, "POST", "/users", {
      email, name: `${role.replace("_", " ")} person`, role, password: "role-password-1", must_change_password: false,
    });
    const ctx = await browser.newContext(desktop);
    const page = await ctx.newPage();
    await signIn(page, email, "role-password-1");
    // Finance starts at its approval queue (the office portal), a partner user at its portal's
    // dashboard, the others at the dashboard.
    await page.getByRole("heading", { name: role === "finance" ? "Approvals" : /Welcome/ }).waitFor();
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: join(artifacts, `home-${role}.png`) });
    await ctx.close();
  }
});

test("an expired session returns to sign-in with a message", async () => {
  const ctx = await browser.newContext(desktop);
  const page = await ctx.newPage();
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole("heading", { name: /Welcome/ }).waitFor();
  // The home page is still loading its figures after the heading shows: swap the tokens only
  // once it is quiet, or one of those loads meets the bad token first and signs out before the click.
  await page.waitForLoadState("networkidle");
  // Both tokens go bad (as after a long absence): the next call cannot refresh.
  await page.evaluate(() => localStorage.setItem("closebook.session", JSON.stringify({ access_token: "expired", refresh_token: "cbr_gone" })));
  await page.getByRole("link", { name: "Users" }).first().click();
  await page.getByText("Your session has expired. Please sign in again.").waitFor();
  await ctx.close();
});
