//! Pricing (seed 004 "Pricing" tab): the catalogue at the partner's tier — MSRP, its price, the
//! margin it keeps at MSRP, packing and the minimum order — and the cart. The cart is priced
//! here with the shared rules the server uses (`closebook_shared::orders::price_cart`), so the
//! total shown is the order's to the cent; placing it asks the server, which checks credit.

use std::collections::BTreeMap;

use closebook_shared::catalogue::{Product, ProductListQuery};
use closebook_shared::orders::{CartItem, PlaceOrderRequest, PricedProduct, price_cart};
use closebook_shared::partners::PartnerListQuery;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

use crate::api;
use crate::components::format;
use crate::components::ui::{
    EmptyState, Field, FormState, ProblemBox, SelectField, Skeleton, Toasts, answered,
};

fn priced(p: &Product) -> PricedProduct {
    PricedProduct {
        id: p.id,
        sku: p.sku.clone(),
        name: p.name.clone(),
        msrp: p.msrp.clone(),
        case_pack: p.case_pack,
        min_order_qty: p.min_order_qty,
        active: p.active,
    }
}

#[component]
pub fn PricingPage() -> impl IntoView {
    let search = RwSignal::new(String::new());
    let products = LocalResource::new(move || {
        let q = search.get();
        api::catalogue::list(ProductListQuery {
            q: (!q.trim().is_empty()).then_some(q),
            limit: Some(200),
            ..Default::default()
        })
    });
    // The cart: product → (the product, units asked for), in the order they were added.
    let cart = RwSignal::new(BTreeMap::<Uuid, (Product, u32)>::new());
    view! {
        <section class="page pricing">
            <div class="page-header">
                <h1 class="page-title">"Pricing"</h1>
                <input class="search" type="search" placeholder="Search products or SKUs" aria-label="Search products"
                    on:input=move |ev| search.set(event_target_value(&ev))/>
            </div>
            <div class="pricing-layout">
                <Transition fallback=|| view! { <Skeleton rows=6/> }>
                    {answered(products, move |page| {
                        if page.items.is_empty() {
                            return view! { <EmptyState title="No products match"/> }.into_any();
                        }
                        view! {
                            <div class="card-list" data-testid="catalogue">
                                {page.items.into_iter().map(|p| view! { <ProductCard product=p cart=cart/> }).collect_view()}
                            </div>
                        }.into_any()
                    })}
                </Transition>
                <Cart cart=cart/>
            </div>
        </section>
    }
}

#[component]
fn ProductCard(product: Product, cart: RwSignal<BTreeMap<Uuid, (Product, u32)>>) -> impl IntoView {
    let quantity = RwSignal::new(product.min_order_qty.to_string());
    let price = product.your_price.clone();
    let stock = if product.stock <= 0 {
        "Out of stock"
    } else if product.needs_reorder {
        "Low stock"
    } else {
        "In stock"
    };
    let add = {
        let product = product.clone();
        move |_| {
            let units = quantity.get_untracked().trim().parse::<u32>().unwrap_or(0);
            if units == 0 {
                return;
            }
            let p = product.clone();
            cart.update(|c| {
                c.insert(p.id, (p, units));
            });
        }
    };
    let picture = product.images.first().map(|i| {
        view! { <img class="product-picture" src=i.url.clone() alt=product.name.clone() loading="lazy" width=i.width height=i.height/> }
    });
    view! {
        <div class="card product-card" data-testid="product">
            {picture}
            <div class="team-head">
                <strong>{product.name.clone()}</strong>
                <span class="muted">{product.sku.clone()}</span>
                <span class="badge">{stock}</span>
            </div>
            <p class="small">
                {format!("MSRP {}", format::money(&product.msrp))}
                {price.map(|p| view! {
                    " · " <strong data-testid="your-price">{format!("Your price {}", format::money(&p.price))}</strong>
                    {format!(" · you keep {} ({}%)", format::money(&p.margin), p.margin_percent)}
                })}
            </p>
            <p class="small muted">{format!("{} · cases of {} · minimum {} units", product.category.label(), product.case_pack, product.min_order_qty)}
                {(!product.allergens.is_empty()).then(|| format!(" · {}", product.allergens.join(", ")))}
                {(!product.certifications.is_empty()).then(|| format!(" · {}", product.certifications.join(", ")))}</p>
            <div class="actions">
                <label class="field inline">
                    <span class="field-label">"Units"</span>
                    <input type="number" min="1" aria-label=format!("Units of {}", product.sku) prop:value=move || quantity.get()
                        on:input=move |ev| quantity.set(event_target_value(&ev))/>
                </label>
                <button class="button" on:click=add>"Add to cart"</button>
            </div>
        </div>
    }
}

#[component]
fn Cart(cart: RwSignal<BTreeMap<Uuid, (Product, u32)>>) -> impl IntoView {
    let po = RwSignal::new(String::new());
    let ship = RwSignal::new(String::new());
    // The account's saved addresses, for "Ship to".
    let saved = LocalResource::new(|| async {
        let page = api::partners::list(PartnerListQuery {
            limit: Some(1),
            ..Default::default()
        })
        .await?;
        match page.items.first() {
            Some(a) => api::partners::addresses(a.id).await,
            None => Ok(Vec::new()),
        }
    });
    let ship_options = Signal::derive(move || {
        let list = saved.get().and_then(Result::ok).unwrap_or_default();
        let default = list
            .iter()
            .find(|a| a.is_default)
            .map_or_else(|| "your business address".to_owned(), |a| a.label.clone());
        std::iter::once((String::new(), format!("Default: {default}")))
            .chain(list.iter().map(|a| (a.id.to_string(), a.label.clone())))
            .collect::<Vec<_>>()
    });
    let form = FormState::new();
    let (problem, busy) = (form.problem, form.busy);
    let navigate = use_navigate();
    // The cart's price, as the server will compute it: same rules, same discount.
    let priced_cart = Memo::new(move |_| {
        cart.with(|c| {
            let discount = c
                .values()
                .find_map(|(p, _)| p.your_price.as_ref().map(|y| y.discount_percent))?;
            let lines: Vec<(PricedProduct, u32)> =
                c.values().map(|(p, n)| (priced(p), *n)).collect();
            Some(price_cart(&lines, discount).map_err(|e| e.field_and_message()))
        })
    });
    let place = move |_| {
        let items: Vec<CartItem> = cart.with_untracked(|c| {
            c.values()
                .map(|(p, n)| CartItem {
                    product_id: p.id,
                    quantity: *n,
                })
                .collect()
        });
        let text = po.get_untracked().trim().to_owned();
        let body = PlaceOrderRequest {
            partner_id: None,
            items,
            po_number: (!text.is_empty()).then_some(text),
            ship_to: None,
            // Empty: the account's default (saved address, else its business address).
            shipping_address_id: ship.get_untracked().parse().ok(),
            special_instructions: None,
        };
        let navigate = navigate.clone();
        form.run(async move { api::orders::place(&body).await }, move |o| {
            Toasts::show(format!("Order {} placed", o.number));
            cart.set(BTreeMap::new());
            navigate(&format!("/partner/orders/{}", o.id), Default::default());
        });
    };
    view! {
        <aside class="card cart" data-testid="cart">
            <h2>"Cart"</h2>
            {move || match priced_cart.get() {
                None => view! { <p class="muted">"Add products: quantities round up to whole cases."</p> }.into_any(),
                Some(Err((_, message))) => view! { <p class="field-error" role="alert">{message}</p> }.into_any(),
                Some(Ok(c)) => view! {
                    <ul class="cart-lines">
                        {c.lines.into_iter().map(|l| {
                            let id = l.product_id;
                            view! {
                                <li>
                                    <span>{format!("{} × {}", l.quantity, l.name)}</span>
                                    {(l.quantity != l.requested).then(|| view! { <span class="muted small">{format!(" ({} cases of {})", l.cases, l.case_pack)}</span> })}
                                    <span>{format!(" {}", format::money(&l.subtotal))}</span>
                                    <button class="button button-ghost small" aria-label="Remove" on:click=move |_| cart.update(|c| { c.remove(&id); })>"×"</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <p class="small muted">{format!("MSRP {} · your {}% discount {}", format::money(&c.msrp_total), c.discount_percent, format::money(&c.discount))}</p>
                    <p><strong data-testid="cart-subtotal">{format::money(&c.subtotal)}</strong></p>
                }.into_any(),
            }}
            <ProblemBox problem=problem/>
            <Field label="PO number" name="po_number" value=po problem=problem/>
            <SelectField label="Ship to" name="shipping_address_id" value=ship problem=problem options=ship_options/>
            <button class="button button-primary" data-testid="place-order"
                disabled=move || busy.get() || !matches!(priced_cart.get(), Some(Ok(_)))
                on:click=place>"Place order"</button>
        </aside>
    }
}
