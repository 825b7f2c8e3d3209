// Territories and allocation (issue 11): a manager draws a territory on the map and assigns a
// rep; a lead created inside it reaches that rep's queue, and the rep accepts it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ADMIN, api, artifacts, launchBrowser, signIn as submitSignIn, startServer, token } from "./harness.mjs";

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

test("a manager draws a territory and assigns a rep; a lead inside reaches the rep, who accepts it", async () => {
  const admin = await token(server.base, ADMIN.email, ADMIN.password);
  const manager = await api(server.base, admin, "POST", "/users", {
    email: "tess@territory.example", name: "Tess Manager", role: "sales_manager",
    password: "tess-password-1", must_change_password: false,
  });
  await api(server.base, admin, "POST", "/users", {
    email: "rob@territory.example", name: "Rob Rep", role: "sales_rep", manager_id: manager.id,
    password: "robs-password-1", must_change_password: false,
  });

  const ctx = await browser.newContext(desktop);
  const page = await ctx.newPage();
  await signIn(page, "tess@territory.example", "tess-password-1");
  await page.getByRole("link", { name: "Territories" }).click();
  await page.getByRole("heading", { name: "Territories" }).waitFor();
  await page.getByText("No territories yet").waitFor();

  // Draw an outline: four corners clicked on the map, then finish.
  const map = page.getByTestId("map");
  await map.locator(".leaflet-container, .leaflet-pane").first().waitFor({ state: "attached" });
  await page.getByRole("button", { name: "Draw an outline" }).click();
  for (const [x, y] of [[300, 200], [500, 200], [500, 380], [300, 380]]) {
    await map.click({ position: { x, y } });
  }
  await page.getByRole("button", { name: "Finish outline" }).click();
  await page.getByText("Outline ready: save it below").waitFor();
  const form = page.getByTestId("new-territory");
  await form.getByLabel("Name").fill("Browser Basin");
  await form.getByRole("button", { name: "Create" }).click();
  await page.getByTestId("tree").getByRole("button", { name: /Browser Basin/ }).waitFor();
  await page.locator(".leaflet-interactive").first().waitFor();

  // Assign the rep as its owner.
  const who = page.getByTestId("assignments");
  await who.getByLabel("Person").selectOption({ label: "Rob Rep" });
  await who.getByRole("button", { name: "Assign" }).click();
  await who.getByText("Rob Rep — Owner").waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(artifacts, "territory-designer-manager-desktop.png") });

  // A lead inside the outline, entered without an owner (an inbound lead): the engine
  // allocates it to the territory's rep.
  const tess = await token(server.base, "tess@territory.example", "tess-password-1");
  const drawn = (await api(server.base, tess, "GET", "/territories/export")).features[0];
  assert.equal(drawn.geometry.type, "Polygon");
  const ring = drawn.geometry.coordinates[0].slice(0, -1);
  assert.equal(ring.length, 4, "the four corners clicked");
  const [lon, lat] = ring.reduce(([a, b], [x, y]) => [a + x / ring.length, b + y / ring.length], [0, 0]);
  const lead = await api(server.base, tess, "POST", "/leads", { company: "Basin Bakery", latitude: lat, longitude: lon });
  assert.equal(lead.territory_id, drawn.id, "the lead lies in the drawn territory");
  assert.equal(lead.owner_name, "Rob Rep", "allocated to the territory's rep");
  await ctx.close();

  // The rep finds it in the queue, with its countdown, and accepts it.
  const repCtx = await browser.newContext(desktop);
  const rep = await repCtx.newPage();
  await signIn(rep, "rob@territory.example", "robs-password-1");
  await rep.getByRole("link", { name: "Queue" }).click();
  const item = rep.locator(".queue-item", { hasText: "Basin Bakery" });
  await item.waitFor();
  await item.getByText(/due in 1 h 5\d min|due in 2 h 00 min/).waitFor();
  await rep.screenshot({ path: join(artifacts, "allocation-queue-rep-desktop.png") });
  await item.getByRole("button", { name: "Accept" }).click();
  await rep.getByText("Accepted").first().waitFor();
  const rob = await token(server.base, "rob@territory.example", "robs-password-1");
  const [allocation] = (await api(server.base, rob, "GET", `/allocations?lead_id=${lead.id}`)).items;
  assert.equal(allocation.status, "accepted");

  // Its territory card counts the lead as claimed.
  await rep.locator(".sidebar").getByRole("link", { name: "My territory" }).click();
  const card = rep.getByTestId("my-territory");
  await card.getByText("Browser Basin").waitFor();
  await rep.screenshot({ path: join(artifacts, "my-territory-rep-desktop.png") });
  await repCtx.close();
});
