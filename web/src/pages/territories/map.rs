//! The map (`territory-map.js` over Leaflet, loaded by `territory.html`), called through
//! wasm-bindgen. Without the script (a page of another portal) every call is a no-op.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = cbMap, js_name = init, catch)]
    fn init_js(element_id: &str, tile_url: Option<String>) -> Result<bool, JsValue>;
    #[wasm_bindgen(js_namespace = cbMap, js_name = show, catch)]
    fn show_js(
        collection: &str,
        selected: Option<String>,
        on_select: &Closure<dyn Fn(String)>,
    ) -> Result<(), JsValue>;
    #[wasm_bindgen(js_namespace = cbMap, js_name = startDraw, catch)]
    fn start_draw_js() -> Result<(), JsValue>;
    #[wasm_bindgen(js_namespace = cbMap, js_name = finishDraw, catch)]
    fn finish_draw_js() -> Result<String, JsValue>;
    #[wasm_bindgen(js_namespace = cbMap, js_name = cancelDraw, catch)]
    fn cancel_draw_js() -> Result<(), JsValue>;
}

/// Mounts the map in the element with this id; false when the map library is missing.
pub fn init(element_id: &str, tile_url: Option<String>) -> bool {
    init_js(element_id, tile_url).unwrap_or(false)
}

/// Draws the territories (a FeatureCollection as JSON), outlining `selected`.
pub fn show(collection: &str, selected: Option<String>, on_select: &Closure<dyn Fn(String)>) {
    let _ = show_js(collection, selected, on_select);
}

pub fn start_draw() {
    let _ = start_draw_js();
}

/// The outline drawn since [`start_draw`], as a GeoJSON Polygon; `None` with under 3 points.
pub fn finish_draw() -> Option<String> {
    finish_draw_js().ok().filter(|s| !s.is_empty())
}

pub fn cancel_draw() {
    let _ = cancel_draw_js();
}
