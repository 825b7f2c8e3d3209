//! Wholesale → catalogue: every product (inactive ones too) with its tier prices, cost and stock,
//! the restock list first when asked; add a product; adjust stock with a reason; add and remove
//! its pictures.

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
    let picturing = RwSignal::new(None::<Product>);
    let pictures_open = RwSignal::new(false);
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
                            <thead><tr><th><span class="sr-only">"Picture"</span></th><th>"Product"</th><th>"MSRP"</th><th>"Tier prices"</th><th>"Cost"</th><th>"Packing"</th><th>"Stock"</th><th></th></tr></thead>
                            <tbody>
                                {page.items.into_iter().map(|p| {
                                    let to_adjust = p.clone();
                                    let to_picture = p.clone();
                                    view! {
                                        <tr class:muted=!p.active>
                                            <td><Thumb product=p.clone()/></td>
                                            <td><strong>{p.name.clone()}</strong><br/><span class="muted small">{format!("{} · {}", p.sku, p.category.label())}{(!p.active).then_some(" · inactive")}</span></td>
                                            <td>{format::money(&p.msrp)}</td>
                                            <td class="small">{p.tier_prices.iter().map(|t| format!("{} {}", t.tier.label(), format::money(&t.price))).collect::<Vec<_>>().join(" · ")}</td>
                                            <td>{p.cost.as_ref().map(format::money).unwrap_or_default()}</td>
                                            <td class="small">{format!("cases of {}, min {}", p.case_pack, p.min_order_qty)}</td>
                                            <td>{p.stock}{p.needs_reorder.then(|| view! { <span class="badge badge-off">"reorder"</span> })}</td>
                                            <td>
                                                <button class="button button-ghost" on:click=move |_| { adjusting.set(Some(to_adjust.clone())); adjust_open.set(true); }>"Adjust stock"</button>
                                                <button class="button button-ghost" on:click=move |_| { picturing.set(Some(to_picture.clone())); pictures_open.set(true); }>"Pictures"</button>
                                            </td>
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
            <Modal title="Pictures" open=pictures_open>
                {move || picturing.get().map(|p| view! { <Pictures product=p on_change=done/> })}
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

/// The product's picture (its first image), small.
#[component]
pub fn Thumb(product: Product) -> impl IntoView {
    product.images.first().map(|i| {
        view! { <img class="thumb" src=i.url.clone() alt=product.name.clone() width="48" height="48" loading="lazy"/> }
    })
}

/// A product's images: each with Remove, and a file picker that adds one (the server checks
/// the type and size and says what is wrong).
#[component]
fn Pictures(
    product: Product,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    use wasm_bindgen::JsCast;
    let images = RwSignal::new(product.images.clone());
    let busy = RwSignal::new(false);
    let id = product.id;
    let picked = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::catalogue::add_image(id, file).await {
                Ok(image) => {
                    images.update(|v| v.push(image));
                    Toasts::show("Picture added");
                    on_change();
                }
                // The server names what is wrong with the file (its type, size, or bytes).
                Err(p) => Toasts::error(
                    p.errors
                        .first()
                        .map_or(p.detail.clone(), |e| format!("The file {}", e.message)),
                ),
            }
            busy.set(false);
        });
    };
    let remove = move |image: uuid::Uuid| {
        leptos::task::spawn_local(async move {
            match api::catalogue::delete_image(image).await {
                Ok(()) => {
                    images.update(|v| v.retain(|i| i.id != image));
                    on_change();
                }
                Err(p) => Toasts::error(p.detail),
            }
        });
    };
    view! {
        <div class="pictures" data-testid="pictures">
            <p class="muted small">{format!("{}: the first picture is the one partners see first. PNG, JPEG or WebP, up to 5 MB.", product.name)}</p>
            {move || {
                let list = images.get();
                if list.is_empty() {
                    return view! { <EmptyState title="No pictures yet" hint="Add one: partners choose with their eyes."/> }.into_any();
                }
                view! {
                    <ul class="picture-grid">
                        {list.into_iter().map(|i| {
                            let image = i.id;
                            view! {
                                <li>
                                    <img src=i.url.clone() alt="" width="120" height="120"/>
                                    <span class="muted small">{format!("{}×{}", i.width, i.height)}</span>
                                    <button class="button button-ghost" on:click=move |_| remove(image)>"Remove"</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <label class="button button-primary" class:disabled=move || busy.get()>
                {move || if busy.get() { "Uploading…" } else { "Add picture" }}
                <input type="file" class="sr-only" accept="image/png,image/jpeg,image/webp" data-testid="picture-file" on:change=picked prop:disabled=move || busy.get()/>
            </label>
        </div>
    }
}
