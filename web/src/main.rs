//! Closebook's browser app (Leptos CSR). For now a landing page that proves the toolchain: the
//! shared crate compiles to wasm and Trunk builds the bundle the server serves at `/`.

use closebook_shared::Role;
use leptos::prelude::*;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    let roles = Role::ALL
        .iter()
        .map(|r| view! { <li>{r.label()}</li> })
        .collect_view();
    view! {
        <main class="shell">
            <h1 class="brand">"Closebook"</h1>
            <p class="lede">
                "One system for the pipeline, territories, lead allocation, targets, commissions and partners."
            </p>
            <section class="card">
                <h2>"Built for"</h2>
                <ul class="roles">{roles}</ul>
            </section>
            <a class="button" href="/api/docs/">"API documentation"</a>
        </main>
    }
}
