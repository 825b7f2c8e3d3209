//! Wholesale → catalogue: every product (inactive ones too) with its tier prices, cost and stock,
//! the restock list first when asked; add a product; adjust stock with a reason.

use closebook_shared::Money;
use closebook_shared::catalogue::{
    CreateProductRequest, Product, ProductCategory, ProductListQuery, StockAdjustmentRequest,
};
use leptos::prelude::*;

use crate::api;
use crate::components::format;
use crate::components::ui::{
    EmptyState, Field, FormState, Modal, ProblemBox, SelectField, Skeleton, Toasts, answered,
    enum_options, typed_amount,
};

#[component]
pub fn CataloguePage() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let restock = RwSignal::new(false);
    let products = LocalResource::new(move || {
        let _ = reload.get();
        api::catalogue::list(ProductListQuery {
            include_inactive: Some(true),
            needs_reorder: restock.get().then_some(true),
            limit: Some(200),
            ..Default::default()
        })
    });
    let adding = RwSignal::new(false);
    // Prices are in the organisation's currency: the catalogue's.
    let currency = Signal::derive(move || {
        products
            .get()
            .and_then(|r| r.ok())
            .and_then(|p| p.items.first().map(|p| p.msrp.currency.clone()))
            .unwrap_or_else(|| "USD".to_owned())
    });
    let adjusting = RwSignal::new(None::<Product>);
    let adjust_open = RwSignal::new(false);
    let done = move || reload.update(|n| *n += 1);
    view! {
        <section class="page">
            <div class="page-header">
                <h1 class="page-title">"Catalogue"</h1>
                <button class="button button-primary" on:click=move |_| adding.set(true)>"Add product"</button>
            </div>
            <div class="chips" role="group" aria-label="Which products">
                <button class="chip" class:active=move || !restock.get() on:click=move |_| restock.set(false)>"All"</button>
                <button class="chip" class:active=move || restock.get() on:click=move |_| restock.set(true)>"To restock"</button>
            </div>
            <Transition fallback=|| view! { <Skeleton rows=6/> }>
                {answered(products, move |page| {
                    if page.items.is_empty() {
                        return view! { <EmptyState title="No products here" hint="Add the products partners order: prices, packing and the minimum order."/> }.into_any();
                    }
                    view! {
                        <div class="table-wrap"><table class="table" data-testid="catalogue">
                            <thead><tr><th>"Product"</th><th>"MSRP"</th><th>"Tier prices"</th><th>"Cost"</th><th>"Packing"</th><th>"Stock"</th><th></th></tr></thead>
                            <tbody>
                                {page.items.into_iter().map(|p| {
                                    let to_adjust = p.clone();
                                    view! {
                                        <tr class:muted=!p.active>
                                            <td><strong>{p.name.clone()}</strong><br/><span class="muted small">{format!("{} · {}", p.sku, p.category.label())}{(!p.active).then_some(" · inactive")}</span></td>
                                            <td>{format::money(&p.msrp)}</td>
                                            <td class="small">{p.tier_prices.iter().map(|t| format!("{} {}", t.tier.label(), format::money(&t.price))).collect::<Vec<_>>().join(" · ")}</td>
                                            <td>{p.cost.as_ref().map(format::money).unwrap_or_default()}</td>
                                            <td class="small">{format!("cases of {}, min {}", p.case_pack, p.min_order_qty)}</td>
                                            <td>{p.stock}{p.needs_reorder.then(|| view! { <span class="badge badge-off">"reorder"</span> })}</td>
                                            <td><button class="button button-ghost" on:click=move |_| { adjusting.set(Some(to_adjust.clone())); adjust_open.set(true); }>"Adjust stock"</button></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any()
                })}
            </Transition>
            <Modal title="Add product" open=adding>
                <ProductForm currency=currency on_done=move || { adding.set(false); done(); }/>
            </Modal>
            <Modal title="Adjust stock" open=adjust_open>
                {move || adjusting.get().map(|p| view! { <StockForm product=p on_done=move || { adjust_open.set(false); done(); }/> })}
            </Modal>
        </section>
    }
}

fn count(v: RwSignal<String>) -> u32 {
    v.get_untracked().trim().parse().unwrap_or(0)
}

#[component]
fn ProductForm(
    currency: Signal<String>,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let [sku, name, msrp, wholesale, cost, case_pack, moq, stock] =
        ["", "", "", "", "", "12", "48", "0"].map(|v| RwSignal::new(v.to_owned()));
    let category = RwSignal::new(ProductCategory::Smoothie.as_str().to_owned());
    let form = FormState::new();
    let (problem, busy) = (form.problem, form.busy);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(category) = category.get_untracked().parse::<ProductCategory>() else {
            return;
        };
        let currency = currency.get_untracked();
        let money =
            |v: RwSignal<String>| Money::new(typed_amount(&v.get_untracked()), currency.clone());
        let body = CreateProductRequest {
            sku: sku.get_untracked().trim().to_owned(),
            name: name.get_untracked(),
            category,
            subcategory: None,
            description: None,
            msrp: money(msrp),
            wholesale_price: money(wholesale),
            cost: money(cost),
            case_pack: count(case_pack),
            min_order_qty: count(moq),
            stock: count(stock),
            reorder_point: 0,
            allergens: Vec::new(),
            certifications: Vec::new(),
            nutrition: Default::default(),
            storage_temp: None,
            shelf_life_days: 365,
        };
        let on_done = on_done.clone();
        form.run(
            async move { api::catalogue::create(&body).await },
            move |p| {
                Toasts::show(format!("Added {}", p.name));
                on_done();
            },
        );
    };
    view! {
        <form class="form" on:submit=submit>
            <ProblemBox problem=problem/>
            <Field label="SKU" name="sku" value=sku problem=problem/>
            <Field label="Name" name="name" value=name problem=problem/>
            <SelectField label="Category" name="category" value=category problem=problem
                options=Signal::derive(|| enum_options(ProductCategory::ALL, ProductCategory::as_str, ProductCategory::label))/>
            <Field label="MSRP" name="msrp" value=msrp problem=problem/>
            <Field label="Wholesale price" name="wholesale_price" value=wholesale problem=problem/>
            <Field label="Cost" name="cost" value=cost problem=problem/>
            <Field label="Units per case" name="case_pack" value=case_pack problem=problem kind="number"/>
            <Field label="Minimum order (units)" name="min_order_qty" value=moq problem=problem kind="number"/>
            <Field label="Stock on hand" name="stock" value=stock problem=problem kind="number"/>
            <button class="button button-primary" type="submit" disabled=move || busy.get()>"Add"</button>
        </form>
    }
}

#[component]
fn StockForm(
    product: Product,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let change = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let form = FormState::new();
    let (problem, busy) = (form.problem, form.busy);
    let id = product.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = StockAdjustmentRequest {
            change: change.get_untracked().trim().parse().unwrap_or(0),
            reason: reason.get_untracked(),
        };
        let on_done = on_done.clone();
        form.run(
            async move { api::catalogue::adjust_stock(id, &body).await },
            move |p| {
                Toasts::show(format!("{} now has {} in stock", p.name, p.stock));
                on_done();
            },
        );
    };
    view! {
        <form class="form" on:submit=submit>
            <p>{format!("{}: {} in stock", product.name, product.stock)}</p>
            <ProblemBox problem=problem/>
            <Field label="Units received (negative to write off)" name="change" value=change problem=problem kind="number"/>
            <Field label="Reason" name="reason" value=reason problem=problem/>
            <button class="button button-primary" type="submit" disabled=move || busy.get()>"Save"</button>
        </form>
    }
}
